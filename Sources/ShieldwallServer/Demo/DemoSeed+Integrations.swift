import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Hartley's Bakery's CrowdSec on its web shop server has sent a week of alerts through an integration key: scans
/// and probes from many addresses every day, and in the last day a burst of failed sign-ins from three addresses —
/// so its security dashboard opens on "block these addresses". Sent through the ingest service, as the tool would.
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
    }
}
