import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// A firm's tools sending alerts in with an integration key, as an admin sets it up and the firm's people then read
/// them; and everything a tool can get wrong refused whole, with nothing stored.
final class AlertIngestTests: XCTestCase {
    struct Firm {
        let id: UUID
        let admin: TestBrowser
        let staff: TestBrowser
    }

    func firm(_ app: Application) async throws -> Firm {
        let org = try await Seed.organisation(app, name: "Hartley's Bakery")
        _ = try await Seed.person(app, email: "admin@bakery.example", organisation: org, role: .admin)
        _ = try await Seed.person(app, email: "staff@bakery.example", organisation: org, role: .staff)
        return Firm(id: try org.requireID(), admin: try await TestBrowser.signedIn(app, "admin@bakery.example"),
                    staff: try await TestBrowser.signedIn(app, "staff@bakery.example"))
    }

    func sample(_ name: String) throws -> String {
        try String(contentsOf: Fixtures.integrations.appendingPathComponent(name), encoding: .utf8)
    }

    func testCrowdSecAlertsReachTheDashboardAndRepeatsFold() async throws {
        try await withApp { world in
            // The sample was sent on 4 December 2026: the dashboard shows the two weeks after.
            world.time.advance(by: try XCTUnwrap(Timestamp.parse("2026-12-05T08:00:00Z")).timeIntervalSince(world.app.shieldwall.time.now))
            let app = world.app, f = try await firm(app)
            let key = try await f.admin.createIntegrationKey(f.id)
            XCTAssertTrue(key.hasPrefix("swi_"))
            let keysPage = try await f.admin.get(SiteURL.organisationIntegrations(f.id).path)
            XCTAssertFalse(keysPage.body.string.contains(key), "the key is shown once")

            let sent = try await app.ingest(try sample("crowdsec-http.json"), format: "crowdsec", key: key, header: "X-Api-Key")
            XCTAssertEqual(sent.status, .ok, sent.body.string)
            let stored = try XCTUnwrap(sent.json["stored"] as? Int)
            XCTAssertGreaterThan(stored, 0)
            XCTAssertEqual(sent.json["received"] as? Int, stored + (sent.json["folded"] as? Int ?? -1))

            let again = try await app.ingest(try sample("crowdsec-http.json"), format: "crowdsec", key: key)
            XCTAssertEqual(again.json["stored"] as? Int, 0, "the same alerts sent twice are folded, not doubled: \(again.body.string)")
            try await expectEqual(try await FirmAlert.query(on: app.db).count(), stored)

            let page = try await f.staff.get(SiteURL.organisationSecurity(f.id).path)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("198.51.100.23"), "the attacker's address is on the dashboard")
            XCTAssertTrue(page.body.string.contains("crowdsec"))
            let used = try await IntegrationKey.query(on: app.db).first()
            XCTAssertEqual(used?.lastUsedAt, app.shieldwall.time.now, "the key's last use is kept for its page")
        }
    }

    func testEveryToolsSampleIsRead() async throws {
        try await withApp { world in
            let app = world.app, f = try await firm(app)
            let key = try await f.admin.createIntegrationKey(f.id)
            for (file, format) in [("shieldwall-alerts.json", "shieldwall"), ("wazuh-alerts.json", "wazuh"), ("suricata-eve.json", "suricata"),
                                   ("clamav.log", "clamav")] {
                let sent = try await app.ingest(try sample(file), format: format, key: key)
                XCTAssertEqual(sent.status, .ok, "\(format): \(sent.body.string)")
                XCTAssertGreaterThan(sent.json["stored"] as? Int ?? 0, 0, format)
            }
            let sources = Set(try await FirmAlert.query(on: app.db).all().map(\.source))
            XCTAssertTrue(sources.isSuperset(of: ["wazuh", "suricata", "clamav"]), "\(sources)")
        }
    }

    func testManyFailedSignInsFromFewAddressesAskToBlockThem() async throws {
        try await withApp { world in
            let app = world.app, f = try await firm(app)
            let key = try await f.admin.createIntegrationKey(f.id)
            let now = app.shieldwall.time.now
            let items = (0..<25).map { i in
                #"{"source":"shop-script","time":"\#(AlertSamples.iso(now.addingTimeInterval(Double(-i * 60))))","severity":"medium","kind":"brute-force","addresses":["45.155.205.\#(i % 3 + 1)"],"host":"shop","summary":"Failed sign-in for user \#(i)"}"#
            }
            let sent = try await app.ingest(#"{"alerts":[\#(items.joined(separator: ","))]}"#, key: key)
            XCTAssertEqual(sent.status, .ok, sent.body.string)
            let page = try await f.staff.get(SiteURL.organisationSecurity(f.id).path)
            XCTAssertTrue(page.body.string.contains("Someone is guessing your passwords"), page.body.string)
            XCTAssertTrue(page.body.string.contains("45.155.205.1"))
            XCTAssertTrue(page.body.string.contains("Ask an admin of your firm to block them"), "staff cannot block")

            let adminPage = try await f.admin.get(SiteURL.organisationSecurity(f.id).path)
            XCTAssertTrue(adminPage.body.string.contains("Block these addresses"))
            let clicked = try await f.admin.post(SiteURL.organisationSecurityBlocks(f.id).path,
                                                 pairs: [("addresses", "45.155.205.1 45.155.205.2 45.155.205.3"), ("reason", "Someone is guessing your passwords")])
            XCTAssertEqual(clicked.status, .seeOther, clicked.body.string)
            let after = try await f.admin.get(SiteURL.organisationSecurity(f.id).path)
            XCTAssertTrue(after.body.string.contains("Done: your firm blocks these addresses."), after.body.string)
            XCTAssertFalse(after.body.string.contains(">Block these addresses<"), "nothing left to block")
        }
    }

    func testWhatAToolGetsWrongIsRefusedWhole() async throws {
        try await withApp { world in
            let app = world.app, f = try await firm(app)
            let key = try await f.admin.createIntegrationKey(f.id)
            let now = app.shieldwall.time.now
            let good = #"{"source":"s","time":"\#(AlertSamples.iso(now))","severity":"low","kind":"scan","addresses":["192.0.2.1"],"host":"h","summary":"ok"}"#
            let future = #"{"source":"s","time":"\#(AlertSamples.iso(now.addingTimeInterval(86_400)))","severity":"low","kind":"scan","addresses":[],"host":"h","summary":"from tomorrow"}"#

            let mixed = try await app.ingest(#"{"alerts":[\#(good),\#(future)]}"#, key: key)
            XCTAssertEqual(mixed.status, .unprocessableEntity, mixed.body.string)
            XCTAssertTrue(mixed.body.string.contains("alerts[2]") || mixed.body.string.contains("Alert 2"), mixed.body.string)

            let malformed = try await app.ingest(#"{"alerts":[{"time":"#, key: key)
            XCTAssertEqual(malformed.status, .unprocessableEntity, malformed.body.string)

            let format = try await app.ingest(good, format: "splunk", key: key)
            XCTAssertEqual(format.status, .badRequest)
            XCTAssertTrue(format.body.string.contains("crowdsec"), format.body.string)

            let tenThousand = try await app.ingest(#"{"alerts":[\#(Array(repeating: good, count: 10_000).joined(separator: ","))]}"#, key: key)
            XCTAssertEqual(tenThousand.status, .payloadTooLarge, tenThousand.body.string)
            XCTAssertEqual(tenThousand.headers.contentType?.description, "application/problem+json")

            let empty = try await app.ingest("", key: key)
            XCTAssertEqual(empty.status, .unprocessableEntity)
            try await expectEqual(try await FirmAlert.query(on: app.db).count(), 0)

            let none = try await app.ingest(good, key: nil)
            XCTAssertEqual(none.status, .unauthorized)
            XCTAssertNotNil(none.headers.first(name: .wwwAuthenticate))

            let bouncerOnly = try await f.admin.createIntegrationKey(f.id, name: "Bouncer", scopes: ["decisions"])
            let scoped = try await app.ingest(#"{"alerts":[\#(good)]}"#, key: bouncerOnly)
            XCTAssertEqual(scoped.status, .forbidden, scoped.body.string)

            let asPerson = try await app.api(.GET, "/me", token: key)
            XCTAssertEqual(asPerson.status, .unauthorized, "an integration key is no personal token")
            try await expectEqual(try await FirmAlert.query(on: app.db).count(), 0)
        }
    }

    func testRevokedKeysStopAndTheLogSaysWho() async throws {
        try await withApp { world in
            let app = world.app, f = try await firm(app)
            let key = try await f.admin.createIntegrationKey(f.id, name: "Old firewall")
            let stored = try await IntegrationKey.query(on: app.db).first()
            let id = try XCTUnwrap(stored).requireID()
            let revoked = try await f.admin.post(SiteURL.organisationIntegrationKeyRevoke(f.id, id).path, pairs: [])
            XCTAssertEqual(revoked.status, .seeOther)
            let sent = try await app.ingest(AlertSamples.ours(AlertSamples.iso(app.shieldwall.time.now)), key: key)
            XCTAssertEqual(sent.status, .unauthorized)
            let log = try await f.admin.get(SiteURL.organisationAudit(f.id).path)
            XCTAssertTrue(log.body.string.contains("integration key: Old firewall"), log.body.string)
        }
    }

    func testAKeyIsLimitedToSixtyBatchesAMinute() async throws {
        try await withApp { world in
            let app = world.app, f = try await firm(app)
            let key = try await f.admin.createIntegrationKey(f.id)
            let body = AlertSamples.ours(AlertSamples.iso(app.shieldwall.time.now))
            for _ in 0..<AlertIngest.perMinute {
                let sent = try await app.ingest(body, key: key)
                XCTAssertEqual(sent.status, .ok)
            }
            let refused = try await app.ingest(body, key: key)
            XCTAssertEqual(refused.status, .tooManyRequests, refused.body.string)
            XCTAssertNotNil(refused.headers.first(name: "Retry-After"))
            world.time.advance(by: 60)
            let later = try await app.ingest(AlertSamples.ours(AlertSamples.iso(app.shieldwall.time.now)), key: key)
            XCTAssertEqual(later.status, .ok)
        }
    }

    func testOldAlertsGoAfterTheRetention() async throws {
        try await withApp { world in
            let app = world.app, f = try await firm(app)
            let key = try await f.admin.createIntegrationKey(f.id)
            _ = try await app.ingest(AlertSamples.ours(AlertSamples.iso(app.shieldwall.time.now)), key: key)
            world.time.advance(by: 89 * 86_400)
            try await AlertIngest.removeExpired(ActionContext(app))
            try await expectEqual(try await FirmAlert.query(on: app.db).count(), 1)
            world.time.advance(by: 2 * 86_400)
            try await AlertIngest.removeExpired(ActionContext(app))
            try await expectEqual(try await FirmAlert.query(on: app.db).count(), 0)

            // The operator keeps them 30 days instead.
            _ = try await Seed.person(app, email: "op@shieldwall.example", isOperator: true)
            let op = try await TestBrowser.signedIn(app, "op@shieldwall.example")
            let refused = try await op.post(SiteURL.operatorSettings.path, pairs: [("session_idle_minutes", "30"), ("session_absolute_hours", "12"),
                                                                               ("alert_retention_days", "3")])
            XCTAssertEqual(refused.status, .unprocessableEntity)
            let saved = try await op.post(SiteURL.operatorSettings.path, pairs: [("session_idle_minutes", "30"), ("session_absolute_hours", "12"),
                                                                             ("alert_retention_days", "30")])
            XCTAssertEqual(saved.status, .seeOther, saved.body.string)
            _ = try await app.ingest(AlertSamples.ours(AlertSamples.iso(app.shieldwall.time.now)), key: key)
            world.time.advance(by: 31 * 86_400)
            try await AlertIngest.removeExpired(ActionContext(app))
            try await expectEqual(try await FirmAlert.query(on: app.db).count(), 0)
        }
    }
}
