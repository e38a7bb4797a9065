import Fluent
import Foundation
import ShieldwallCore

/// The shipped KPI library in each language, read once and checked at start.
enum MetricsContent {
    static let loaded: Result<[String: KPILibrary], ShippedFileError> = {
        do {
            var all = [CatalogueSet.baseLanguage: try KPILibrary.bundled()]
            for language in try KPILibrary.bundledLanguages() { all[language] = try KPILibrary.bundled(language: language).library }
            return .success(all)
        }
        catch let error as ShippedFileError { return .failure(error) }
        catch { return .failure(ShippedFileError(file: "metrics", id: nil, reason: "\(error)")) }
    }()

    /// In `language`, English where it has no translation; the same ids, units and targets in every language.
    static func library(_ language: String = CatalogueSet.baseLanguage) throws -> KPILibrary {
        let all = try loaded.get()
        guard let library = all[language] ?? all[CatalogueSet.baseLanguage] else { throw ShippedFileError(file: "metrics", id: nil, reason: "English is missing") }
        return library
    }
}

/// Each KPI's value per firm and month: what the firm entered, and what the platform computes from training,
/// self-assessments, the staff coach, the action plan and advisories (`KPIComputation`). One query per source for all
/// the firms and months asked, so a community's figures cost the same for three firms or three hundred.
enum KPIMeasurer {
    /// Firm → KPI id → month → value. A month without a value is absent.
    typealias Values = [UUID: [String: [String: Double]]]

    static func values(firms: [UUID], months: [String], now: Date, on db: any Database) async throws -> Values {
        guard !firms.isEmpty, let first = months.first.flatMap(KPIMonth.start), let last = months.last.flatMap(KPIMonth.end) else { return [:] }
        var result: Values = [:]
        func put(_ firm: UUID, _ kpi: String, _ month: String, _ value: Double?) {
            if let value { result[firm, default: [:]][kpi, default: [:]][month] = value }
        }
        for row in try await KPIValue.query(on: db).filter(\.$organisation.$id ~~ firms).filter(\.$month ~~ months).all() {
            put(row.$organisation.id, row.kpiID, row.month, row.value)
        }
        let ends = Dictionary(uniqueKeysWithValues: months.compactMap { m in KPIMonth.end(m).map { (m, min($0, now)) } })

        // Training done at each month's end.
        let people = try await Person.query(on: db).filter(\.$organisation.$id ~~ firms).filter(\.$deactivatedAt == nil).all()
        let assignments = try await TrainingAssignment.query(on: db).filter(\.$organisation.$id ~~ firms).all()
        let completions = try await TrainingProgress.completions(of: people.compactMap(\.id), on: db)
        for firm in firms {
            let staff = people.filter { $0.$organisation.id == firm }
            let theirs = assignments.filter { $0.$organisation.id == firm }
            guard !theirs.isEmpty else { continue }
            let ids = Set(staff.compactMap(\.id))
            let done = completions.filter { ids.contains($0.key) }
            for month in months {
                guard let end = ends[month] else { continue }
                let endDay = CalendarDay.string(end.addingTimeInterval(-1))
                let progress = TrainingProgress.compute(assignments: theirs.filter { $0.assignedOn <= endDay }, people: staff.filter { $0.createdAt < end },
                                                        completions: done.mapValues { $0.mapValues { $0.filter { $0 <= endDay } } }, today: endDay)
                put(firm, "training-done", month, KPIComputation.trainingDone(progress.cells.values.map { .init(statuses: $0.values.map(\.status)) }))
            }
        }

        // The latest assessment submitted by each month's end.
        let assessments = try await Assessment.query(on: db).filter(\.$organisation.$id ~~ firms).filter(\.$status == .submitted)
            .filter(\.$submittedAt < last).all()
        for firm in firms {
            let submitted = assessments.filter { $0.$organisation.id == firm }.compactMap { a in a.submittedAt.flatMap { at in a.overall.map { (at: at, overall: $0) } } }
            for month in months { put(firm, "assessment-score", month, ends[month].flatMap { KPIComputation.assessmentScore(submitted, before: $0) }) }
        }

        // Check-ins taken during the month.
        let results = try await CoachResult.query(on: db).filter(\.$organisation.$id ~~ firms).filter(\.$completedAt >= first).filter(\.$completedAt < last).all()
        var scored: [UUID: [String: [(correct: Int, total: Int)]]] = [:]
        for r in results {
            guard let firm = r.$organisation.id else { continue }
            scored[firm, default: [:]][KPIMonth.of(r.completedAt), default: []].append((r.correct, r.total))
        }
        for (firm, byMonth) in scored { for (month, list) in byMonth { put(firm, "coach-score", month, KPIComputation.coachScore(list)) } }

        // Actions due during the month, and advisories acted on.
        let actions = try await PlanAction.query(on: db).filter(\.$organisation.$id ~~ firms).all()
        let advisoryIDs = actions.compactMap { AdvisoryActions.report(inKey: $0.recommendationID) }
        let published = advisoryIDs.isEmpty ? [:] : Dictionary(
            try await ThreatReport.query(on: db).filter(\.$id ~~ advisoryIDs).all().compactMap { r in r.id.map { ($0, r.createdAt) } },
            uniquingKeysWith: { a, _ in a })
        for firm in firms {
            let theirs = actions.filter { $0.$organisation.id == firm }
            for month in months {
                let due = theirs.filter { ($0.dueOn ?? "").hasPrefix(month) && $0.status != .notApplicable }.map { (dueOn: $0.dueOn ?? "", doneAt: $0.doneAt) }
                put(firm, "actions-on-time", month, KPIComputation.actionsOnTime(due))
                let acted = theirs.compactMap { a -> (published: Date, done: Date)? in
                    guard let done = a.doneAt, KPIMonth.of(done) == month, let report = AdvisoryActions.report(inKey: a.recommendationID),
                          let at = published[report] else { return nil }
                    return (at, done)
                }
                put(firm, "advisory-days", month, KPIComputation.advisoryDays(acted))
            }
        }
        return result
    }

    /// The targets a firm works to: those of the agreed KPI sets of the communities it takes part in (the first community
    /// by name wins where two disagree); none when no community has agreed a set.
    static func targets(ofFirm firm: UUID, on db: any Database) async throws -> [(kpi: String, target: Double, community: String)] {
        let communities = try await CommunityStandings.activeCommunities(ofFirm: firm, on: db)
        let sets = try await agreedSets(of: communities.compactMap(\.id), on: db)
        var seen = Set<String>()
        var result: [(kpi: String, target: Double, community: String)] = []
        for community in communities {
            guard let id = community.id, let set = sets[id] else { continue }
            for item in try set.items() where seen.insert(item.kpi).inserted { result.append((item.kpi, item.target, community.name)) }
        }
        return result
    }

    static func agreedSets(of communities: [UUID], on db: any Database) async throws -> [UUID: KPISet] {
        guard !communities.isEmpty else { return [:] }
        let rows = try await KPISet.query(on: db).filter(\.$community.$id ~~ communities).filter(\.$status == .agreed).all()
        return Dictionary(rows.map { ($0.$community.id, $0) }, uniquingKeysWith: { a, b in (a.decidedAt ?? a.createdAt) > (b.decidedAt ?? b.createdAt) ? a : b })
    }
}
