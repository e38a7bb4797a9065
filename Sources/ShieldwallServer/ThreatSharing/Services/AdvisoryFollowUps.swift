import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// What an advisory's "Add to our action list" starts in a sibling domain, wired in `App/Wiring/`
/// (`DomainLinks.advisoryFollowUps`): the firm's action plan (Assessments) keeps it, and the KPI "days from an
/// advisory to the firm's action" reads it back.
protocol AdvisoryFollowUps: Sendable {
    /// The action for `key` in the firm's list, or a new one with `title`.
    func addAction(firm: UUID, key: String, title: String, by person: SignedIn, on db: any Database, now: Date) async throws
    /// Which of `keys` the firm's list holds, whatever their status.
    func listed(firm: UUID, keys: [String], on db: any Database) async throws -> Set<String>
}

enum AdvisoryActions {
    /// The action list's key for an advisory: one action per advisory and firm.
    static func key(_ report: UUID) -> String { "advisory:" + report.uuidString }

    /// The advisory's id in an action key, if it is one.
    static func report(inKey key: String) -> UUID? {
        key.hasPrefix("advisory:") ? UUID(uuidString: String(key.dropFirst("advisory:".count))) : nil
    }

    /// Whether the viewer may put this report in their firm's action list: an advisory, their firm's admin, taking part.
    static func canAdd(_ report: ThreatReport, standing: CommunityStanding, viewer: SignedIn) -> Bool {
        guard report.kind == .advisory, let firm = viewer.organisationID else { return false }
        return CommunityAccess.canParticipate(standing) && viewer.viewer.isAdmin(of: firm.uuidString)
    }

    static func add(_ report: ThreatReport, standing: CommunityStanding, by person: SignedIn, links: any AdvisoryFollowUps,
                    localiser: Localiser, ctx: ActionContext) async throws {
        guard canAdd(report, standing: standing, viewer: person), let firm = person.organisationID else {
            throw Refusal(.forbidden, "report.error.action-admin")
        }
        try await links.addAction(firm: firm, key: key(try report.requireID()), title: localiser.text("report.action-title", ["title": report.title]),
                                  by: person, on: ctx.db, now: ctx.now)
    }
}
