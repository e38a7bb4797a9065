import Foundation
import SQLKit
import XCTVapor
import ShieldwallCore
@testable import ShieldwallServer

/// Links, catalogue keys and the API document must agree with what the server really has.
final class RouteContractTests: XCTestCase {
    func testTheOpenAPIDocumentDescribesExactlyTheAPIRoutes() async throws {
        try await withApp { world in
            let served = try await world.app.testable().sendRequest(.GET, "/api/v1/openapi.json")
            XCTAssertEqual(served.status, .ok)
            let doc = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(served.body.string.utf8)) as? [String: Any])
            XCTAssertEqual(doc["openapi"] as? String, "3.1.0")
            let paths = try XCTUnwrap(doc["paths"] as? [String: [String: Any]])
            var documented: Set<String> = []
            for (path, item) in paths {
                for method in item.keys where ["get", "post", "put", "patch", "delete"].contains(method) {
                    documented.insert("\(method.uppercased()) /api/v1\(path)")
                }
            }
            let routed = Set(world.app.routes.all.compactMap { route -> String? in
                let path = "/" + route.path.map { component -> String in
                    switch component {
                    case .constant(let c): return c
                    case .parameter(let p): return "{\(p)}"
                    case .anything: return "*"
                    case .catchall: return "**"
                    }
                }.joined(separator: "/")
                return path.hasPrefix("/api/v1/") ? "\(route.method.rawValue) \(path)" : nil
            })
            XCTAssertEqual(routed.subtracting(documented), [], "routes missing from openapi.json")
            XCTAssertEqual(documented.subtracting(routed), [], "openapi.json names routes that do not exist")
        }
    }

    func testEverySiteURLReachesARoute() async throws {
        try await withApp { world in
            let routes = world.app.routes.all.map { $0.path }
            for url in SiteURL.examples {
                let parts = url.path.split(separator: "/").map(String.init)
                let matched = routes.contains { components in
                    components.count == parts.count && zip(components, parts).allSatisfy { component, part in
                        if case .constant(let c) = component { return c == part }
                        return true
                    }
                }
                XCTAssertTrue(matched, "no route for \(url.path)")
            }
        }
    }

    /// Every text key in the sources exists in the English catalogue, so no page shows a raw key.
    func testEveryCatalogueKeyInTheSourcesHasAnEnglishText() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let sources = root.appendingPathComponent("Sources/ShieldwallServer")
        let catalogue = try loadCatalogues(extraFolder: nil).localiser(for: "en")
        let pattern = try NSRegularExpression(pattern: #""((?:layout|nav|form|field|signin|account|mfa|tokens|sessions|org|invite|invitation|audit|operator|home|register|error|flash|role|size|mail|community|communities|charter|toolkit|rhythm|events|event|rsvp|health|threats|report|indicator|blocklist|sighting|sightings|allowlist|tlp|stix|assessment|action|actions|results|coach|benchmark|thread|discussions|poll|search|notification|notifications|questions|flags|ama|resource|resources)\.[a-z0-9.\-]+[a-z0-9])""#)
        var missing: [String] = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        XCTAssertGreaterThan(files.count, 20)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let range = Range(match.range(at: 1), in: text) else { continue }
                let key = String(text[range])
                if key.hasSuffix(".ics") || key.hasSuffix(".atom") { continue }  // a file name in a route, not a text
                if catalogue.text(key) == key { missing.append("\(file.lastPathComponent): \(key)") }
            }
        }
        XCTAssertEqual(missing, [])
        for kind in AuditKind.allCases {
            XCTAssertNotEqual(catalogue.text("audit.kind.\(kind.rawValue)"), "audit.kind.\(kind.rawValue)")
        }
        for kind in ["sector", "region", "supply_chain", "city_chapter"] { XCTAssertNotEqual(catalogue.text("community.kind.\(kind)"), "community.kind.\(kind)") }
        for status in ["requested", "setup", "active", "declined", "archived"] { XCTAssertNotEqual(catalogue.text("community.status.\(status)"), "community.status.\(status)") }
        for kind in ["webinar", "in_person", "ama", "workshop"] { XCTAssertNotEqual(catalogue.text("event.kind.\(kind)"), "event.kind.\(kind)") }
        for kind in ["discussion", "question", "announcement"] {
            XCTAssertNotEqual(catalogue.text("thread.kind.\(kind)"), "thread.kind.\(kind)")
            XCTAssertNotEqual(catalogue.text("thread.kind.\(kind).help"), "thread.kind.\(kind).help")
        }
        for kind in NotificationKind.allCases { XCTAssertNotEqual(catalogue.text("notification.kind.\(kind.rawValue)"), "notification.kind.\(kind.rawValue)") }
        for d in NotificationDelivery.allCases { XCTAssertNotEqual(catalogue.text("notifications.delivery.\(d.rawValue)"), "notifications.delivery.\(d.rawValue)") }
        for kind in LibraryResource.Kind.allCases {
            XCTAssertNotEqual(catalogue.text("resource.kind.\(kind.rawValue)"), "resource.kind.\(kind.rawValue)")
            XCTAssertNotEqual(catalogue.text("resource.kind.\(kind.rawValue).help"), "resource.kind.\(kind.rawValue).help")
        }
        for kind in ["thread", "post", "event", "resource", "report"] { XCTAssertNotEqual(catalogue.text("search.kind.\(kind)"), "search.kind.\(kind)") }
        for problem in ["closed", "already-voted", "no-choice", "one-only", "unknown-option", "too-few-options", "too-many-options",
                        "option-too-long", "closes-days", "duplicate-option"] {
            XCTAssertNotEqual(catalogue.text("poll.error.\(problem)"), "poll.error.\(problem)")
        }
        for step in 1...4 { XCTAssertNotEqual(catalogue.text("toolkit.step\(step)"), "toolkit.step\(step)") }
        for code in [400, 401, 403, 404, 410, 422, 429, 500] {
            XCTAssertNotEqual(catalogue.text("error.\(code).title"), "error.\(code).title")
        }
    }

    func testHealthAndMetrics() async throws {
        try await withApp { world in
            let health = try await world.app.testable().sendRequest(.GET, "/healthz")
            XCTAssertEqual(health.status, .ok)
            XCTAssertTrue(health.body.string.contains("\"status\":\"ok\""))
            _ = try await world.app.testable().sendRequest(.GET, "/sign-in")
            let metrics = try await world.app.testable().sendRequest(.GET, "/metrics")
            XCTAssertEqual(metrics.status, .ok)
            XCTAssertTrue(metrics.headers.contentType?.description.hasPrefix("text/plain") ?? false)
            XCTAssertTrue(metrics.body.string.contains("http_requests_total"), "Vapor's request counter is exported")
        }
    }
}

final class DatabaseEngineTests: XCTestCase {
    /// CI runs the suite twice; this makes sure the second run really is on PostgreSQL.
    func testRunsOnTheEngineCIAskedFor() async throws {
        try await withApp { world in
            let sql = try XCTUnwrap(world.app.db as? any SQLDatabase)
            let expected = testDatabase.isPostgres ? "postgresql" : "sqlite"
            XCTAssertEqual(sql.dialect.name, expected)
            print("Database engine under test: \(sql.dialect.name)")
        }
    }
}
