import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

final class TaxiiTests: XCTestCase {
    func testBadRequestsGetTaxiiErrorsAndTheServerKeepsServing() async throws {
        try await withApp { world in
            let app = world.app
            let firm = try await Seed.organisation(app)
            let member = try await Seed.person(app, email: "sarah@bakery.example", organisation: firm, role: .admin)
            let community = try await Seed.community(app, facilitator: member, firms: [firm])
            let token = try await Seed.token(app, for: member)
            var headers = HTTPHeaders()
            headers.basicAuthorization = BasicAuthorization(username: "sarah@bakery.example", password: token)
            headers.replaceOrAdd(name: .accept, value: Taxii.mediaType)
            let base = "/taxii2/api/collections/\(try community.requireID())"
            func get(_ path: String, _ h: HTTPHeaders? = nil) async throws -> XCTHTTPResponse {
                try await app.testable().sendRequest(.GET, path, headers: h ?? headers)
            }
            let discovery = try await get("/taxii2/")
            XCTAssertEqual(discovery.status, .ok)
            XCTAssertEqual(discovery.headers.first(name: .contentType), Taxii.mediaType)
            for (query, words) in [("added_after=yesterday", "added_after"), ("limit=0", "limit"), ("limit=many", "limit"), ("next=%%%", "next")] {
                let bad = try await get("\(base)/objects/?\(query)")
                XCTAssertEqual(bad.status, .badRequest, query)
                XCTAssertEqual(bad.headers.first(name: .contentType), Taxii.mediaType)
                XCTAssertTrue(bad.body.string.contains(words), bad.body.string)
                XCTAssertTrue(bad.body.string.contains("\"http_status\":\"400\""), bad.body.string)
            }
            var wrongAccept = headers
            wrongAccept.replaceOrAdd(name: .accept, value: "text/html")
            expectEqual(try await get("/taxii2/api/", wrongAccept).status, .notAcceptable)
            var wrongPassword = headers
            wrongPassword.basicAuthorization = BasicAuthorization(username: "sarah@bakery.example", password: "swp_nope")
            let denied = try await get("/taxii2/api/collections/", wrongPassword)
            XCTAssertEqual(denied.status, .unauthorized)
            XCTAssertEqual(denied.headers.first(name: .wwwAuthenticate), "Basic realm=\"shieldwall-taxii\"")
            var wrongEmail = headers
            wrongEmail.basicAuthorization = BasicAuthorization(username: "someone@else.example", password: token)
            expectEqual(try await get("/taxii2/api/collections/", wrongEmail).status, .unauthorized)
            // Adding needs the TAXII media type and an envelope; a bad object is a failure in the status, the rest is added.
            var post = headers
            post.replaceOrAdd(name: .contentType, value: "application/json")
            let wrongType = try await app.testable().sendRequest(.POST, "\(base)/objects/", headers: post, body: ByteBuffer(string: "{}"))
            XCTAssertEqual(wrongType.status, .unsupportedMediaType)
            post.replaceOrAdd(name: .contentType, value: Taxii.mediaType)
            let envelope = """
                {"objects": [
                  {"type": "indicator", "spec_version": "2.1", "id": "indicator--6b6f2c0a-1f0e-4c1e-9a55-2a8f3c4d5e6f", "pattern_type": "stix",
                   "pattern": "[ipv4-addr:value = '45.155.205.233']", "created": "2026-11-20T10:00:00.000Z", "modified": "2026-11-20T10:00:00.000Z"},
                  {"type": "indicator", "spec_version": "2.1", "id": "indicator--nope", "pattern": "[ipv4-addr:value = '1.2.3.4']"}
                ]}
                """
            let added = try await app.testable().sendRequest(.POST, "\(base)/objects/", headers: post, body: ByteBuffer(string: envelope))
            XCTAssertEqual(added.status, .accepted)
            XCTAssertEqual(added.json["success_count"] as? Int, 1)
            XCTAssertEqual(added.json["failure_count"] as? Int, 1)
            let statusID = try XCTUnwrap(added.json["id"] as? String)
            let status = try await get("/taxii2/api/status/\(statusID)/")
            XCTAssertEqual(status.json["status"] as? String, "complete")
            // The collection now serves it, with the date headers, and pages with `next`.
            let objects = try await get("\(base)/objects/?match[type]=indicator")
            XCTAssertEqual(objects.status, .ok)
            XCTAssertNotNil(objects.headers.first(name: "X-TAXII-Date-Added-First"))
            XCTAssertEqual((objects.json["objects"] as? [[String: Any]])?.count, 1)
            let first = try await get("\(base)/objects/?limit=1")
            XCTAssertEqual(first.json["more"] as? Bool, true)
            let next = try XCTUnwrap(first.json["next"] as? String)
            let second = try await get("\(base)/objects/?limit=1&next=\(next)")
            XCTAssertEqual(second.status, .ok)
            XCTAssertNotEqual((first.json["objects"] as? [[String: Any]])?.first?["id"] as? String,
                              (second.json["objects"] as? [[String: Any]])?.first?["id"] as? String)
            expectEqual(try await get("\(base)/objects/indicator--00000000-0000-4000-8000-000000000000/").status, .notFound)
            // A `next` this server never gave out, as large as a number can be, past entries skipped by `added_after`:
            // an empty page, not a crash.
            let huge = Data(String(Int.max).utf8).base64EncodedString()
            let past = try await get("\(base)/objects/?added_after=2999-01-01T00:00:00Z&next=\(huge)")
            XCTAssertEqual(past.status, .ok)
            XCTAssertNil(past.json["objects"] as? [[String: Any]])
            expectEqual(try await get("\(base)/objects/?match[type]=indicator").status, .ok)
        }
    }
}
