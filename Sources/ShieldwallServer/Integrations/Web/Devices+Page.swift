import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A firm's devices as its tools and people reported them, each said protected or not under the firm's own policy;
/// the policy and the CSV upload for its admins. Its people only (`IntegrationScope`).
struct DevicesPage: Sendable {
    struct Row: Sendable {
        let name: String
        let kind: DeviceReport.Kind
        let system: String
        let owner: String
        let lastUpdate: Date?
        let reportedAt: Date
        /// The key's name, or nil for an upload from this page.
        let source: String?
        let problems: [DevicePolicy.Problem]
        /// The device as Core's rules read it.
        let report: DeviceReport
    }

    let firmID: UUID
    let firmName: String
    let canManage: Bool
    let policy: DevicePolicy
    /// Needing attention first, then by name.
    let rows: [Row]
    var policyForm: DevicePolicyForm?
    var errors: [String: String] = [:]
    /// What was wrong with an uploaded list, line by line.
    var uploadProblems: [String] = []

    var needingAttention: Int { rows.filter { !$0.problems.isEmpty }.count }

    static func build(_ firm: Organisation, viewer: SignedIn, on db: any Database, now: Date) async throws -> DevicesPage {
        let id = try firm.requireID()
        let policy = try await DeviceActions.policy(of: id, on: db)
        let devices = try await DeviceActions.devices(of: id, on: db)
        let keys = try await IntegrationScope.keys(of: id, on: db)
        let keyNames = Dictionary(keys.compactMap { k in k.id.map { ($0, k.name) } }, uniquingKeysWith: { a, _ in a })
        let rows = devices.map { d in
            Row(name: d.name, kind: DeviceReport.Kind(rawValue: d.kind) ?? .other, system: [d.operatingSystem, d.osVersion].filter { !$0.isEmpty }.joined(separator: " "),
                owner: d.owner, lastUpdate: d.lastUpdate, reportedAt: d.reportedAt, source: d.$key.id.map { keyNames[$0] ?? "—" },
                problems: policy.problems(d.report, now: now), report: d.report)
        }
        return DevicesPage(firmID: id, firmName: firm.name, canManage: IntegrationAccess.canManageDevices(firm: id.uuidString, viewer: viewer.viewer),
                           policy: policy, rows: rows.filter { !$0.problems.isEmpty } + rows.filter(\.problems.isEmpty))
    }

    /// The firm's devices in the upload's columns, to edit and upload again (the header alone when there are none).
    static func csv(_ devices: [FirmDevice]) -> [[String]] {
        func day(_ d: Date?) -> String { d.map { String(Format.iso($0).prefix(10)) } ?? "" }
        func yesNo(_ b: Bool?) -> String { b.map { $0 ? "yes" : "no" } ?? "" }
        return [DeviceInventory.columns] + devices.map { d in
            [d.name, d.kind, d.operatingSystem, d.osVersion, day(d.lastUpdate), yesNo(d.malwareProtection), day(d.lastSignatureUpdate),
             yesNo(d.diskEncrypted), day(d.lastBackup), d.owner]
        }
    }
}
