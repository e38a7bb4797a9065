import Fluent
import Foundation
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

extension Seed {
    /// A firm leaves every community it is in, written as the product writes it (through the model, so the
    /// access version moves and nothing cached outlives it).
    static func firmLeaves(_ app: Application, _ organisationID: UUID?) async throws {
        let id = try XCTUnwrap(organisationID)
        for row in try await CommunityOrganisation.query(on: app.db).filter(\.$organisation.$id == id).all() {
            row.status = ParticipationStatus.former
            try await row.update(on: app.db)
        }
    }

    /// An active community with a published charter (v1, accepted by the facilitator only).
    static func community(_ app: Application, name: String = "Leeds Shops", facilitator: Person, firms: [Organisation] = [],
                          experts: [Person] = [], listed: Bool = true) async throws -> Community {
        let now = app.shieldwall.time.now
        let community = Community(name: name, slug: Slug.make(from: name), kind: .region, description: "Shops helping shops.",
                                  requestedByID: facilitator.id, status: .active, createdAt: now)
        community.listed = listed
        community.charterVersion = 1
        community.setupStep = 4
        try await community.create(on: app.db)
        let id = try community.requireID()
        try await CharterVersion(communityID: id, version: 1, text: "# Charter\n\nBe kind.", authorID: facilitator.id, createdAt: now).create(on: app.db)
        try await CommunityPerson(communityID: id, personID: try facilitator.requireID(), role: .facilitator, joinedAt: now).create(on: app.db)
        try await CharterAcceptance(communityID: id, personID: try facilitator.requireID(), version: 1, acceptedAt: now).create(on: app.db)
        for firm in firms {
            try await CommunityOrganisation(communityID: id, organisationID: try firm.requireID(), joinedAt: now).create(on: app.db)
        }
        for expert in experts {
            try await CommunityPerson(communityID: id, personID: try expert.requireID(), role: .expert, joinedAt: now).create(on: app.db)
        }
        return community
    }

    static func acceptCharter(_ app: Application, _ community: Community, by person: Person) async throws {
        try await CharterAcceptance(communityID: try community.requireID(), personID: try person.requireID(),
                                    version: community.charterVersion, acceptedAt: app.shieldwall.time.now).create(on: app.db)
    }

    static func event(_ app: Application, in community: Community, title: String = "Monthly webinar", startsIn: TimeInterval = 86400,
                      capacity: Int? = nil) async throws -> CommunityEvent {
        let start = app.shieldwall.time.now.addingTimeInterval(startsIn)
        let event = CommunityEvent(communityID: try community.requireID(), kind: .webinar, title: title, description: "Questions welcome",
                                   startsAt: start, endsAt: start.addingTimeInterval(3600), timeZone: "Europe/London",
                                   location: "Online", capacity: capacity, seriesID: nil, createdByID: nil, createdAt: app.shieldwall.time.now)
        try await event.create(on: app.db)
        return event
    }
}
