import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Starting, answering and submitting a firm's self-assessment.
enum AssessmentActions {
    static func answers(of assessment: Assessment, bank: QuestionBank, on db: any Database) async throws -> AssessmentAnswers {
        let rows = try await AssessmentAnswer.query(on: db).filter(\.$assessment.$id == assessment.requireID()).all()
        var result = AssessmentAnswers()
        for row in rows {
            if bank.profileQuestion(row.questionID) != nil { result.profile[row.questionID] = row.optionID }
            else { result.answers[row.questionID] = row.optionID }
        }
        return result
    }

    /// The firm's draft, or a new one; only one draft at a time, so everyone of the firm fills in the same.
    /// The database holds one draft per firm: when someone of the firm started one at the same instant, theirs is used.
    static func start(org: UUID, person: SignedIn, bank: QuestionBank, on db: any Database,
                      now: Date) async throws -> (assessment: Assessment, created: Bool) {
        func draft() async throws -> Assessment? {
            try await AssessmentScope.assessments(of: org, on: db).filter(\.$status == Assessment.Status.draft).first()
        }
        if let existing = try await draft() { return (existing, false) }
        // Start from the last submitted profile: it rarely changes.
        let profile = try await lastProfile(of: org, bank: bank, on: db)
        do {
            let assessment = try await db.transaction { tx in
                let assessment = Assessment(organisationID: org, bankVersion: bank.version, startedBy: person.personID, createdAt: now)
                try await assessment.create(on: tx)
                for (question, option) in profile {
                    try await AssessmentAnswer(assessmentID: try assessment.requireID(), questionID: question, optionID: option,
                                               answeredBy: person.personID, at: now).create(on: tx)
                }
                return assessment
            }
            return (assessment, true)
        } catch {
            guard let existing = try await draft() else { throw error }
            return (existing, false)
        }
    }

    static func lastProfile(of org: UUID, bank: QuestionBank, on db: any Database) async throws -> [String: String] {
        guard let last = try await latestSubmitted(of: org, on: db) else { return [:] }
        return try await answers(of: last, bank: bank, on: db).profile
    }

    static func latestSubmitted(of org: UUID, on db: any Database) async throws -> Assessment? {
        try await AssessmentScope.assessments(of: org, on: db).filter(\.$status == Assessment.Status.submitted)
            .sort(\.$submittedAt, .descending).first()
    }

    /// Checks every given answer against the bank (with the profile as it will be after saving),
    /// then writes them all in one transaction; nothing is written when one is wrong.
    static func save(_ given: [(question: String, option: String)], to assessment: Assessment, person: SignedIn,
                     bank: QuestionBank, on db: any Database, now: Date) async throws {
        guard !assessment.isSubmitted else {
            throw Refusal(.conflict, "assessment.error.submitted-on", ["date": assessment.submittedAt.map(Format.dateTime) ?? "—"])
        }
        var profile = try await answers(of: assessment, bank: bank, on: db).profile
        for (question, option) in given where bank.profileQuestion(question) != nil { profile[question] = option }
        var problems = ProblemList()
        for (question, option) in given {
            switch bank.check(question: question, option: option, profile: profile) {
            case nil: break
            case .unknownQuestion(let id): problems.add(id, "assessment.error.unknown-question", ["question": id])
            case .doesNotApply(let id): problems.add(id, "assessment.error.does-not-apply", ["question": id])
            case .unknownOption(let id, let opt): problems.add(id, "assessment.error.unknown-option", ["question": id, "option": opt])
            }
        }
        try problems.throwIfAny()
        let id = try assessment.requireID()
        try await db.transaction { tx in
            for (question, option) in given {
                if let row = try await AssessmentAnswer.query(on: tx).filter(\.$assessment.$id == id).filter(\.$questionID == question).first() {
                    row.optionID = option
                    row.$answeredBy.id = person.personID
                    row.updatedAt = now
                    try await row.update(on: tx)
                } else {
                    try await AssessmentAnswer(assessmentID: id, questionID: question, optionID: option, answeredBy: person.personID, at: now).create(on: tx)
                }
            }
        }
    }

    /// Freezes the scores and keeps the assessment; every applicable question must be answered
    /// ("Not sure" is an answer). Submitting twice is refused.
    static func submit(_ assessment: Assessment, person: SignedIn, bank: QuestionBank, on db: any Database, now: Date,
                       address: String = "system") async throws -> AssessmentResult {
        let org = assessment.$organisation.id
        guard AssessmentAccess.canSubmit(firm: org.uuidString, viewer: person.viewer) else {
            throw Refusal(.forbidden, "assessment.error.submit-who")
        }
        guard !assessment.isSubmitted else {
            throw Refusal(.conflict, "assessment.error.already-submitted")
        }
        let given = try await answers(of: assessment, bank: bank, on: db)
        let result = AssessmentResult(bank: bank, answers: given)
        var problems = ProblemList()
        for q in bank.profile where given.profile[q.id] == nil { problems.add(q.id, "assessment.error.unanswered", ["question": q.text]) }
        for id in result.unanswered { problems.add(id, "assessment.error.unanswered", ["question": bank.question(id)?.text ?? id]) }
        try problems.throwIfAny()
        let scores = Dictionary(uniqueKeysWithValues: result.areas.compactMap { a in a.score.map { (a.areaID, $0) } })
        try await db.transaction { tx in
            // Read again inside the transaction: a second press (or a second admin) finds it submitted.
            guard let fresh = try await Assessment.find(assessment.requireID(), on: tx), !fresh.isSubmitted else {
                throw Refusal(.conflict, "assessment.error.already-submitted")
            }
            fresh.status = Assessment.Status.submitted
            fresh.submittedAt = now
            fresh.$submittedBy.id = person.personID
            fresh.overall = result.overall
            fresh.areaScores = scores
            try await fresh.update(on: tx)
            try await AuditLog.record(.assessmentSubmitted, personID: person.personID, email: person.email, organisationID: org,
                                      detail: "overall \(result.overall.map(String.init) ?? "—")", address: address, at: now, on: tx)
        }
        return result
    }
}
