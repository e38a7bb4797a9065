import Fluent
import Foundation
import ShieldwallCore

/// Gathers the facts `CommunityHealth` computes figures from. Only counts leave this type: names and
/// content never do, so operators can be shown the result of any community.
enum HealthReport {
    static func figures(for community: Community, on db: any Database, now: Date) async throws -> CommunityHealth {
        let id = try community.requireID()
        let firms = try await CommunityOrganisation.query(on: db).filter(\.$community.$id == id).all()
        let memberships = firms.map { CommunityHealth.Membership(joined: $0.joinedAt, left: $0.status == .former ? ($0.leftAt ?? now) : nil) }
        let activeFirmIDs = firms.filter { $0.status == .active }.map { $0.$organisation.id }
        let experts = try await CommunityPerson.query(on: db).filter(\.$community.$id == id)
            .filter(\.$role == CommunityRole.expert).filter(\.$status == ParticipationStatus.active).count()
        let invitations = try await CommunityInvitation.query(on: db).filter(\.$community.$id == id).all()
        let open = invitations.filter { $0.isOpen(at: now) }.count
        var invitedFirms = Set(invitations.compactMap { $0.$organisation.id })
        invitedFirms.formUnion(try await JoinRequest.query(on: db).filter(\.$community.$id == id).values(\.$organisation.$id))
        invitedFirms.formUnion(firms.map { $0.$organisation.id })

        let people = activeFirmIDs.isEmpty ? [] : try await Person.query(on: db).filter(\.$organisation.$id ~~ activeFirmIDs).all()
        let firmOf = Dictionary(uniqueKeysWithValues: people.compactMap { p in p.id.map { ($0, p.$organisation.id) } })
        let accepted = Set(try await CharterAcceptance.query(on: db).filter(\.$community.$id == id)
            .filter(\.$version == community.charterVersion).values(\.$person.$id))
        let firmsWithCharter = Set(accepted.compactMap { firmOf[$0] ?? nil }).count

        let participants = try await CommunityStandings.participantIDs(of: id, on: db)
        let since = now.addingTimeInterval(-30 * 86400)
        var activePeople = Set(try await AuditEvent.query(on: db).filter(\.$kind == AuditKind.signIn)
            .filter(\.$at > since).values(\.$personID).compactMap { $0 }).intersection(participants)
        let events = try await CommunityEvent.query(on: db).filter(\.$community.$id == id).filter(\.$cancelled == false).all()
        let eventIDs = events.compactMap(\.id)
        let responses = eventIDs.isEmpty ? [] : try await EventResponse.query(on: db).filter(\.$event.$id ~~ eventIDs).all()
        activePeople.formUnion(responses.filter { $0.updatedAt > since }.map { $0.$person.id }.filter { participants.contains($0) })
        let firmsActive = Set(activePeople.compactMap { firmOf[$0] ?? nil }).count
        let byEvent = Dictionary(grouping: responses, by: { $0.$event.id })
        let held = try events.map { e -> CommunityHealth.HeldEvent in
            let rs = byEvent[try e.requireID()] ?? []
            return CommunityHealth.HeldEvent(start: e.startsAt, attended: e.attendanceTaken ? rs.filter { $0.attended == true }.count : nil,
                                             saidGoing: rs.filter { $0.answer == .going }.count)
        }
        return CommunityHealth(memberships: memberships, activeExperts: experts, openInvitations: open, invitedFirms: invitedFirms.count,
                               firmsWithCharter: firmsWithCharter, firmsActive: firmsActive, activePeopleLast30Days: activePeople.count,
                               events: held, now: now)
    }
}
