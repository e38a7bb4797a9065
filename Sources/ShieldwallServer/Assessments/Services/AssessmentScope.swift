import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The shipped question bank and staff check-ins, read and validated once; `configure` checks them
/// at start so a broken bank stops the server from starting, never a request.
enum AssessmentContent {
    struct Content: Sendable {
        let bank: QuestionBank
        let checkIns: [CoachCheckIn]
        /// Texts that had to stay English in this language.
        let missing: Int
    }

    /// By language: English, and each language the bank is translated into (`Resources/assessment/LANGUAGE/`).
    static let loaded: Result<[String: Content], QuestionBankError> = {
        do {
            var all = [CatalogueSet.baseLanguage: Content(bank: try QuestionBankLoader.bundled(), checkIns: try StaffCoach.bundled(), missing: 0)]
            for language in try QuestionBankLoader.bundledLanguages() {
                let bank = try QuestionBankLoader.bundled(language: language), coach = try StaffCoach.bundled(language: language)
                all[language] = Content(bank: bank.bank, checkIns: coach.checkIns, missing: bank.missing + coach.missing)
            }
            return .success(all)
        }
        catch let error as QuestionBankError { return .failure(error) }
        catch { return .failure(QuestionBankError(file: "assessment", id: nil, reason: "\(error)")) }
    }()

    static func content(_ language: String) throws -> Content {
        let all = try loaded.get()
        guard let content = all[language] ?? all[CatalogueSet.baseLanguage] else {
            throw QuestionBankError(file: "assessment", id: nil, reason: "the English bank is missing")
        }
        return content
    }

    /// The bank in `language` (English where it has no translation): the same ids, points and version in every language.
    static func bank(_ language: String = CatalogueSet.baseLanguage) throws -> QuestionBank { try content(language).bank }
    static func checkIns(_ language: String = CatalogueSet.baseLanguage) throws -> [CoachCheckIn] { try content(language).checkIns }
}

/// The one query scope for a firm's assessments, actions and check-ins: what `AssessmentAccess`
/// allows, as queries. Anything outside the viewer's firm is "not found", never "forbidden".
enum AssessmentScope {
    /// The viewer's firm, for pages and API calls about self-assessment.
    static func firm(of person: SignedIn, _ req: Request) throws -> UUID {
        guard let org = person.organisationID,
              AssessmentAccess.canView(firm: org.uuidString, viewer: person.viewer) else {
            throw Abort(.notFound, reason: req.t("assessment.error.no-firm"))
        }
        return org
    }

    static func assessments(of org: UUID, on db: any Database) -> QueryBuilder<Assessment> {
        Assessment.query(on: db).filter(\.$organisation.$id == org)
    }

    /// An assessment of the viewer's firm, by the `assessmentID` route parameter.
    static func assessment(_ req: Request, person: SignedIn) async throws -> Assessment {
        let org = try firm(of: person, req)
        guard let id = req.parameters.get(.assessmentID, as: UUID.self),
              let assessment = try await assessments(of: org, on: req.db).filter(\.$id == id).first() else {
            throw Abort(.notFound, reason: req.t("assessment.error.not-found"))
        }
        return assessment
    }

    static func actions(of org: UUID, on db: any Database) -> QueryBuilder<PlanAction> {
        PlanAction.query(on: db).filter(\.$organisation.$id == org)
    }

    static func action(_ req: Request, person: SignedIn) async throws -> PlanAction {
        let org = try firm(of: person, req)
        guard let id = req.parameters.get(.actionID, as: UUID.self),
              let action = try await actions(of: org, on: req.db).filter(\.$id == id).first() else {
            throw Abort(.notFound, reason: req.t("action.error.not-found"))
        }
        return action
    }

    /// A person's own check-in results; nobody else's answers are ever queried through here.
    static func ownCheckIns(of person: SignedIn, on db: any Database) -> QueryBuilder<CoachResult> {
        CoachResult.query(on: db).filter(\.$person.$id == person.personID)
    }
}
