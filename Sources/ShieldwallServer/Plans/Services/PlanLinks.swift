import Fluent
import Foundation
import ShieldwallCore

/// What the plan asks of domains beside it, wired in `App/DomainLinks.swift`.

/// A measure becomes an action in the firm's own action plan (Assessments keeps that list).
protocol FirmActionList: Sendable {
    /// The open action for `key` in the firm's list, or a new one with `title`; answers its id.
    func action(firm: UUID, key: String, title: String, by person: SignedIn, on db: any Database, now: Date) async throws -> UUID
}

/// The KPI set a community agreed is part of its plan (Metrics keeps it): each KPI and target as one line of text.
protocol PlanKPIs: Sendable {
    func agreed(community: UUID, localiser: Localiser, on db: any Database) async throws -> [String]
}

/// The shipped plan template and playbooks in each language, read once and checked at start.
enum PlansContent {
    struct Content: Sendable {
        let template: PlanTemplate
        let playbooks: [Playbook]
        /// Texts that had to stay English in this language.
        let missing: Int
    }

    static let loaded: Result<[String: Content], ShippedFileError> = {
        do {
            var all = [CatalogueSet.baseLanguage: Content(template: try PlanTemplate.bundled(), playbooks: try PlaybookLibrary.bundled(), missing: 0)]
            for language in Set(try PlaybookLibrary.bundledLanguages()).union(try PlanTemplate.bundledLanguages()) {
                let template = try PlanTemplate.bundled(language: language), playbooks = try PlaybookLibrary.bundled(language: language)
                all[language] = Content(template: template.template, playbooks: playbooks.playbooks, missing: template.missing + playbooks.missing)
            }
            return .success(all)
        }
        catch let error as ShippedFileError { return .failure(error) }
        catch { return .failure(ShippedFileError(file: "plans", id: nil, reason: "\(error)")) }
    }()

    static func content(_ language: String) throws -> Content {
        let all = try loaded.get()
        guard let content = all[language] ?? all[CatalogueSet.baseLanguage] else { throw ShippedFileError(file: "plans", id: nil, reason: "English is missing") }
        return content
    }

    /// In `language`, English where it has no translation; the same ids in every language.
    static func template(_ language: String = CatalogueSet.baseLanguage) throws -> PlanTemplate { try content(language).template }
    static func playbooks(_ language: String = CatalogueSet.baseLanguage) throws -> [Playbook] { try content(language).playbooks }
}

/// A closed playbook run, worded as a lesson-learned report the person read and changed before sharing it.
struct LessonDraft: Sendable {
    var title: String?
    var summary: String?
    var whatHappened: String?
    var impact: String?
    var whatHelped: String?
    /// A TLP label; AMBER when empty.
    var tlp: String?
    var anonymous: Bool
}

/// A run becomes a lesson-learned threat report in the community (ThreatSharing keeps reports).
protocol LessonReports: Sendable {
    /// Shares the report (refusing bad words with `ValidationFailure` like any report form) and answers its id.
    func publish(_ lesson: LessonDraft, in community: Community, by person: SignedIn, ctx: ActionContext) async throws -> UUID
}
