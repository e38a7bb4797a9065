import Fluent
import Foundation
import ShieldwallCore

/// A self-assessment as pages show it.
struct AssessmentSummary: Sendable {
    let id: UUID
    let isSubmitted: Bool
    let createdAt: Date
    let submittedAt: Date?
    let overall: Int?
    let areaScores: [String: Int]

    init(_ a: Assessment) throws {
        id = try a.requireID()
        isSubmitted = a.isSubmitted
        createdAt = a.createdAt
        submittedAt = a.submittedAt
        overall = a.overall
        areaScores = a.areaScores
    }

    /// The day it stands for: when it was submitted, or begun.
    var day: String { PlanActions.today(submittedAt ?? createdAt) }
}

/// The assessment's front page: the draft under way, starting one, and the firm's progress over time.
struct AssessmentOverviewPage: Sendable {
    let bank: QuestionBank
    let submitted: [AssessmentSummary]
    let draft: AssessmentSummary?
    /// Questions answered and asked in the draft, profile included.
    let draftProgress: (done: Int, total: Int)?
    let overdueActions: Int

    static func build(firm org: UUID, language: String, on db: any Database, now: Date) async throws -> AssessmentOverviewPage {
        let bank = try AssessmentContent.bank(language)
        let all = try await AssessmentScope.assessments(of: org, on: db).sort(\.$createdAt).all()
        var progress: (Int, Int)?
        let draft = all.first { !$0.isSubmitted }
        if let draft {
            let answers = try await AssessmentActions.answers(of: draft, bank: bank, on: db)
            let applicable = bank.questions.filter { bank.applies($0, profile: answers.profile) }
            progress = (applicable.filter { answers.answers[$0.id] != nil }.count + answers.profile.count, applicable.count + bank.profile.count)
        }
        return AssessmentOverviewPage(bank: bank, submitted: try all.filter(\.isSubmitted).map(AssessmentSummary.init),
                                      draft: try draft.map(AssessmentSummary.init), draftProgress: progress,
                                      overdueActions: try await PlanActions.overdue(of: org, on: db, now: now).count)
    }
}

/// One step of the assessment: the profile, then one area a page.
struct AssessmentStepPage: Sendable {
    static let profileStep = "profile"

    let bank: QuestionBank
    let assessmentID: UUID
    let steps: [String]
    let index: Int
    /// What is saved, with what the person just sent on top when it could not be saved.
    let answers: AssessmentAnswers
    let errors: [String: String]
    /// The firm's admin finishes (submits) on the last page; anyone else sees results so far.
    let canSubmit: Bool

    static func steps(_ bank: QuestionBank) -> [String] { [profileStep] + bank.areas.map(\.id) }

    /// Nil when `step` is not a step of the bank.
    static func build(_ assessment: Assessment, step: String?, given: [String: String] = [:], errors: [String: String] = [:],
                      canSubmit: Bool, language: String, on db: any Database) async throws -> AssessmentStepPage? {
        let bank = try AssessmentContent.bank(language)
        let steps = steps(bank)
        guard let step, let index = steps.firstIndex(of: step) else { return nil }
        var answers = try await AssessmentActions.answers(of: assessment, bank: bank, on: db)
        for (q, o) in given {
            if bank.profileQuestion(q) != nil { answers.profile[q] = o } else { answers.answers[q] = o }
        }
        return AssessmentStepPage(bank: bank, assessmentID: try assessment.requireID(), steps: steps, index: index, answers: answers, errors: errors,
                                  canSubmit: canSubmit)
    }

    var name: String { steps[index] }
    var area: AssessmentArea? { bank.area(name) }
}
