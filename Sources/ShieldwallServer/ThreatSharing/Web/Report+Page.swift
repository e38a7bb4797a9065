import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// One line of the threat feed: who shared it only where the viewer may know.
struct ReportRow: Sendable {
    let id: UUID
    let title: String
    let kind: ThreatReport.Kind
    let tlp: TLP
    let author: String?
    let organisation: String?
    let anonymous: Bool
    let createdAt: Date
    let indicators: Int

    /// `r` with its author and organisation loaded.
    init(_ r: ThreatReport, scope: ReportScope, indicators: Int) throws {
        id = try r.requireID(); title = r.title; kind = r.kind; tlp = r.tlp; createdAt = r.createdAt
        anonymous = r.anonymous
        self.indicators = indicators
        let named = scope.canSeeAuthor(r)
        author = named ? r.author.displayName : nil
        organisation = named ? r.organisation?.name : nil
    }
}

/// A community's threat feed, filtered by kind, TLP and words in the title.
struct ThreatFeedPage: Sendable {
    struct Filter: Sendable {
        var kind: ThreatReport.Kind?
        var tlp: TLP?
        var words: String
    }

    let card: CommunityCard
    let rows: [ReportRow]
    let filter: Filter
    let canShare: Bool

    static func build(_ community: Community, standing: CommunityStanding, scope: ReportScope, filter: Filter,
                      on db: any Database) async throws -> ThreatFeedPage {
        var query = scope.reports(on: db).filter(\.$community.$id == (try community.requireID()))
        if let kind = filter.kind { query = query.filter(\.$kind == kind) }
        if let tlp = filter.tlp { query = query.filter(\.$tlp == tlp) }
        if !filter.words.isEmpty { query = query.filter(\.$title ~~ filter.words) }
        let reports = try await query.sort(\.$createdAt, .descending).limit(200).with(\.$author).with(\.$organisation).all()
        let counts = try await indicatorCounts(try reports.map { try $0.requireID() }, on: db)
        return ThreatFeedPage(card: try CommunityCard(community),
                              rows: try reports.map { try ReportRow($0, scope: scope, indicators: counts[try $0.requireID()] ?? 0) },
                              filter: filter, canShare: CommunityAccess.canParticipate(standing))
    }

    static func indicatorCounts(_ reportIDs: [UUID], on db: any Database) async throws -> [UUID: Int] {
        guard !reportIDs.isEmpty else { return [:] }
        var counts: [UUID: Int] = [:]
        for id in try await ReportIndicator.query(on: db).filter(\.$report.$id ~~ reportIDs).values(\.$report.$id) { counts[id, default: 0] += 1 }
        return counts
    }
}

/// A report as typed: paste, then review the indicators found, then publish.
struct ReportForm: Content {
    var kind: String?
    var title: String?
    var summary: String?
    var narrative: String?
    var what_happened: String?
    var impact: String?
    var what_helped: String?
    var tlp: String?
    var anonymous: String?
    var recipients: [String]?
    var paste: String?
    var indicators: [String]?
    var reviewed: String?
    var step: String?

    var input: ReportActions.Input {
        ReportActions.Input(kind: kind, title: title, summary: summary, narrative: narrative, whatHappened: what_happened,
                            impact: impact, whatHelped: what_helped, tlp: tlp, anonymous: anonymous == "true", status: nil,
                            recipients: (recipients ?? []).compactMap(UUID.init(uuidString:)), indicators: indicators ?? [])
    }
}

/// Sharing a report: the form, the people who could receive it as TLP:RED, and the indicators found to review.
struct ReportFormPage: Sendable {
    let card: CommunityCard
    let form: ReportForm
    /// Everyone else taking part in the community, for TLP:RED.
    let people: [(id: UUID, name: String)]
    let found: [IndicatorExtractor.Found]?
    let errors: [String: String]

    static func build(_ community: Community, author: SignedIn, form: ReportForm, found: [IndicatorExtractor.Found]?,
                      errors: [String: String] = [:], on db: any Database) async throws -> ReportFormPage {
        let ids = try await CommunityStandings.participantIDs(of: community.requireID(), on: db).subtracting([author.personID])
        let people = ids.isEmpty ? [] : try await Person.query(on: db).filter(\.$id ~~ Array(ids)).sort(\.$displayName).all()
            .map { (try $0.requireID(), $0.displayName) }
        return ReportFormPage(card: try CommunityCard(community), form: form, people: people, found: found, errors: errors)
    }
}

/// What a report's page shows, all counted through the viewer's scope.
struct ReportPage: Sendable {
    struct Comment: Sendable {
        let id: UUID
        let author: String
        let at: Date
        let body: String
        let edited: Bool
        let canEdit: Bool
    }

    let row: ReportRow
    let card: CommunityCard
    let status: ThreatReport.Status
    let summary: String
    let narrative: String
    /// The lessons: what happened, the impact, what helped (catalogue key and text), those written.
    let lessons: [(key: String, text: String)]
    let canChangeStatus: Bool
    let recipients: [String]
    let indicators: [IndicatorSummary]
    let warnings: [UUID: String]
    let comments: [Comment]
    let edited: Bool
    let canComment: Bool
    let canSight: Bool
    /// An advisory the viewer's firm can put in its action list, and whether it already has.
    let canAddAction: Bool
    let inActionList: Bool
    /// The instance it was pulled from, for a report another instance shared.
    let provenance: ReportProvenance?
    var errors: [String: String] = [:]

    static func build(_ report: ThreatReport, scope: ReportScope, viewer: SignedIn, app: Application, on db: any Database,
                      now: Date) async throws -> ReportPage {
        let reportID = try report.requireID()
        try await report.$author.load(on: db)
        // A report shared without a firm has none to read (Fluent would ask the database for `id IS NULL`).
        if report.$organisation.id == nil { report.$organisation.value = .some(nil) } else { try await report.$organisation.load(on: db) }
        let ids = try await ReportIndicator.query(on: db).filter(\.$report.$id == reportID).values(\.$indicator.$id)
        let summaries = try await IndicatorFacts.summaries(indicatorIDs: ids, scope: scope, now: now, on: db)
        let warningList = try await IndicatorFacts.warningList(app, community: report.$community.id, on: db)
        var warnings: [UUID: String] = [:]
        for (id, s) in summaries { warnings[id] = warningList.reason(for: s.value) }
        var recipients: [String] = []
        if report.tlp == .red {
            let people = try await ReportRecipient.query(on: db).filter(\.$report.$id == reportID).values(\.$person.$id)
            recipients = try await Person.query(on: db).filter(\.$id ~~ people).sort(\.$displayName).values(\.$displayName)
        }
        let standing = try await CommunityStandings.standing(of: viewer, in: report.community, on: db)
        let comments = try await ReportComment.query(on: db).filter(\.$report.$id == reportID).sort(\.$createdAt).with(\.$author).all()
            .map { Comment(id: try $0.requireID(), author: $0.author.displayName, at: $0.createdAt, body: $0.body, edited: $0.editedAt != nil,
                           canEdit: ReportEdits.canEditComment(authorID: $0.$author.id, viewerID: viewer.personID, standing: standing)) }
        let edited = try await ReportRevision.query(on: db).filter(\.$report.$id == reportID).count() > 0
        let canAddAction = AdvisoryActions.canAdd(report, standing: standing, viewer: viewer)
        var inActionList = false
        if canAddAction, let firm = viewer.organisationID {
            inActionList = !(try await app.shieldwall.links.advisoryFollowUps.listed(firm: firm, keys: [AdvisoryActions.key(reportID)], on: db).isEmpty)
        }
        let lessons = [("report.what-happened", report.whatHappened), ("report.impact", report.impact), ("report.what-helped", report.whatHelped)]
            .filter { !$0.1.isEmpty }.map { (key: $0.0, text: $0.1) }
        return ReportPage(
            row: try ReportRow(report, scope: scope, indicators: ids.count), card: try CommunityCard(report.community), status: report.status,
            summary: report.summary, narrative: report.narrative, lessons: lessons,
            canChangeStatus: report.$author.id == viewer.personID || CommunityAccess.canFacilitate(standing),
            recipients: recipients,
            indicators: summaries.values.sorted { ($0.value.type.rawValue, $0.value.value) < ($1.value.type.rawValue, $1.value.value) },
            warnings: warnings, comments: comments, edited: edited, canComment: CommunityAccess.canParticipate(standing),
            canSight: CommunityAccess.canParticipate(standing), canAddAction: canAddAction, inActionList: inActionList,
            provenance: try await app.shieldwall.links.reportProvenance.provenance(of: reportID, on: db))
    }
}

/// Importing a STIX bundle from the page, and what came of it.
struct StixImportPage: Sendable {
    let card: CommunityCard
    let summary: StixImporter.Summary?
    let error: String?
}

/// A bundle imported in the background, from its TAXII status: waiting, or done with what was not taken and why.
struct StixImportStatusPage: Sendable {
    struct Failure: Sendable {
        let id: String
        let reason: String
    }

    let card: CommunityCard
    let id: UUID
    let pending: Bool
    let total: Int
    let taken: Int
    let failures: [Failure]

    init(card: CommunityCard, status: TaxiiStatus) throws {
        let body = try JSONSerialization.jsonObject(with: Data(status.body.utf8)) as? [String: Any] ?? [:]
        self.card = card
        id = try status.requireID()
        pending = body["status"] as? String != "complete"
        total = body["total_count"] as? Int ?? 0
        taken = body["success_count"] as? Int ?? 0
        failures = (body["failures"] as? [[String: Any]] ?? []).map {
            Failure(id: $0["id"] as? String ?? "", reason: $0["message"] as? String ?? "")
        }
    }
}
