import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// A firm's devices as its tools send them or its admin uploads them, said protected or not under its own policy,
/// and what the dashboard offers for them: an action for a device left without updates, the malware playbook.
final class DeviceTests: XCTestCase {
    struct Firm {
        let id: UUID
        let org: Organisation
        let admin: TestBrowser
        let staff: TestBrowser
        let staffPerson: Person
    }

    func firm(_ app: Application) async throws -> Firm {
        let org = try await Seed.organisation(app, name: "Hartley's Bakery")
        _ = try await Seed.person(app, email: "admin@bakery.example", organisation: org, role: .admin)
        let staff = try await Seed.person(app, email: "staff@bakery.example", organisation: org, role: .staff)
        return Firm(id: try org.requireID(), org: org, admin: try await TestBrowser.signedIn(app, "admin@bakery.example"),
                    staff: try await TestBrowser.signedIn(app, "staff@bakery.example"), staffPerson: staff)
    }

    func day(_ app: Application, _ daysAgo: Int) -> String {
        String(AlertSamples.iso(app.shieldwall.time.now.addingTimeInterval(Double(-daysAgo) * 86_400)).prefix(10))
    }

    func testAToolsDeviceListShowsWhatNeedsAttentionAndTheFixGoesInTheActionList() async throws {
        try await withApp { world in
            let app = world.app, f = try await firm(app)
            let key = try await f.admin.createIntegrationKey(f.id, name: "RMM", scopes: ["devices"])
            let list = DeviceSamples.list([
                DeviceSamples.device("Back-office PC", kind: "desktop", lastUpdate: day(app, 41), backup: day(app, 1)),
                DeviceSamples.device("Delivery laptop", lastUpdate: day(app, 2), encrypted: false, backup: day(app, 1)),
                DeviceSamples.device("Till", kind: "desktop", lastUpdate: day(app, 3), backup: day(app, 1)),
            ])
            let sent = try await app.putDevices(list, key: key)
            XCTAssertEqual(sent.status, .ok, sent.body.string)
            XCTAssertEqual(sent.json["added"] as? Int, 3)

            let dashboard = try await f.staff.get(SiteURL.organisationSecurity(f.id).path)
            let text = dashboard.body.string
            XCTAssertTrue(text.contains("3 devices; 2 need attention."), text)
            XCTAssertTrue(text.contains("Back-office PC has had no updates for 41 days"), text)
            XCTAssertTrue(text.contains("Its disk is not encrypted"), text)
            XCTAssertTrue(text.contains("Ask your firm&apos;s admin to put this in the action list.") || text.contains("Ask your firm's admin"), "staff cannot add")

            let added = try await f.admin.post(SiteURL.organisationSecurityActions(f.id).path, pairs: [("device", "back-office pc")])
            XCTAssertEqual(added.status, .seeOther, added.body.string)
            let actions = try await f.staff.get(SiteURL.actions.path)
            XCTAssertTrue(actions.body.string.contains("Install the updates on Back-office PC"), actions.body.string)
            _ = try await f.admin.post(SiteURL.organisationSecurityActions(f.id).path, pairs: [("device", "Back-office PC")])
            try await expectEqual(try await PlanAction.query(on: app.db).count(), 1, "a second click adds no second action")
            let after = try await f.admin.get(SiteURL.organisationSecurity(f.id).path)
            XCTAssertTrue(after.body.string.contains("In your firm&apos;s action list.") || after.body.string.contains("In your firm's action list."))
            XCTAssertFalse(after.body.string.contains(">Add to our action list<"))

            // The tool's list is its whole list: what it no longer lists goes; a device another source uploaded stays.
            let upload = try await f.admin.upload(SiteURL.organisationDevices(f.id).path, [:],
                                                  file: ("file", "devices.csv", Array("name,kind\r\nServer cupboard NAS,server\r\n".utf8)))
            XCTAssertEqual(upload.status, .seeOther, upload.body.string)
            let again = try await app.putDevices(DeviceSamples.list([DeviceSamples.device("Till", kind: "desktop", lastUpdate: day(app, 0))]), key: key)
            XCTAssertEqual(again.json["updated"] as? Int, 1, again.body.string)
            XCTAssertEqual(again.json["removed"] as? Int, 2, again.body.string)
            let names = try await FirmDevice.query(on: app.db).all().map(\.name).sorted()
            XCTAssertEqual(names, ["Server cupboard NAS", "Till"])

            let api = try await app.api(.GET, "/organisations/\(f.id)/devices", token: try await Seed.token(app, for: f.staffPerson))
            let items = try XCTUnwrap(api.json["items"] as? [[String: Any]], api.body.string)
            let nas = try XCTUnwrap(items.first { $0["name"] as? String == "Server cupboard NAS" })
            XCTAssertEqual(nas["problems"] as? [String], ["updates-unknown", "never-backed-up"])
        }
    }

    func testWhatAToolOrAFileGetsWrongIsRefusedWhole() async throws {
        try await withApp { world in
            let app = world.app, f = try await firm(app)
            let key = try await f.admin.createIntegrationKey(f.id, name: "RMM", scopes: ["devices"])
            let bad = try await app.putDevices(DeviceSamples.list([DeviceSamples.device("Till"), DeviceSamples.device("Laptop", kind: "toaster"),
                                                                    DeviceSamples.device("till")]), key: key)
            XCTAssertEqual(bad.status, .unprocessableEntity, bad.body.string)
            XCTAssertTrue(bad.body.string.contains("Device 2: kind \\\"toaster\\\" is not one of") || bad.body.string.contains("Device 2: kind"), bad.body.string)
            XCTAssertTrue(bad.body.string.contains("Device 3: \\\"till\\\" is named twice") || bad.body.string.contains("is named twice"), bad.body.string)
            let future = try await app.putDevices(DeviceSamples.list([DeviceSamples.device("Till", lastUpdate: "2099-01-01")]), key: key)
            XCTAssertEqual(future.status, .unprocessableEntity)
            XCTAssertTrue(future.body.string.contains("last_update is in the future"), future.body.string)
            let malformed = try await app.putDevices(#"{"devices":[{"name":"#, key: key)
            XCTAssertEqual(malformed.status, .unprocessableEntity)
            let many = try await app.putDevices(DeviceSamples.list((0...5_000).map { DeviceSamples.device("PC \($0)") }), key: key)
            XCTAssertEqual(many.status, .payloadTooLarge, many.body.string)
            let alertsOnly = try await f.admin.createIntegrationKey(f.id, name: "CrowdSec", scopes: ["alerts"])
            let scoped = try await app.putDevices(DeviceSamples.list([DeviceSamples.device("Till")]), key: alertsOnly)
            XCTAssertEqual(scoped.status, .forbidden)
            try await expectEqual(try await FirmDevice.query(on: app.db).count(), 0)

            let csv = "name,kind,last_update,disk_encrypted\r\nTill,desktop,2026-11-30,\r\nLaptop,laptop,last tuesday,yes\r\n\"Unclosed,laptop,,\r\n"
            let refused = try await f.admin.upload(SiteURL.organisationDevices(f.id).path, [:], file: ("file", "devices.csv", Array(csv.utf8)))
            XCTAssertEqual(refused.status, .unprocessableEntity)
            XCTAssertTrue(refused.body.string.contains("Line 3: last_update"), refused.body.string)
            XCTAssertTrue(refused.body.string.contains("Line 4: a quote is not closed"), refused.body.string)
            let column = try await f.admin.upload(SiteURL.organisationDevices(f.id).path, [:],
                                                  file: ("file", "devices.csv", Array("name,colour\r\nTill,red\r\n".utf8)))
            XCTAssertTrue(column.body.string.contains("\"colour\" is not a column") || column.body.string.contains("&quot;colour&quot; is not a column"),
                          column.body.string)
            let staff = try await f.staff.upload(SiteURL.organisationDevices(f.id).path, [:], file: ("file", "devices.csv", Array("name\r\nTill\r\n".utf8)))
            XCTAssertEqual(staff.status, .forbidden)
            try await expectEqual(try await FirmDevice.query(on: app.db).count(), 0)
        }
    }

    func testTheFirmsPolicyDecidesAndTheListComesBackAsCSV() async throws {
        try await withApp { world in
            let app = world.app, f = try await firm(app)
            let csv = "name,kind,os,last_update,malware_protection,disk_encrypted,last_backup,owner\r\n"
                + "Reception PC,desktop,Windows,\(day(app, 20)),yes,no,\(day(app, 1)),\"Lee, front desk\"\r\n"
            let upload = try await f.admin.upload(SiteURL.organisationDevices(f.id).path, [:], file: ("file", "devices.csv", Array(csv.utf8)))
            XCTAssertEqual(upload.status, .seeOther, upload.body.string)
            let page = try await f.staff.get(SiteURL.organisationDevices(f.id).path)
            XCTAssertTrue(page.body.string.contains("No updates for 20 days"), page.body.string)
            XCTAssertFalse(page.body.string.contains("Save what we ask"), "staff see the policy, not its form")

            let saved = try await f.admin.post(SiteURL.organisationDevicePolicy(f.id).path,
                                               pairs: [("updateWithinDays", "30"), ("signaturesWithinDays", "7"), ("backupWithinDays", "7"),
                                                       ("requireMalwareProtection", "true")])
            XCTAssertEqual(saved.status, .seeOther, saved.body.string)
            let relaxed = try await f.staff.get(SiteURL.organisationDevices(f.id).path)
            XCTAssertTrue(relaxed.body.string.contains("1 devices; 0 need attention."), relaxed.body.string)

            let export = try await f.staff.get(SiteURL.organisationDevicesCSV(f.id).path)
            XCTAssertEqual(export.headers.contentType?.subType, "csv")
            XCTAssertTrue(export.body.string.hasPrefix(DeviceInventory.columns.joined(separator: ",")), export.body.string)
            XCTAssertTrue(export.body.string.contains("\"Lee, front desk\""), export.body.string)
            let reread = DeviceInventory.readCSV(export.body.string, now: app.shieldwall.time.now)
            XCTAssertEqual(try reread.get().devices.first?.owner, "Lee, front desk", "the download uploads again unchanged")
        }
    }

    func testMalwareOnADeviceOpensTheCommunitysMalwarePlaybook() async throws {
        try await withApp { world in
            let app = world.app, f = try await firm(app)
            let facilitator = try await Seed.person(app, email: "fac@experts.example")
            let community = try await Seed.community(app, facilitator: facilitator, firms: [f.org])
            try await Seed.acceptCharter(app, community, by: f.staffPerson)
            let key = try await f.admin.createIntegrationKey(f.id)
            let line = "\(AlertSamples.iso(app.shieldwall.time.now)) till clamd[812]: /home/sam/Downloads/invoice.exe: Win.Trojan.Agent-123 FOUND"
            let sent = try await app.ingest(line, format: "clamav", key: key)
            XCTAssertEqual(sent.status, .ok, sent.body.string)
            let dashboard = try await f.staff.get(SiteURL.organisationSecurity(f.id).path)
            let playbook = SiteURL.communityPlaybook(community.slug, "malware").path
            XCTAssertTrue(dashboard.body.string.contains("Malware was found on till"), dashboard.body.string)
            XCTAssertTrue(dashboard.body.string.contains(playbook), dashboard.body.string)
            let opened = try await f.staff.get(playbook)
            XCTAssertEqual(opened.status, .ok)
            XCTAssertTrue(opened.body.string.contains("Malware found on a device"))
        }
    }
}
