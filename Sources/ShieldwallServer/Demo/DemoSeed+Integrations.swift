import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Hartley's Bakery's CrowdSec on its web shop server has sent a week of alerts through an integration key: scans
/// and probes from many addresses every day, and in the last day a burst of failed sign-ins from three addresses —
/// so its security dashboard opens on "block these addresses". Sent through the ingest service, as the tool would;
/// and its seven devices, two of which need attention.
extension DemoSeed {
    /// The three addresses behind the demo's credential-stuffing burst.
    static let stuffingAddresses = ["45.155.205.233", "80.94.95.81", "194.26.29.102"]

    static func seedIntegrations(app: Application, now: Date) async throws {
        let db = app.db
        guard let sarah = try await Person.query(on: db).filter(\.$email == firms[0].admin.1).first(), let firm = sarah.$organisation.id
        else { return }
        let ctx = ActionContext(db: db, services: app.shieldwall, hasher: app.password.async(on: app.threadPool, hopTo: app.eventLoopGroup.next()),
                                address: "demo")
        let created = try await IntegrationKeyActions.create(firm: firm, name: "CrowdSec on the web shop server", scopes: ["alerts"],
                                                             by: try SignedIn(person: sarah, organisation: nil, sessionID: nil, stage: .full), ctx: ctx)
        var alerts: [String] = []
        func alert(_ hoursAgo: Double, _ kind: String, _ severity: String, _ address: String, _ summary: String) {
            let time = ISO8601DateFormatter().string(from: now.addingTimeInterval(-hoursAgo * 3600))
            alerts.append(#"{"source":"crowdsec","time":"\#(time)","severity":"\#(severity)","kind":"\#(kind)","addresses":["\#(address)"],"host":"shop","summary":"\#(summary)"}"#)
        }
        // A week of background noise: a few scans a day, each from a different address.
        for day in 1...7 {
            for n in 0..<(2 + day % 3) {
                alert(Double(day * 24 - n * 5), n % 2 == 0 ? "scan" : "web-attack", "medium", "185.\(100 + day).\(20 + n).\(7 * n + day)",
                      n % 2 == 0 ? "crowdsecurity/http-probing" : "crowdsecurity/http-sensitive-files")
            }
        }
        // Last night: someone tried stolen passwords on the shop's admin page.
        for n in 0..<36 {
            alert(9 - Double(n) / 6, "brute-force", "high", stuffingAddresses[n % 3], "crowdsecurity/http-bf-wordpress_bf on the shop admin")
        }
        guard let key = try await IntegrationKey.query(on: db).filter(\.$id == created.key.requireID()).first() else { return }
        _ = try await AlertIngest.ingest(Data(#"{"alerts":[\#(alerts.joined(separator: ","))]}"#.utf8), format: .shieldwall, key: key, ctx: ctx)
        _ = try await DeviceActions.report(bakeryDevices(now: now), firm: firm, key: nil, ctx: ctx)
    }

    /// The bakery's seven devices as Sarah uploaded them: the back-office PC missed five weeks of updates and the
    /// delivery laptop's disk is not encrypted; the rest are as the firm asks.
    static func bakeryDevices(now: Date) -> [DeviceReport] {
        func ago(_ days: Double) -> Date { now.addingTimeInterval(-days * 86_400) }
        return [
            DeviceReport(name: "Back-office PC", kind: .desktop, operatingSystem: "Windows", osVersion: "10 22H2", lastUpdate: ago(38),
                         malwareProtection: true, lastSignatureUpdate: ago(1), diskEncrypted: true, lastBackup: ago(1), owner: "Sarah"),
            DeviceReport(name: "Delivery laptop", kind: .laptop, operatingSystem: "Windows", osVersion: "11 23H2", lastUpdate: ago(4),
                         malwareProtection: true, lastSignatureUpdate: ago(1), diskEncrypted: false, lastBackup: ago(2), owner: "Tom"),
            DeviceReport(name: "Till", kind: .desktop, operatingSystem: "Windows", osVersion: "11 23H2", lastUpdate: ago(6),
                         malwareProtection: true, lastSignatureUpdate: ago(0.5), diskEncrypted: true, lastBackup: ago(1), owner: "Shop floor"),
            DeviceReport(name: "Sarah's laptop", kind: .laptop, operatingSystem: "macOS", osVersion: "15.1", lastUpdate: ago(3),
                         malwareProtection: true, lastSignatureUpdate: ago(1), diskEncrypted: true, lastBackup: ago(1), owner: "Sarah"),
            DeviceReport(name: "Web shop server", kind: .server, operatingSystem: "Debian", osVersion: "12", lastUpdate: ago(2),
                         malwareProtection: true, lastSignatureUpdate: ago(1), diskEncrypted: true, lastBackup: ago(0.5), owner: "Sarah"),
            DeviceReport(name: "Shop phone", kind: .phone, operatingSystem: "Android", osVersion: "14", lastUpdate: ago(9), diskEncrypted: true,
                         owner: "Shop floor"),
            DeviceReport(name: "Card terminal tablet", kind: .tablet, operatingSystem: "iPadOS", osVersion: "18.1", lastUpdate: ago(5),
                         diskEncrypted: true, owner: "Shop floor"),
        ]
    }
}
