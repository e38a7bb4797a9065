import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// What people do with playbooks: the facilitator writes or adapts one, a firm's admin adopts it with the
/// firm's contacts, anyone of the firm runs it in an incident and turns the run into a lesson for the others.
enum PlaybookActions {
    static let maxTitle = 150
    static let maxSummary = 500
    static let maxEvidence = 20
    static let maxContact = 200
    static let maxNote = 2_000

    struct Words: Sendable {
        var title: String?
        var summary: String?
        /// The phases in `PlaybookText`'s form.
        var steps: String?
        /// One item of evidence to keep per line.
        var evidence: String?
        /// Words in a call for help that point to this playbook, separated by commas.
        var matches: String?
    }

    /// The playbook the words make, or every problem with them.
    static func check(_ words: Words, key: String) throws -> Playbook {
        var problems = ProblemList()
        let title = problems.text("title", words.title, maxLength: maxTitle)
        let summary = (words.summary ?? "").trimmingWhitespace()
        if summary.count > maxSummary { problems.add("summary", "error.too-long", ["max": String(maxSummary)]) }
        var phases: [PlaybookPhase] = []
        switch PlaybookText.parse(words.steps ?? "") {
        case .success(let parsed): phases = parsed
        case .failure(let problem):
            let (key, values) = Self.words(problem)
            problems.add("steps", key, values.merging(["line": String(problem.line)]) { a, _ in a })
        }
        let evidence = (words.evidence ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .map { $0.hasPrefix("- ") ? String($0.dropFirst(2)) : $0 }.filter { !$0.isEmpty }
        if evidence.count > maxEvidence { problems.add("evidence", "playbook.error.too-much-evidence", ["max": String(maxEvidence)]) }
        if evidence.contains(where: { $0.count > PlaybookText.maxStepLength }) {
            problems.add("evidence", "error.too-long", ["max": String(PlaybookText.maxStepLength)])
        }
        let matches = (words.matches ?? "").split(separator: ",").map { $0.trimmingWhitespace().lowercased() }.filter { !$0.isEmpty }
        if matches.count > 30 || matches.contains(where: { $0.count > 40 }) { problems.add("matches", "playbook.error.matches") }
        try problems.throwIfAny()
        var roles: [ContactRole] = []
        for step in phases.flatMap(\.steps) { if let role = step.call, !roles.contains(role) { roles.append(role) } }
        return Playbook(id: key, title: title, summary: summary, matches: matches, contacts: roles, phases: phases, evidence: evidence)
    }

    /// How a problem with the steps is told, with its line.
    static func words(_ problem: PlaybookText.Problem) -> (String, [String: String]) {
        switch problem.reason {
        case .stepBeforePhase: ("playbook.error.step-before-phase", [:])
        case .emptyPhaseTitle: ("playbook.error.empty-phase-title", [:])
        case .phaseWithoutSteps(let title): ("playbook.error.phase-without-steps", ["title": title])
        case .unknownRole(let role): ("playbook.error.unknown-role", ["role": role, "roles": ContactRole.allCases.map(\.rawValue).joined(separator: ", ")])
        case .noPhases: ("playbook.error.no-phases", [:])
        case .tooManyPhases(let max): ("playbook.error.too-many-phases", ["max": String(max)])
        case .tooManySteps(let max): ("playbook.error.too-many-steps", ["max": String(max)])
        case .stepTooLong(let max): ("playbook.error.step-too-long", ["max": String(max)])
        }
    }

    /// The facilitator saves a playbook: a new one (`key` nil, made from the title) or the community's version of
    /// `key` (adapting a shipped one, or changing its own).
    @discardableResult
    static func save(_ words: Words, key: String?, in community: Community, standing: CommunityStanding, by person: SignedIn,
                     ctx: ActionContext) async throws -> Playbook {
        guard PlanAccess.canEdit(standing) else { throw Refusal(.forbidden, "playbook.error.facilitator-only") }
        let communityID = try community.requireID()
        let existing = try await PlaybookScope.playbooks(of: communityID, language: person.language, on: ctx.db)
        let chosen = try key ?? newKey(words.title ?? "", taken: Set(existing.map(\.key)).union(["new"]))
        let playbook = try check(words, key: chosen)
        let shipped = try PlansContent.playbooks().contains { $0.id == chosen }
        if let row = try await CommunityPlaybook.query(on: ctx.db).filter(\.$community.$id == communityID).filter(\.$key == chosen).first() {
            row.contentJSON = playbook.json()
            row.$updatedBy.id = person.personID
            row.updatedAt = ctx.now
            try await row.update(on: ctx.db)
        } else {
            guard key == nil || shipped else { throw Refusal(.notFound, "playbook.error.not-found") }
            try await CommunityPlaybook(communityID: communityID, playbook: playbook, basedOn: shipped ? chosen : nil, by: person.personID,
                                        at: ctx.now).create(on: ctx.db)
        }
        return playbook
    }

    static func newKey(_ title: String, taken: Set<String>) throws -> String {
        let base = Slug.make(from: title)
        guard !base.isEmpty else { throw ValidationFailure(field: "title", key: "error.required") }
        var key = base, n = 2
        while taken.contains(key) { key = "\(base)-\(n)"; n += 1 }
        return key
    }

    /// A firm's admin adopts the playbook for the firm, with whom the firm calls for each role it names; adopting
    /// again changes the contacts.
    static func adopt(_ entry: PlaybookScope.Entry, contacts raw: [String: String], in community: Community, by person: SignedIn,
                      ctx: ActionContext) async throws {
        let communityID = try community.requireID()
        guard let firm = person.organisationID, PlanAccess.canManageFirmPart(firm: firm.uuidString, viewer: person.viewer),
              try await CommunityStandings.firmTakesPart(person, in: communityID, on: ctx.db)
        else { throw Refusal(.forbidden, "playbook.error.firm-admin-only") }
        var problems = ProblemList(), contacts: [String: String] = [:]
        for role in entry.playbook.contacts {
            let value = (raw[role.rawValue] ?? "").trimmingWhitespace()
            if value.count > maxContact { problems.add("contact_\(role.rawValue)", "error.too-long", ["max": String(maxContact)]) }
            if !value.isEmpty { contacts[role.rawValue] = value }
        }
        try problems.throwIfAny()
        if let row = try await PlaybookAdoption.query(on: ctx.db).filter(\.$organisation.$id == firm).filter(\.$community.$id == communityID)
            .filter(\.$key == entry.key).first() {
            row.contactsJSON = PlaybookAdoption.json(contacts)
            row.$adoptedBy.id = person.personID
            row.updatedAt = ctx.now
            try await row.update(on: ctx.db)
        } else {
            try await PlaybookAdoption(organisationID: firm, communityID: communityID, key: entry.key, contacts: contacts, by: person.personID,
                                       at: ctx.now).create(on: ctx.db)
        }
    }

    /// Anyone of a firm that adopted the playbook starts a run: the playbook and contacts are copied, so the run
    /// reads the same later whatever is changed.
    static func start(_ entry: PlaybookScope.Entry, in community: Community, by person: SignedIn, ctx: ActionContext) async throws -> PlaybookRun {
        let communityID = try community.requireID()
        guard let firm = person.organisationID, PlanAccess.canRunPlaybook(firm: firm.uuidString, viewer: person.viewer),
              try await CommunityStandings.firmTakesPart(person, in: communityID, on: ctx.db)
        else { throw Refusal(.forbidden, "playbook.error.firm-only") }
        guard let adoption = try await PlaybookScope.adoptions(of: firm, in: communityID, on: ctx.db)[entry.key] else {
            throw ValidationFailure(field: "playbook", key: "playbook.error.not-adopted", values: ["title": entry.playbook.title])
        }
        let run = PlaybookRun(organisationID: firm, communityID: communityID, playbook: entry.playbook, contactsJSON: adoption.contactsJSON,
                              by: person.personID, at: ctx.now)
        try await run.create(on: ctx.db)
        return run
    }

    /// A step done, with when, by whom and an optional note; once per step.
    static func tick(_ run: PlaybookRun, step stepID: String, note rawNote: String?, by person: SignedIn, ctx: ActionContext) async throws {
        guard run.isOpen else { throw ValidationFailure(field: "step", key: "playbook.error.run-closed") }
        guard try run.playbook().step(stepID) != nil else { throw ValidationFailure(field: "step", key: "playbook.error.step") }
        let note = (rawNote ?? "").trimmingWhitespace()
        guard note.count <= maxNote else { throw ValidationFailure(field: "note", key: "error.too-long", values: ["max": String(maxNote)]) }
        let runID = try run.requireID()
        guard try await PlaybookRunStep.query(on: ctx.db).filter(\.$run.$id == runID).filter(\.$stepID == stepID).first() == nil else {
            throw ValidationFailure(field: "step", key: "playbook.error.step-done")
        }
        try await PlaybookRunStep(runID: runID, stepID: stepID, note: note, by: person.personID, at: ctx.now).create(on: ctx.db)
    }

    /// The incident is over: what happened, in a sentence or two.
    static func close(_ run: PlaybookRun, summary rawSummary: String?, by person: SignedIn, ctx: ActionContext) async throws {
        guard run.isOpen else { throw ValidationFailure(field: "summary", key: "playbook.error.run-closed") }
        var problems = ProblemList()
        let summary = problems.text("summary", rawSummary, maxLength: maxNote)
        try problems.throwIfAny()
        run.summary = summary
        run.closedAt = ctx.now
        run.$closedBy.id = person.personID
        try await run.update(on: ctx.db)
    }

    /// The closed run, shared as a lesson-learned report after the person read and changed the draft; once.
    static func share(_ run: PlaybookRun, lesson: LessonDraft, by person: SignedIn, ctx: ActionContext) async throws -> UUID {
        guard !run.isOpen else { throw ValidationFailure(field: "report", key: "playbook.error.run-open") }
        guard run.reportID == nil else { throw ValidationFailure(field: "report", key: "playbook.error.shared") }
        guard let community = try await Community.find(run.$community.id, on: ctx.db) else {
            throw Refusal(.notFound, "error.community-not-found")
        }
        let reportID = try await ctx.services.links.lessonReports.publish(lesson, in: community, by: person, ctx: ctx)
        run.reportID = reportID
        try await run.update(on: ctx.db)
        return reportID
    }
}
