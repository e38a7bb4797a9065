import Fluent
import Foundation
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// Two communities and a person for every standing, for conversation tests: community A (firms A1 and A2,
/// an expert, a facilitator, a staff member of A1 who has not accepted the charter) and community B
/// (firm B1); an expert of no community, an operator.
struct ConversationWorld {
    enum Role: String, CaseIterable {
        case signedOut, asker, colleague, memberA2, expert, facilitator, notAccepted, memberB, outsider, `operator`
    }

    let a: Community
    let b: Community
    let people: [Role: Person]
    let browsers: [Role: TestBrowser]
    let tokens: [Role: String]

    func person(_ role: Role) throws -> Person { try XCTUnwrap(people[role]) }
    func browser(_ role: Role) throws -> TestBrowser { try XCTUnwrap(browsers[role]) }
    func signed(_ role: Role) throws -> SignedIn { try SignedIn(person: try person(role), organisation: nil, sessionID: nil, stage: .full) }

    static func make(_ app: Application) async throws -> ConversationWorld {
        let a1 = try await Seed.organisation(app, name: "Corner Cafe"), a2 = try await Seed.organisation(app, name: "Pennine Precision")
        let b1 = try await Seed.organisation(app, name: "Bradford Books")
        let people: [Role: Person] = [
            .asker: try await Seed.person(app, email: "sam@cafe.example", name: "Sam Patel", organisation: a1, role: .admin),
            .colleague: try await Seed.person(app, email: "jo@cafe.example", name: "Jo King", organisation: a1),
            .memberA2: try await Seed.person(app, email: "lee@pennine.example", name: "Lee Hart", organisation: a2, role: .admin),
            .expert: try await Seed.person(app, email: "priya@experts.example", name: "Priya Shah"),
            .facilitator: try await Seed.person(app, email: "fran@lead.example", name: "Fran Lead"),
            .notAccepted: try await Seed.person(app, email: "new@cafe.example", name: "New Starter", organisation: a1),
            .memberB: try await Seed.person(app, email: "bo@books.example", name: "Bo Reader", organisation: b1, role: .admin),
            .outsider: try await Seed.person(app, email: "out@experts.example", name: "Oscar Out"),
            .operator: try await Seed.person(app, email: "op@shieldwall.example", name: "Opal Operator", isOperator: true),
        ]
        let facilitator = try XCTUnwrap(people[.facilitator])
        let a = try await Seed.community(app, name: "Leeds Shops", facilitator: facilitator, firms: [a1, a2], experts: [try XCTUnwrap(people[.expert])])
        let b = try await Seed.community(app, name: "Bradford Traders", facilitator: try XCTUnwrap(people[.outsider]), firms: [b1])
        for role in [Role.asker, .colleague, .memberA2, .expert] { try await Seed.acceptCharter(app, a, by: try XCTUnwrap(people[role])) }
        try await Seed.acceptCharter(app, b, by: try XCTUnwrap(people[.memberB]))
        let (browsers, tokens) = try await Seed.signedIn(app, people, signedOut: .signedOut)
        return ConversationWorld(a: a, b: b, people: people, browsers: browsers, tokens: tokens)
    }

    /// A thread started through the real action (search index and notifications included).
    func thread(_ app: Application, in community: Community? = nil, by role: Role = .asker, kind: ThreadKind = .question,
                title: String = "Do we need 2-step verification on the shop inbox?",
                body: String = "Our shared mailbox uses one password. Is MFA worth it for three people?",
                poll: PollActions.Input? = nil) async throws -> ConversationThread {
        let community = community ?? a
        let signed = try signed(role)
        let standing = try await CommunityStandings.standing(of: signed, in: community, on: app.db)
        return try await ConversationActions.start(.init(kind: kind.rawValue, title: title, body: body, tags: "mfa, email", poll: poll),
                                                   in: community, standing: standing, by: signed, ctx: ActionContext(app))
    }

    func reply(_ app: Application, to thread: ConversationThread, by role: Role, body: String) async throws -> ThreadPost {
        let signed = try signed(role)
        let fresh = try await ConversationThread.query(on: app.db).filter(\.$id == thread.requireID()).with(\.$community).firstOrFail()
        let standing = try await CommunityStandings.standing(of: signed, in: fresh.community, on: app.db)
        return try await ConversationActions.reply(to: fresh, body: body, standing: standing, by: signed, ctx: ActionContext(app))
    }
}
