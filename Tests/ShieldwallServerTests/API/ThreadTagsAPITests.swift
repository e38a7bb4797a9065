import XCTVapor
@testable import ShieldwallServer

/// Tags given to the API as a list: each item is one tag, as the form would read it, or the request is refused
/// naming it (a blank item used to vanish, so six items passed a limit of five).
final class ThreadTagsAPITests: XCTestCase {
    func testEachTagInTheListIsOneTag() async throws {
        try await withApp { world in
            let firm = try await Seed.organisation(world.app)
            let fran = try await Seed.person(world.app, email: "fran@bakery.example", organisation: firm, role: .admin)
            let community = try await Seed.community(world.app, facilitator: fran, firms: [firm])
            let token = try await Seed.token(world.app, for: fran)
            let path = "/communities/\(community.slug)/threads"
            func post(_ tags: String) async throws -> XCTHTTPResponse {
                try await world.app.api(.POST, path, token: token,
                                        json: #"{"kind": "discussion", "title": "Backups for the till", "body": "How often?", "tags": \#(tags)}"#)
            }
            let blank = try await post(#"["backups", " "]"#)
            XCTAssertEqual(blank.status, .unprocessableEntity)
            XCTAssertTrue(blank.body.string.contains("\"field\":\"tags\""), blank.body.string)
            expectEqual(try await post(#"["backups", "two words"]"#).status, .unprocessableEntity)
            let fine = try await post(#"["backups", "MFA"]"#)
            XCTAssertEqual(fine.status, .created, fine.body.string)
            XCTAssertEqual(fine.json["tags"] as? [String], ["backups", "mfa"])
        }
    }
}
