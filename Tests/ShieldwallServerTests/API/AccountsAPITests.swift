import Fluent
import XCTVapor
@testable import ShieldwallServer

final class AccountsAPITests: XCTestCase {
    func testMeWithATokenAndProblemsWithout() async throws {
        try await withApp { world in
            let org = try await Seed.organisation(world.app)
            let ann = try await Seed.person(world.app, email: "ann@shop.example", name: "Ann", organisation: org, role: .admin)
            let token = try await Seed.token(world.app, for: ann)
            XCTAssertTrue(token.hasPrefix("swp_"))
            let me = try await world.app.api(.GET, "/me", token: token)
            XCTAssertEqual(me.status, .ok)
            XCTAssertEqual(me.json["email"] as? String, "ann@shop.example")
            XCTAssertEqual(me.json["display_name"] as? String, "Ann")
            XCTAssertEqual(me.json["organisation_role"] as? String, "admin")
            XCTAssertNil(me.json["password_hash"])
            let stored = try await APIToken.query(on: world.app.db).first()
            XCTAssertNotNil(stored?.lastUsedAt, "last use is recorded")
            XCTAssertNotEqual(stored?.tokenDigest, token)

            let none = try await world.app.api(.GET, "/me", token: nil)
            XCTAssertEqual(none.status, .unauthorized)
            XCTAssertEqual(none.headers.contentType?.description, "application/problem+json")
            XCTAssertEqual(none.json["status"] as? Int, 401)
            XCTAssertNotNil(none.json["detail"] as? String)
            let bogus = try await world.app.api(.GET, "/me", token: "swp_nothing")
            XCTAssertEqual(bogus.status, .unauthorized)
            let missing = try await world.app.api(.GET, "/nope", token: token)
            XCTAssertEqual(missing.status, .notFound)
            XCTAssertEqual(missing.headers.contentType?.description, "application/problem+json")
        }
    }

    func testTokensAreCreatedOnTheAccountPageShownOnceAndRevocable() async throws {
        try await withApp { world in
            try await Seed.person(world.app, email: "ann@shop.example")
            let browser = TestBrowser(world.app)
            try await browser.signIn("ann@shop.example")
            try await browser.get(SiteURL.accountTokens.path)
            let wrong = try await browser.post(SiteURL.accountTokens.path, ["name": "firewall", "current_password": "nope nope nope"])
            XCTAssertEqual(wrong.status, .unprocessableEntity)
            let noName = try await browser.post(SiteURL.accountTokens.path, ["name": " ", "current_password": Seed.password])
            XCTAssertTrue(noName.body.string.contains("This field is required."))
            var count = try await APIToken.query(on: world.app.db).count()
            XCTAssertEqual(count, 0)
            let created = try await browser.post(SiteURL.accountTokens.path, ["name": "firewall sync", "current_password": Seed.password])
            let token = try XCTUnwrap(created.text(ofID: "new-token"))
            XCTAssertTrue(token.hasPrefix("swp_"))
            let list = try await browser.get(SiteURL.accountTokens.path)
            XCTAssertFalse(list.body.string.contains(token), "the whole token is shown only once")
            XCTAssertTrue(list.body.string.contains(String(token.prefix(10))))
            let me = try await world.app.api(.GET, "/me", token: token)
            XCTAssertEqual(me.status, .ok)

            let firstRow = try await APIToken.query(on: world.app.db).first()
            let row = try XCTUnwrap(firstRow)
            try await browser.post(SiteURL.accountTokenRevoke(try row.requireID()).path)
            let revoked = try await world.app.api(.GET, "/me", token: token)
            XCTAssertEqual(revoked.status, .unauthorized)
            XCTAssertTrue((revoked.json["detail"] as? String)?.contains("revoked") ?? false)
            count = try await AuditEvent.query(on: world.app.db).filter(\.$kind ~~ [AuditKind.tokenCreated, AuditKind.tokenRevoked]).count()
            XCTAssertEqual(count, 2)
        }
    }

    func testOperatorCreatesOrganisationsAndBadJSONGetsClearErrors() async throws {
        try await withApp { world in
            let op = try await Seed.person(world.app, email: "op@shieldwall.example", isOperator: true)
            let token = try await Seed.token(world.app, for: op)
            let created = try await world.app.api(.POST, "/organisations", token: token,
                                                  json: #"{"name": "Kirk Fasteners", "staff_count": 45, "sector": "Manufacturing", "region": "Barnsley"}"#)
            XCTAssertEqual(created.status, .created)
            XCTAssertEqual(created.json["size"] as? String, "small")
            XCTAssertEqual(created.json["staff_count"] as? Int, 45)

            let wrongType = try await world.app.api(.POST, "/organisations", token: token,
                                                    json: #"{"name": "X", "staff_count": "many", "sector": "a", "region": "b"}"#)
            XCTAssertEqual(wrongType.status, .badRequest)
            XCTAssertEqual(wrongType.json["detail"] as? String, "'staff_count' must be a whole number.")
            let broken = try await world.app.api(.POST, "/organisations", token: token, json: #"{"name": "#)
            XCTAssertEqual(broken.status, .badRequest)
            let invalid = try await world.app.api(.POST, "/organisations", token: token,
                                                  json: #"{"name": "", "staff_count": 400, "sector": "a", "region": "b"}"#)
            XCTAssertEqual(invalid.status, .unprocessableEntity)
            let fields = (invalid.json["errors"] as? [[String: String]])?.compactMap { $0["field"] }
            XCTAssertEqual(Set(fields ?? []), ["name", "staff_count"])
            let count = try await Organisation.query(on: world.app.db).count()
            XCTAssertEqual(count, 1)
        }
    }

    func testCursorPaginationWalksEveryOrganisationOnce() async throws {
        try await withApp { world in
            let op = try await Seed.person(world.app, email: "op@shieldwall.example", isOperator: true)
            let token = try await Seed.token(world.app, for: op)
            for i in 0..<7 { _ = try await Seed.organisation(world.app, name: "Firm \(i)") }
            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let path = "/organisations?limit=3" + (cursor.map { "&cursor=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" } ?? "")
                let page = try await world.app.api(.GET, path, token: token)
                XCTAssertEqual(page.status, .ok)
                seen += ((page.json["items"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
                cursor = page.json["next_cursor"] as? String
                pages += 1
            } while cursor != nil && pages < 10
            XCTAssertEqual(pages, 3)
            XCTAssertEqual(Set(seen), Set((0..<7).map { "Firm \($0)" }))
            XCTAssertEqual(seen.count, 7)
            let badLimit = try await world.app.api(.GET, "/organisations?limit=0", token: token)
            XCTAssertEqual(badLimit.status, .badRequest)
            let badCursor = try await world.app.api(.GET, "/organisations?cursor=zzz", token: token)
            XCTAssertEqual(badCursor.status, .badRequest)
            // A cursor is the id of the last item seen: any UUID is one (the page starts after it), and the base64
            // cursors given out before are still taken.
            let after = try await world.app.api(.GET, "/organisations?cursor=00000000-0000-0000-0000-000000000000", token: token)
            XCTAssertEqual(after.status, .ok)
            XCTAssertEqual((after.json["items"] as? [[String: Any]])?.count, 7, "after the smallest id: all seven")
            let firstPage = try await world.app.api(.GET, "/organisations?limit=3", token: token)
            let lastID = try XCTUnwrap(firstPage.json["next_cursor"] as? String)
            let legacy = Data(lastID.uppercased().utf8).base64EncodedString().addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let second = try await world.app.api(.GET, "/organisations?limit=3&cursor=\(legacy)", token: token)
            XCTAssertEqual(second.status, .ok)
            XCTAssertEqual((second.json["items"] as? [[String: Any]])?.count, 3)
        }
    }

    func testAdminInvitesAndRequiresMFAThroughTheAPI() async throws {
        try await withApp { world in
            let org = try await Seed.organisation(world.app)
            let admin = try await Seed.person(world.app, email: "sarah@bakery.example", organisation: org, role: .admin)
            let token = try await Seed.token(world.app, for: admin)
            let id = try org.requireID().uuidString
            let invite = try await world.app.api(.POST, "/organisations/\(id)/invitations", token: token,
                                                 json: #"{"email": "tom@bakery.example", "role": "staff"}"#)
            XCTAssertEqual(invite.status, .created)
            XCTAssertTrue((invite.json["link"] as? String)?.hasPrefix("http://127.0.0.1:8080/invitations/") ?? false)
            XCTAssertEqual(world.mailer.sent.count, 1)
            let badRole = try await world.app.api(.POST, "/organisations/\(id)/invitations", token: token,
                                                  json: #"{"email": "amy@bakery.example", "role": "owner"}"#)
            XCTAssertEqual(badRole.status, .unprocessableEntity)
            let patch = try await world.app.api(.PATCH, "/organisations/\(id)", token: token, json: #"{"require_mfa": true}"#)
            XCTAssertEqual(patch.status, .ok)
            XCTAssertEqual(patch.json["require_mfa"] as? Bool, true)
            XCTAssertEqual(patch.json["name"] as? String, org.name, "fields not sent are kept")
            let people = try await world.app.api(.GET, "/organisations/\(id)/people", token: token)
            XCTAssertEqual((people.json["items"] as? [[String: Any]])?.count, 1)
            let audit = try await world.app.api(.GET, "/organisations/\(id)/audit-events", token: token)
            let kinds = (audit.json["items"] as? [[String: Any]])?.compactMap { $0["kind"] as? String } ?? []
            XCTAssertTrue(kinds.contains("invitation_created"))
            XCTAssertTrue(kinds.contains("mfa_requirement_changed"))
        }
    }
}
