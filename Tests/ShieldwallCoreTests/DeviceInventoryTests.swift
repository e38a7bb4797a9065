import XCTest
@testable import ShieldwallCore

/// Device lists as tools send them (JSON) and people upload them (CSV): every device checked, every problem named.
final class DeviceInventoryTests: XCTestCase {
    let now = Timestamp.parse("2026-12-06T12:00:00Z") ?? Date()

    func testACSVInAnyColumnOrderWithQuotesAndBlanks() throws {
        let csv = "Owner,name,kind,last_update,malware_protection,disk_encrypted\r\n\"Lee, \"\"front\"\" desk\",Reception PC,DESKTOP,2026-12-01,Yes,\r\n\r\n"
            + "Sam,Van tablet,tablet,2026-12-05T09:30:00+01:00,,0\n"
        let read = try DeviceInventory.readCSV(csv, now: now).get()
        XCTAssertEqual(read.problems, [])
        XCTAssertEqual(read.devices.map(\.name), ["Reception PC", "Van tablet"])
        XCTAssertEqual(read.devices[0].owner, "Lee, \"front\" desk")
        XCTAssertEqual(read.devices[0].kind, .desktop)
        XCTAssertEqual(read.devices[0].malwareProtection, true)
        XCTAssertNil(read.devices[0].diskEncrypted, "empty is not known")
        XCTAssertEqual(read.devices[0].lastUpdate, Timestamp.parse("2026-12-01T00:00:00Z"))
        XCTAssertEqual(read.devices[1].diskEncrypted, false)
        XCTAssertEqual(read.devices[1].lastUpdate, Timestamp.parse("2026-12-05T08:30:00Z"))
    }

    func testEveryBadLineIsNamed() throws {
        let csv = "name,kind,last_backup,malware_protection\nTill,desktop,,maybe\n,laptop,,\nNAS,server,2027-03-01,\nPC,fridge,,\ntill,,,\n"
        let read = try DeviceInventory.readCSV(csv, now: now).get()
        XCTAssertEqual(read.problems.map(\.item), [2, 3, 4, 5])
        XCTAssertEqual(read.problems[0].reason, "malware_protection \"maybe\" is not yes or no")
        XCTAssertEqual(read.problems[1].reason, "it has no name")
        XCTAssertEqual(read.problems[2].reason, "last_backup is in the future")
        XCTAssertTrue(read.problems[3].reason.hasPrefix("kind \"fridge\" is not one of laptop, desktop"))
        XCTAssertEqual(read.devices.map(\.name), ["till"], "the bad line named Till does not make the next a duplicate")
        XCTAssertEqual(DeviceInventory.readCSV("name,colour\nTill,red\n", now: now),
                       .failure(.unreadable("line 1: \"colour\" is not a column; the columns are \(DeviceInventory.columns.joined(separator: ", "))")))
        XCTAssertEqual(DeviceInventory.readCSV("kind\nlaptop\n", now: now), .failure(.unreadable("line 1: the header has no \"name\" column")))
        XCTAssertEqual(DeviceInventory.readCSV("name\n", now: now), .failure(.empty))
        XCTAssertEqual(DeviceInventory.readCSV("name,kind\nA,laptop,extra\n", now: now).map(\.problems.first?.reason), .success("3 fields where the header has 2"))
    }

    func testJSONNamesTheDevice() throws {
        let json = #"{"devices":[{"name":"Till","kind":"desktop","last_update":"2026-12-01T10:00:00Z","malware_protection":true},{"kind":"laptop"},"oops",{"name":"till"}]}"#
        let read = try DeviceInventory.readJSON(Data(json.utf8), now: now).get()
        XCTAssertEqual(read.devices.map(\.name), ["Till"])
        XCTAssertEqual(read.problems.map(\.item), [2, 3, 4])
        XCTAssertEqual(read.problems[2].reason, "\"till\" is named twice")
        let many = #"{"devices":["# + Array(repeating: #"{"name":"x"}"#, count: DeviceInventory.maxDevices + 1).joined(separator: ",") + "]}"
        XCTAssertEqual(DeviceInventory.readJSON(Data(many.utf8), now: now), .failure(.tooMany(max: DeviceInventory.maxDevices)))
    }
}
