import Fluent
import Foundation
import ShieldwallCore

/// A signed-in person's start page, gathered from every domain: their communities and what waits on them,
/// their firm's security corner, their firm, and the nudge to turn on a second factor.
struct HomePage: Sendable {
    let person: SignedIn
    let organisation: OrganisationSummary?
    /// Invitations into the firm not yet taken up, for those who manage it.
    let openInvitations: Int
    let communities: CommunityHomeSection
    let security: AssessmentHomeSection?
    /// Until every first step is done.
    let firstRun: FirstRunChecklist?

    /// `firm`: the person's firm when the session has read it already (with the person, in the same query).
    static func build(for person: SignedIn, firm known: Organisation?, on db: any Database, now: Date) async throws -> HomePage {
        var organisation: OrganisationSummary?
        var openInvitations = 0
        var firm: Organisation? = nil  // for the checklist only; the page keeps the summary
        var org = known.flatMap { $0.id == person.organisationID ? $0 : nil }
        if org == nil, let orgID = person.organisationID { org = try await Organisation.find(orgID, on: db) }
        if let orgID = person.organisationID, let org {
            firm = org
            organisation = try OrganisationSummary(org)
            if AccountAccess.canManage(organisation: orgID.uuidString, viewer: person.viewer) {
                openInvitations = try await Invitation.query(on: db).filter(\.$organisation.$id == orgID)
                    .filter(\.$acceptedAt == nil).filter(\.$revokedAt == nil).filter(\.$expiresAt > now).count()
            }
        }
        let security = try await AssessmentHomeSection.build(for: person, on: db, now: now)
        let communities = try await CommunityHomeSection.build(for: person, on: db, now: now)
        let firstRun = try await FirstRunChecklist.build(for: person, organisation: firm, openInvitations: openInvitations,
                                                         assessed: security?.latest != nil, firmTakesPart: communities.firmTakesPart, on: db)
        return HomePage(person: person, organisation: organisation, openInvitations: openInvitations,
                        communities: communities,
                        security: security,
                        firstRun: firstRun.flatMap { $0.isFinished ? nil : $0 })
    }
}
