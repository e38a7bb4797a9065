import Fluent
import XCTVapor
@testable import ShieldwallServer

final class CommunitiesAPITests: XCTestCase {
    func testCommunitiesEventsAnswersAndFiguresThroughTheAPI() async throws {
        try await withApp { world in
            let app = world.app
            let firmA = try await Seed.organisation(app, name: "A"), firmB = try await Seed.organisation(app, name: "B")
            let outsiderFirm = try await Seed.organisation(app, name: "C")
            let fac = try await Seed.person(app, email: "fac@a.example", organisation: firmA, role: .admin)
            let member = try await Seed.person(app, email: "m@b.example", organisation: firmB, role: .staff)
            let outsider = try await Seed.person(app, email: "o@c.example", organisation: outsiderFirm, role: .admin)
            let op = try await Seed.person(app, email: "op@shieldwall.example", isOperator: true)
            let community = try await Seed.community(app, facilitator: fac, firms: [firmA, firmB], listed: false)
            let event = try await Seed.event(app, in: community, capacity: 5)
            let slug = community.slug
            let tokens = (fac: try await Seed.token(app, for: fac), member: try await Seed.token(app, for: member),
                          outsider: try await Seed.token(app, for: outsider), op: try await Seed.token(app, for: op))

            let mine = try await app.api(.GET, "/communities", token: tokens.member)
            let items = mine.json["items"] as? [[String: Any]] ?? []
            XCTAssertEqual(items.count, 1)
            XCTAssertEqual(items.first?["role"] as? String, "member")
            XCTAssertEqual(items.first?["charter_accepted"] as? Bool, false)
            XCTAssertNil(items.first?["figures"] as? [String: Any], "a member sees no operator figures")

            let all = try await app.api(.GET, "/communities", token: tokens.op)
            let listed = all.json["items"] as? [[String: Any]] ?? []
            XCTAssertEqual(listed.map { $0["slug"] as? String }, [slug], "an operator lists every community, unlisted too")
            let figures = listed.first?["figures"] as? [String: Any]
            XCTAssertEqual(figures?["active_organisations"] as? Int, 2)
            XCTAssertNil(listed.first?["role"] as? String, "the operator takes no part in it")

            let beforeCharter = try await app.api(.GET, "/communities/\(slug)/events", token: tokens.member)
            XCTAssertEqual(beforeCharter.status, .forbidden)
            XCTAssertTrue((beforeCharter.json["detail"] as? String)?.contains("Accept the current charter") ?? false)
            try await Seed.acceptCharter(app, community, by: member)
            let events = try await app.api(.GET, "/communities/\(slug)/events", token: tokens.member)
            XCTAssertEqual((events.json["items"] as? [[String: Any]])?.first?["title"] as? String, "Monthly webinar")

            let bad = try await app.api(.POST, "/communities/\(slug)/events/\(try event.requireID())/rsvp", token: tokens.member, json: #"{"answer": "perhaps"}"#)
            XCTAssertEqual(bad.status, .unprocessableEntity)
            let ok = try await app.api(.POST, "/communities/\(slug)/events/\(try event.requireID())/rsvp", token: tokens.member, json: #"{"answer": "going"}"#)
            XCTAssertEqual(ok.status, .noContent)
            let stored = try await EventResponse.query(on: app.db).firstOrFail()
            XCTAssertEqual(stored.answer, .going)

            for (token, expected) in [(tokens.outsider, HTTPStatus.notFound), (tokens.op, .notFound)] {
                let r = try await app.api(.GET, "/communities/\(slug)/events", token: token)
                XCTAssertEqual(r.status, expected, "no events for outsiders or operators")
            }
            let unlisted = try await app.api(.GET, "/communities/\(slug)", token: tokens.outsider)
            XCTAssertEqual(unlisted.status, .notFound, "an unlisted community does not exist for outsiders")

            let memberHealth = try await app.api(.GET, "/communities/\(slug)/health", token: tokens.member)
            XCTAssertEqual(memberHealth.status, .notFound)
            let opHealth = try await app.api(.GET, "/communities/\(slug)/health", token: tokens.op)
            XCTAssertEqual(opHealth.status, .ok)
            XCTAssertEqual(opHealth.json["active_organisations"] as? Int, 2)
            XCTAssertEqual(opHealth.json["guidance_organisations"] as? Int, 9)
            XCTAssertNil(opHealth.json["members"], "counts only")
            let facHealth = try await app.api(.GET, "/communities/\(slug)/health", token: tokens.fac)
            XCTAssertEqual(facHealth.status, .ok)
        }
    }
}

final class CommunityActionsAPITests: XCTestCase {
    func testStartJoinInviteAndPlanThroughTheAPI() async throws {
        try await withApp { world in
            let app = world.app
            let firmA = try await Seed.organisation(app, name: "A"), firmB = try await Seed.organisation(app, name: "B")
            let fac = try await Seed.person(app, email: "fac@a.example", organisation: firmA, role: .admin)
            let adminB = try await Seed.person(app, email: "admin@b.example", organisation: firmB, role: .admin)
            let expert = try await Seed.person(app, email: "expert@x.example", organisation: nil)
            let facToken = try await Seed.token(app, for: fac), bToken = try await Seed.token(app, for: adminB)
            let expertToken = try await Seed.token(app, for: expert)

            let asked = try await app.api(.POST, "/communities", token: facToken,
                                          json: #"{"name": "Otley Traders", "kind": "city_chapter", "description": "Shops of Otley"}"#)
            XCTAssertEqual(asked.status, .created)
            XCTAssertEqual(asked.json["status"] as? String, "requested")
            let waiting = try await app.api(.GET, "/communities/otley-traders/threads", token: facToken)
            XCTAssertEqual(waiting.status, .conflict, "the one who asked is told it waits for approval")
            XCTAssertEqual(waiting.json["detail"] as? String, "Otley Traders waits for an operator to approve it. You will get an e-mail when they decide.")
            expectEqual(try await app.api(.GET, "/communities/otley-traders", token: bToken).status, .notFound)
            let expertAsks = try await app.api(.POST, "/communities", token: expertToken,
                                               json: #"{"name": "Experts Club", "kind": "sector", "description": "x"}"#)
            XCTAssertEqual(expertAsks.status, .forbidden, "communities are started by member firms")

            let community = try await Seed.community(app, name: "Leeds Shops", facilitator: fac, firms: [firmA])
            let slug = community.slug
            let join = try await app.api(.POST, "/communities/\(slug)/join-requests", token: bToken, json: #"{"reason": "We sell in Leeds"}"#)
            XCTAssertEqual(join.status, .created)
            let twice = try await app.api(.POST, "/communities/\(slug)/join-requests", token: bToken, json: #"{"reason": "Again"}"#)
            XCTAssertEqual(twice.status, .unprocessableEntity)

            let invite = try await app.api(.POST, "/communities/\(slug)/invitations", token: facToken,
                                           json: #"{"expert_id": "\#(try expert.requireID().uuidString)", "message": "Welcome"}"#)
            XCTAssertEqual(invite.status, .created)
            let notFacilitator = try await app.api(.POST, "/communities/\(slug)/invitations", token: bToken,
                                                   json: #"{"organisation_id": "\#(UUID().uuidString)"}"#)
            XCTAssertEqual(notFacilitator.status, .notFound, "B is not in the community yet")

            let event = try await app.api(.POST, "/communities/\(slug)/events", token: facToken, json: """
                {"kind": "workshop", "title": "Backups hands-on", "starts_at": "2027-06-01T17:00:00Z", "ends_at": "2027-06-01T19:00:00Z", "time_zone": "Europe/London"}
                """)
            XCTAssertEqual(event.status, .created)
            XCTAssertEqual(event.json["starts_at"] as? String, "2027-06-01T17:00:00Z", "absolute time kept, whatever the zone")
            let backwards = try await app.api(.POST, "/communities/\(slug)/events", token: facToken, json: """
                {"kind": "workshop", "title": "Oops", "starts_at": "2027-06-01T17:00:00Z", "ends_at": "2027-06-01T16:00:00Z"}
                """)
            XCTAssertEqual(backwards.status, .unprocessableEntity)
            XCTAssertEqual((backwards.json["errors"] as? [[String: String]])?.first?["field"], "ends_at")

            let members = try await app.api(.GET, "/communities/\(slug)/members", token: facToken)
            XCTAssertEqual(members.status, .ok)
            let names = ((try? JSONSerialization.jsonObject(with: Data(members.body.string.utf8))) as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            XCTAssertTrue(names.contains("A"))
            let accept = try await app.api(.POST, "/communities/\(slug)/charter/acceptance", token: facToken, json: #"{"version": 1}"#)
            XCTAssertEqual(accept.status, .noContent)
        }
    }
}
