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

    /// Every address in the four tables is registered, declares as many parameters as its links take, and
    /// every registered route comes from one of them: a new address cannot go unregistered or untested.
    func testEveryEndpointIsARouteAndEveryRouteAnEndpoint() async throws {
        try await withApp { world in
            let tables: [(String, [(name: String, endpoint: any EndpointDeclaration)])] =
                [("SiteURL", SiteURL.endpoints), ("APIURL", APIURL.endpoints), ("TaxiiURL", TaxiiURL.endpoints), ("CrowdSecURL", CrowdSecURL.endpoints)]
            var declared: [String: String] = [:]
            for (table, endpoints) in tables {
                XCTAssertGreaterThan(endpoints.count, table == "CrowdSecURL" ? 1 : 8, table)
                for (name, endpoint) in endpoints {
                    let parameters = endpoint.parts.filter(\.isParameter).map(\.name)
                    XCTAssertEqual(parameters.count, endpoint.arity, "\(table).\(name): parameters against link values")
                    XCTAssertEqual(Set(parameters).count, parameters.count, "\(table).\(name): a parameter named twice")
                    if let other = declared.updateValue("\(table).\(name)", forKey: endpoint.template) {
                        XCTFail("\(table).\(name) and \(other) are the same address \(endpoint.template)")
                    }
                }
            }
            let routes = world.app.routes.all
            let routed = Set(routes.map { "/" + $0.path.map { "\($0)" }.joined(separator: "/") })
            for (template, name) in declared where !routed.contains(template) {
                XCTFail("\(name) (\(template)) has no route: a link to it would be dead")
            }
            for route in routes {
                XCTAssertNotNil(route.surface, "\(route) was registered without its endpoint")
            }
            XCTAssertEqual(SiteURL.communityEvent("c", UUID(uuidString: "00000000-0000-0000-0000-000000000001")!).path,
                           "/communities/c/events/00000000-0000-0000-0000-000000000001")
            XCTAssertEqual(SiteURL.home.path, "/")
            XCTAssertEqual(APIURL.community("a b/c").path, "/api/v1/communities/a%20b%2Fc", "a value stays one part of the path")
        }
    }

    /// Errors answer in the language of the surface the address belongs to, also for addresses no route has.
    func testErrorsAnswerAsTheirSurfaceSpeaks() async throws {
        try await withApp { world in
            let app = try world.app.testable()
            let api = try await app.sendRequest(.GET, "/api/v1/no-such-thing")
            XCTAssertEqual(api.status, .notFound)
            XCTAssertEqual(api.headers.contentType?.description, "application/problem+json")
            let taxii = try await app.sendRequest(.GET, "/taxii2/api/no-such-thing")
            XCTAssertEqual(taxii.status, .notFound)
            XCTAssertEqual(taxii.headers.first(name: .contentType), "application/taxii+json;version=2.1")
            XCTAssertTrue(taxii.body.string.contains("\"http_status\":\"404\""), taxii.body.string)
            let page = try await app.sendRequest(.GET, "/no-such-page")
            XCTAssertEqual(page.status, .notFound)
            XCTAssertTrue(page.body.string.contains("<main"), "a page, with the site's layout")
            let css = try await app.sendRequest(.GET, SiteURL.stylesheet.path)
            XCTAssertEqual(css.headers.first(name: .cacheControl), "public, max-age=3600")
            XCTAssertEqual(page.headers.first(name: .cacheControl), "no-store")

            // An address that exists under other methods says which (RFC 9110 §15.5.6), on every surface.
            let wrong = try await app.sendRequest(.DELETE, "/api/v1/chapters/some-chapter")
            XCTAssertEqual(wrong.status, .methodNotAllowed)
            XCTAssertEqual(wrong.headers.first(name: .allow), "GET, HEAD")
            XCTAssertEqual(wrong.headers.contentType?.description, "application/problem+json")
            XCTAssertTrue(wrong.body.string.contains("does not take DELETE"), wrong.body.string)
            // A route whose id parameter the path does not fill does not count: GET reaches /indicators/:indicatorID and
            // would answer 404, so /indicators/extract takes only POST.
            let person = try await Seed.person(world.app, email: "ana@firm.example")
            let token = try await Seed.token(world.app, for: person)
            let extract = try await app.sendRequest(.GET, APIURL.indicatorsExtract.path, headers: ["Authorization": "Bearer \(token)"])
            XCTAssertEqual(extract.status, .methodNotAllowed)
            XCTAssertEqual(extract.headers.first(name: .allow), "POST")
            // Every write in the API needs a token: without one, 401 before a large body is read (not 413).
            let large = try await app.sendRequest(.POST, APIURL.communityThreads("some-community").path,
                                                  headers: ["Content-Type": "application/json"], body: ByteBuffer(string: String(repeating: "x", count: 3 << 20)))
            XCTAssertEqual(large.status, .unauthorized)
            let put = try await app.sendRequest(.PUT, SiteURL.signIn.path)
            XCTAssertEqual(put.status, .methodNotAllowed)
            XCTAssertEqual(put.headers.first(name: .allow), "GET, HEAD, POST")
            let taxiiWrong = try await app.sendRequest(.DELETE, "/taxii2/")
            XCTAssertEqual(taxiiWrong.status, .methodNotAllowed)
            XCTAssertTrue(taxiiWrong.body.string.contains("\"http_status\":\"405\""), taxiiWrong.body.string)
        }
    }

    /// Addresses are spelled only in App/URLs: no route is registered from strings and no view or controller
    /// writes a path of its own (a path with a leading slash in a string literal). Migrations name tables, not addresses.
    func testNoAddressIsSpelledOutsideTheURLTables() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/ShieldwallServer")
        let registration = try NSRegularExpression(pattern: #"\.(get|post|put|patch|delete|on|grouped)\((\.[A-Z]+, )?""#)
        let path = try NSRegularExpression(pattern: #""/(api|taxii2|static|communities|reports|threads|posts|organisations|account|operator|assessment|actions|coach|indicators|sightings|resources|search|notifications|invitations|sign-in|register|feeds|calendar|blocklists|unsubscribe|questions|community-invitations)\b"#)
        var found: [String] = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" && !$0.path.contains("/App/URLs/") && !$0.path.contains("/Migrations/") } ?? []
        XCTAssertGreaterThan(files.count, 50)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for pattern in [registration, path] {
                for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    let line = text[..<(Range(match.range, in: text)?.lowerBound ?? text.startIndex)].split(separator: "\n", omittingEmptySubsequences: false).count
                    found.append("\(file.lastPathComponent):\(line)")
                }
            }
        }
        XCTAssertEqual(found, [], "addresses spelled outside App/URLs")
    }

    /// What people are told when refused comes from the catalogue: no `Abort` spells its reason in English
    /// (only internal 500s, which people never see worded, may).
    func testNoRefusalIsWordedOutsideTheCatalogue() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let pattern = try NSRegularExpression(pattern: #"Abort\(\.(?!internalServerError)\w+[^()]*reason: ""#)
        var found: [String] = []
        let files = FileManager.default.enumerator(at: root.appendingPathComponent("Sources/ShieldwallServer"), includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                found.append("\(file.lastPathComponent): \(Range(match.range, in: text).map { text[$0] } ?? "")")
            }
        }
        XCTAssertEqual(found, [], "refuse with Refusal(status, \"catalogue.key\") or req.t(…)")
        let planted = #"throw Abort(.forbidden, reason: "Nope.")"#
        XCTAssertNotNil(pattern.firstMatch(in: planted, range: NSRange(planted.startIndex..., in: planted)), "the check finds a planted English reason")
    }

    /// Every text key in the sources exists in the English catalogue, so no page shows a raw key.
    func testEveryCatalogueKeyInTheSourcesHasAnEnglishText() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let sources = root.appendingPathComponent("Sources/ShieldwallServer")
        let catalogue = try loadCatalogues(extraFolder: nil).localiser(for: "en")
        let pattern = try NSRegularExpression(pattern: #""((?:layout|nav|form|field|signin|account|mfa|tokens|sessions|org|invite|invitation|audit|operator|home|register|error|flash|role|size|mail|community|communities|charter|toolkit|rhythm|events|event|rsvp|health|threats|report|indicator|blocklist|sighting|sightings|allowlist|tlp|stix|assessment|action|actions|results|coach|benchmark|thread|discussions|poll|search|notification|notifications|questions|flags|ama|resource|resources|plan|playbook|help)\.[a-z0-9.\-]+[a-z0-9])""#)
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
        for item in ["mfa", "assessment", "invite", "community", "check-in"] {
            XCTAssertNotEqual(catalogue.text("home.first-run.\(item)"), "home.first-run.\(item)")
            XCTAssertNotEqual(catalogue.text("home.first-run.\(item).why"), "home.first-run.\(item).why")
        }
        for kind in ["raised", "taken", "note", "resolved", "reopened"] { XCTAssertNotEqual(catalogue.text("help.event.\(kind)"), "help.event.\(kind)") }
        for kind in ConfirmPage.kinds {
            XCTAssertNotEqual(catalogue.text("confirm.\(kind)"), "confirm.\(kind)")
            XCTAssertNotEqual(catalogue.text("confirm.\(kind).yes"), "confirm.\(kind).yes")
        }
        for term in GlossaryView.terms {
            XCTAssertNotEqual(catalogue.text("glossary.\(term)"), "glossary.\(term)")
            XCTAssertNotEqual(catalogue.text("glossary.\(term).text"), "glossary.\(term).text")
        }
        for tlp in ["clear", "green", "amber", "amber-strict", "red"] {
            for part in ["who", "audience", "short"] { XCTAssertNotEqual(catalogue.text("tlp.\(tlp).\(part)"), "tlp.\(tlp).\(part)") }
        }
        for problem in ["kind", "action", "name"] { XCTAssertNotEqual(catalogue.text("confirm.error.\(problem)"), "confirm.error.\(problem)") }
        for source in ["shipped", "adapted", "own"] { XCTAssertNotEqual(catalogue.text("playbook.source.\(source)"), "playbook.source.\(source)") }
        for role in ContactRole.allCases { XCTAssertNotEqual(catalogue.text("playbook.contact.\(role.rawValue)"), "playbook.contact.\(role.rawValue)") }
        for section in PlanSectionKind.allCases { XCTAssertNotEqual(catalogue.text("plan.section.\(section.rawValue)"), "plan.section.\(section.rawValue)") }
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
