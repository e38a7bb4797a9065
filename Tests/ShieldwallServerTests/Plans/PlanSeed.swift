import Fluent
import Foundation
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// A supply-chain community of two firms (A, whose admin facilitates, and B), a member of staff of B, an
/// expert and someone of a firm outside; everyone but `unaccepted` accepted the charter.
struct PlanWorld {
    enum Role: String, CaseIterable {
        case signedOut, facilitator, adminB, staffB, expert, unaccepted, outsider, `operator`
    }

    let app: Application
    let community: Community
    let firmB: Organisation
    let people: [Role: Person]
    let browsers: [Role: TestBrowser]
    let tokens: [Role: String]

    var slug: String { community.slug }

    func person(_ role: Role) throws -> Person { try XCTUnwrap(people[role]) }
    func browser(_ role: Role) throws -> TestBrowser { try XCTUnwrap(browsers[role]) }

    static func make(_ app: Application) async throws -> PlanWorld {
        let firmA = try await Seed.organisation(app, name: "Hartley's Bakery"), firmB = try await Seed.organisation(app, name: "Moor Lane Deli")
        let firmC = try await Seed.organisation(app, name: "Elsewhere Ltd")
        let people: [Role: Person] = [
            .facilitator: try await Seed.person(app, email: "fac@a.example", name: "Fran Facilitator", organisation: firmA, role: .admin),
            .adminB: try await Seed.person(app, email: "admin@b.example", name: "Bea Admin", organisation: firmB, role: .admin),
            .staffB: try await Seed.person(app, email: "staff@b.example", name: "Sam Staff", organisation: firmB, role: .staff),
            .expert: try await Seed.person(app, email: "expert@x.example", name: "Eve Expert", organisation: nil),
            .unaccepted: try await Seed.person(app, email: "new@b.example", name: "New Person", organisation: firmB, role: .staff),
            .outsider: try await Seed.person(app, email: "admin@c.example", name: "Otto Outsider", organisation: firmC, role: .admin),
            .operator: try await Seed.person(app, email: "op@shieldwall.example", isOperator: true),
        ]
        let community = try await Seed.community(app, name: "Leeds Food Chain", facilitator: try XCTUnwrap(people[.facilitator]),
                                                 firms: [firmA, firmB], experts: [try XCTUnwrap(people[.expert])])
        _ = try await Seed.community(app, name: "Elsewhere Group", facilitator: try XCTUnwrap(people[.outsider]), firms: [firmC])
        for role in [Role.adminB, .staffB, .expert] { try await Seed.acceptCharter(app, community, by: try XCTUnwrap(people[role])) }
        let (browsers, tokens) = try await Seed.signedIn(app, people, signedOut: .signedOut)
        return PlanWorld(app: app, community: community, firmB: firmB, people: people, browsers: browsers, tokens: tokens)
    }

    /// The facilitator starts the plan and publishes version 1 as the template gives it.
    func publishFirstVersion() async throws {
        let fac = try browser(.facilitator)
        try await fac.post(SiteURL.communityPlanStart(slug).path)
        let published = try await fac.post(SiteURL.communityPlanPublish(slug).path, ["summary": "Our first plan."])
        XCTAssertEqual(published.status, .seeOther, published.body.string)
    }

    func notifications(_ role: Role, kind: NotificationKind) async throws -> Int {
        try await PersonNotification.query(on: app.db).filter(\.$person.$id == person(role).requireID()).filter(\.$kind == kind).count()
    }
}
