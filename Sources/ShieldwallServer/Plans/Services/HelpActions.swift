import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// "I need help now": a firm raises a call, its communities' helpers hear at once, one takes it, they talk, it is
/// resolved (or reopened by the firm). Every step is kept on the request's timeline.
enum HelpActions {
    static let maxAffected = 500
    static let maxContact = 200

    struct Words: Sendable {
        var description: String?
        var affected: String?
        var contact: String?
        /// A TLP label for the description; AMBER when empty.
        var tlp: String?
    }

    static func raise(_ words: Words, by person: SignedIn, ctx: ActionContext) async throws -> HelpRequest {
        guard let firm = person.organisationID else { throw ValidationFailure(field: "description", key: "help.error.no-firm") }
        let helpers = try await HelpScope.helpers(of: firm, on: ctx.db)
        guard let first = helpers.first else { throw ValidationFailure(field: "description", key: "help.error.no-community") }
        var problems = ProblemList()
        let description = problems.text("description", words.description, maxLength: HelpRequestRules.maxDescription)
        let affected = (words.affected ?? "").trimmingWhitespace()
        if affected.count > maxAffected { problems.add("affected", "error.too-long", ["max": String(maxAffected)]) }
        let contact = problems.text("contact", words.contact, maxLength: maxContact)
        let label = (words.tlp ?? "").trimmingWhitespace()
        let tlp = label.isEmpty ? TLP.amber : TLP(rawValue: label.lowercased()) ?? TLP(label: label)
        if tlp.map({ !HelpRequestRules.markings.contains($0) }) ?? true { problems.add("tlp", "help.error.tlp") }
        try problems.throwIfAny()
        // The words of the raiser's language first, then English's (people mix them: "ransomware" is both).
        let playbook = try PlaybookLibrary.match(description + " " + affected, among: PlansContent.playbooks(person.language))?.id
            ?? PlaybookLibrary.match(description + " " + affected, among: PlansContent.playbooks())?.id
        let request = HelpRequest(organisationID: firm, communityID: try first.community.requireID(), raisedBy: person.personID,
                                  description: description, affected: affected, contact: contact, tlp: tlp ?? .amber, playbook: playbook, at: ctx.now)
        let mail = try await ctx.db.transaction { tx in
            try await request.create(on: tx)
            try await HelpEvent(requestID: request.requireID(), kind: .raised, person: person.personID, body: "", at: ctx.now).create(on: tx)
            return try await HelpNotices.raised(request, helpers: helpers, by: person, ctx: ctx, on: tx)
        }
        await mail.send(ctx)
        return request
    }

    /// Take, a note, resolve or reopen, by a helper or someone of the firm.
    static func act(_ request: HelpRequest, action raw: String?, body rawBody: String?, standing: HelpScope.Standing, by person: SignedIn,
                    ctx: ActionContext) async throws {
        guard let action = HelpRequestRules.Action(rawValue: raw ?? "") else { throw ValidationFailure(field: "action", key: "error.choose-one") }
        if action == .reopen && !standing.isFirm { throw Refusal(.forbidden, "help.error.firm-reopens") }
        switch HelpRequestRules.problem(action, status: request.status, isHelper: standing.isHelper) {
        case .onlyHelpersTake?: throw Refusal(.forbidden, "help.error.helpers-take")
        case .alreadyTaken?:
            let name = try await request.$takenBy.get(on: ctx.db)?.displayName ?? ""
            throw ValidationFailure(field: "action", key: "help.error.taken", values: ["name": name])
        case .alreadyResolved?: throw ValidationFailure(field: "action", key: "help.error.resolved")
        case .notResolved?: throw ValidationFailure(field: "action", key: "help.error.not-resolved")
        case nil: break
        }
        let body = (rawBody ?? "").trimmingWhitespace()
        if action == .note && body.isEmpty { throw ValidationFailure(field: "body", key: "error.required") }
        guard body.count <= HelpRequestRules.maxDescription else {
            throw ValidationFailure(field: "body", key: "error.too-long", values: ["max": String(HelpRequestRules.maxDescription)])
        }
        request.status = HelpRequestRules.status(after: action, from: request.status)
        if action == .take { request.$takenBy.id = person.personID }
        if standing.isHelper && request.firstResponseAt == nil && (action == .take || action == .note) { request.firstResponseAt = ctx.now }
        if action == .resolve { request.resolvedAt = ctx.now }
        if action == .reopen { request.resolvedAt = nil }
        let kind: HelpEvent.Kind = switch action { case .take: .taken; case .note: .note; case .resolve: .resolved; case .reopen: .reopened }
        let mail = try await ctx.db.transaction { tx in
            try await request.update(on: tx)
            try await HelpEvent(requestID: request.requireID(), kind: kind, person: person.personID, body: body, at: ctx.now).create(on: tx)
            return try await HelpNotices.updated(request, action: action, standing: standing, by: person, ctx: ctx, on: tx)
        }
        await mail.send(ctx)
    }
}
