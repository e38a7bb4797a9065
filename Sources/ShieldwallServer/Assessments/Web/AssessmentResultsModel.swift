import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Everything the results page shows, gathered through the assessment scope.
struct AssessmentResultsModel {
    let assessment: Assessment
    let bank: QuestionBank
    let answers: AssessmentAnswers
    let result: AssessmentResult
    /// Compared with the firm's submitted assessment before this one.
    let change: AssessmentChange?
    let history: [Assessment]
    let benchmarks: [(name: String, slug: String, benchmark: CommunityBenchmark)]
    let actions: [PlanAction]
    let owners: [UUID: String]
    let canSubmit: Bool
    let canPlan: Bool
    let today: String
    var submitErrors: [String] = []

    /// Recommendations with an open or finished action already.
    var planned: Set<String> { Set(actions.map(\.recommendationID)) }

    static func load(_ req: Request, assessment: Assessment, person: SignedIn) async throws -> AssessmentResultsModel {
        let bank = try AssessmentContent.bank()
        let org = assessment.$organisation.id
        let answers = try await AssessmentActions.answers(of: assessment, bank: bank, on: req.db)
        let history = try await AssessmentScope.assessments(of: org, on: req.db).filter(\.$status == Assessment.Status.submitted)
            .sort(\.$submittedAt).all()
        var change: AssessmentChange?
        let cutoff = assessment.submittedAt ?? .distantFuture
        if let previous = history.last(where: { ($0.submittedAt ?? .distantPast) < cutoff && $0.id != assessment.id }) {
            change = AssessmentChange(bank: bank, before: try await AssessmentActions.answers(of: previous, bank: bank, on: req.db), after: answers)
        }
        let k = try await req.instanceSettings().benchmarkMinimumFirms
        var benchmarks: [(String, String, CommunityBenchmark)] = []
        let communityIDs = try await CommunityStandings.activeCommunityIDs(of: person, on: req.db)
        if !communityIDs.isEmpty {
            for community in try await Community.query(on: req.db).filter(\.$id ~~ Array(communityIDs.keys)).sort(\.$name).all() {
                benchmarks.append((community.name, community.slug,
                                   try await BenchmarkReport.figures(for: community, viewerFirm: org, bank: bank, k: k, on: req.db, now: req.now)))
            }
        }
        let actions = try await AssessmentScope.actions(of: org, on: req.db).sort(\.$createdAt).all()
        let people = try await Person.query(on: req.db).filter(\.$organisation.$id == org).all()
        return AssessmentResultsModel(
            assessment: assessment, bank: bank, answers: answers, result: AssessmentResult(bank: bank, answers: answers), change: change,
            history: history, benchmarks: benchmarks, actions: actions,
            owners: Dictionary(uniqueKeysWithValues: people.compactMap { p in p.id.map { ($0, p.displayName) } }),
            canSubmit: AssessmentAccess.canSubmit(firm: org.uuidString, viewer: person.viewer),
            canPlan: AssessmentAccess.canPlan(firm: org.uuidString, viewer: person.viewer), today: PlanActions.today(req.now))
    }
}
