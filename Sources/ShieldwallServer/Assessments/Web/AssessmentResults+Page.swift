import Fluent
import Foundation
import ShieldwallCore

/// Everything the results page shows, gathered through the assessment scope.
struct AssessmentResultsPage: Sendable {
    struct Benchmark: Sendable {
        let name: String
        let slug: String
        let figures: CommunityBenchmark
    }

    let assessment: AssessmentSummary
    let bank: QuestionBank
    let answers: AssessmentAnswers
    let result: AssessmentResult
    /// Compared with the firm's submitted assessment before this one.
    let change: AssessmentChange?
    let history: [AssessmentSummary]
    let benchmarks: [Benchmark]
    let plan: ActionTable
    let canSubmit: Bool
    let canPlan: Bool
    var submitErrors: [String] = []

    /// Recommendations with an open or finished action already.
    var planned: Set<String> { Set(plan.actions.map(\.recommendationID)) }

    static func build(_ assessment: Assessment, viewer person: SignedIn, minimumFirms k: Int, on db: any Database, now: Date) async throws
        -> AssessmentResultsPage {
        let bank = try AssessmentContent.bank(person.language)
        let org = assessment.$organisation.id
        let answers = try await AssessmentActions.answers(of: assessment, bank: bank, on: db)
        let history = try await AssessmentScope.assessments(of: org, on: db).filter(\.$status == .submitted).sort(\.$submittedAt).all()
        var change: AssessmentChange?
        let cutoff = assessment.submittedAt ?? .distantFuture
        if let previous = history.last(where: { ($0.submittedAt ?? .distantPast) < cutoff && $0.id != assessment.id }) {
            change = AssessmentChange(bank: bank, before: try await AssessmentActions.answers(of: previous, bank: bank, on: db), after: answers)
        }
        var benchmarks: [Benchmark] = []
        let communityIDs = try await CommunityStandings.activeCommunityIDs(of: person, on: db)
        if !communityIDs.isEmpty {
            for community in try await Community.query(on: db).filter(\.$id ~~ Array(communityIDs.keys)).sort(\.$name).all() {
                benchmarks.append(Benchmark(name: community.name, slug: community.slug,
                                            figures: try await BenchmarkReport.figures(for: community, viewerFirm: org, bank: bank, k: k, on: db, now: now)))
            }
        }
        return AssessmentResultsPage(
            assessment: try AssessmentSummary(assessment), bank: bank, answers: answers, result: AssessmentResult(bank: bank, answers: answers),
            change: change, history: try history.map(AssessmentSummary.init), benchmarks: benchmarks,
            plan: try await ActionTable.build(firm: org, on: db, now: now),
            canSubmit: AssessmentAccess.canSubmit(firm: org.uuidString, viewer: person.viewer),
            canPlan: AssessmentAccess.canPlan(firm: org.uuidString, viewer: person.viewer))
    }
}
