import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

final class StixImportTests: XCTestCase {

    func fixture(_ name: String) throws -> String {
        try String(contentsOf: Fixtures.stixOasis.appendingPathComponent(name), encoding: .utf8)
    }

    func testImportsTheOASISBundlesIdempotently() async throws {
        try await withApp { world in
            let app = world.app
            let firm = try await Seed.organisation(app)
            let member = try await Seed.person(app, email: "sarah@bakery.example", organisation: firm, role: .admin)
            let community = try await Seed.community(app, facilitator: member, firms: [firm])
            let token = try await Seed.token(app, for: member)
            let path = "/communities/\(community.slug)/stix"
            let first = try await app.api(.POST, path, token: token, json: try fixture("apt1.json"))
            XCTAssertEqual(first.status, .ok, first.body.string)
            XCTAssertEqual(first.json["reports_created"] as? Int, 1)
            XCTAssertEqual(first.json["indicators"] as? Int, 10)
            XCTAssertEqual((first.json["skipped"] as? [Any])?.count, 65, "every object it cannot use is listed")
            let report = try await ThreatReport.query(on: app.db).filter(\.$stixID == "report--e33ffe07-2f4c-48d8-b0af-ee2619d765cf").firstOrFail()
            XCTAssertEqual(report.tlp, .amber)
            expectEqual(try await ReportIndicator.query(on: app.db).filter(\.$report.$id == (try report.requireID())).count(), 10)
            // Again: nothing changes.
            let again = try await app.api(.POST, path, token: token, json: try fixture("apt1.json"))
            XCTAssertEqual(again.json["reports_created"] as? Int, 0)
            XCTAssertEqual(again.json["reports_unchanged"] as? Int, 1)
            expectEqual(try await ThreatReport.query(on: app.db).count(), 1)
            expectEqual(try await Indicator.query(on: app.db).count(), 10)
            // Values are stored while the bundle is read, before the report: a value stored for a report that is
            // then left unchanged is removed again, so no row is left that no report links.
            let hugesoft = try await Indicator.query(on: app.db).filter(\.$value == "hugesoft.org").firstOrFail()
            try await hugesoft.delete(on: app.db)
            let unchanged = try await app.api(.POST, path, token: token, json: try fixture("apt1.json"))
            XCTAssertEqual(unchanged.json["reports_unchanged"] as? Int, 1)
            expectEqual(try await Indicator.query(on: app.db).count(), 9)
            expectEqual(try await ReportIndicator.query(on: app.db).count(), 9)
            // A newer version of the report wins.
            let newer = try fixture("apt1.json").replacingOccurrences(of: """
                      "modified": "2015-05-15T09:12:16.432Z",
                      "name": "APT1: Exposing One of China's Cyber Espionage Units",
                """, with: """
                      "modified": "2016-01-01T00:00:00.000Z",
                      "name": "APT1 (revised)",
                """)
            XCTAssertNotEqual(newer, try fixture("apt1.json"))
            let revised = try await app.api(.POST, path, token: token, json: newer)
            XCTAssertEqual(revised.json["reports_updated"] as? Int, 1, revised.body.string)
            let title = try await ThreatReport.query(on: app.db).filter(\.$stixID == "report--e33ffe07-2f4c-48d8-b0af-ee2619d765cf").firstOrFail().title
            XCTAssertEqual(title, "APT1 (revised)")
            // Poison Ivy: one malformed pattern is an error; everything else is imported.
            let ivy = try await app.api(.POST, path, token: token, json: try fixture("poisonivy.json"))
            XCTAssertEqual(ivy.status, .ok)
            let errors = ivy.json["errors"] as? [[String: Any]] ?? []
            XCTAssertEqual(errors.count, 1)
            XCTAssertTrue((errors.first?["reason"] as? String ?? "").contains("domain autuo.xicp.net"))
            XCTAssertGreaterThan(ivy.json["indicators"] as? Int ?? 0, 20)
            // The imported values correlate like shared ones and are visible to members.
            let lookup = try await app.api(.POST, "/indicators/lookup", token: token, json: #"{"values": ["hugesoft.org", "223.166.0.0/15"]}"#)
            XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(lookup.body.string.utf8)) as? [[String: Any]])?.compactMap { $0["known"] as? Bool },
                           [true, true])
            // The CLI imports the same way.
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("sw-\(UUID()).json")
            try fixture("infrastructure.json").write(to: file, atomically: true, encoding: .utf8)
            let text = try await StixCommands.importFile(file.path, community: community.slug, author: nil, app: app)
            XCTAssertTrue(text.hasPrefix("1 report created"), text)
        }
    }

    func testBadBundlesAreRefusedClearlyAndWriteNothing() async throws {
        try await withApp { world in
            let app = world.app
            let firm = try await Seed.organisation(app)
            let member = try await Seed.person(app, email: "sarah@bakery.example", organisation: firm, role: .admin)
            let community = try await Seed.community(app, facilitator: member, firms: [firm])
            let token = try await Seed.token(app, for: member)
            let path = "/communities/\(community.slug)/stix"
            let truncated = try await app.api(.POST, path, token: token, json: String(try fixture("apt1.json").prefix(5000)))
            XCTAssertEqual(truncated.status, .badRequest)
            XCTAssertTrue(truncated.body.string.contains("truncated"))
            let notStix = try await app.api(.POST, path, token: token, json: #"{"hello": "world"}"#)
            XCTAssertEqual(notStix.status, .unprocessableEntity)
            let marked = try await app.api(.POST, path, token: token, json: try fixture("interop-objectmarking-test.json"))
            XCTAssertEqual(marked.status, .ok)
            XCTAssertTrue(marked.body.string.contains("unknown marking definition"))
            let red = try await app.api(.POST, path, token: token, json: """
                {"type": "bundle", "id": "bundle--6f1c5a3e-7a43-4f4e-9b3a-0d8f3f3a9c11", "objects": [
                  {"type": "indicator", "spec_version": "2.1", "id": "indicator--0d9c1f2e-3b4a-4c5d-9e6f-7a8b9c0d1e2f",
                   "pattern": "[domain-name:value = 'secret.example']", "pattern_type": "stix",
                   "object_marking_refs": ["\(TLP.red.stixMarkingID)"]}]}
                """)
            XCTAssertTrue(red.body.string.contains("TLP:RED is for named people only"))
            expectEqual(try await ThreatReport.query(on: app.db).count(), 0)
            expectEqual(try await Indicator.query(on: app.db).count(), 0)
            let outsider = try await Seed.person(app, email: "otto@far.example")
            let denied = try await app.api(.POST, path, token: try await Seed.token(app, for: outsider), json: try fixture("apt1.json"))
            XCTAssertEqual(denied.status, .notFound)
        }
    }
}
