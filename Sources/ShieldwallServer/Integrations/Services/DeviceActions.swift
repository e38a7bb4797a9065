import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A firm's device list: what a tool reports (`PUT`: the tool's whole list) or an admin uploads (CSV: the list uploaded
/// before is replaced), stored whole or not at all; the latest report of a name wins. And what the firm asks of them.
enum DeviceActions {
    struct Outcome: Content {
        let received: Int
        let added: Int
        let updated: Int
        /// Devices this tool (or the CSV before) listed and no longer does.
        let removed: Int
    }

    /// A JSON body (a tool) or a CSV text (a person), read by Core; any problem refuses the whole list.
    static func read(json data: Data? = nil, csv text: String? = nil, now: Date) throws -> [DeviceReport] {
        let result = data.map { DeviceInventory.readJSON($0, now: now) } ?? DeviceInventory.readCSV(text ?? "", now: now)
        let read: DeviceInventory.Read
        switch result {
        case .success(let r): read = r
        case .failure(.tooMany(let max)): throw Refusal(.payloadTooLarge, "devices.error.too-many", ["max": String(max)])
        case .failure(.empty): throw ValidationFailure(field: "devices", key: "devices.error.empty")
        case .failure(.unreadable(let why)): throw ValidationFailure(field: "devices", key: "integrations.error.unreadable", values: ["why": why])
        }
        let unit = data == nil ? "devices.error.line" : "devices.error.item"
        guard read.problems.isEmpty else {
            throw ValidationFailure(read.problems.prefix(50).map {
                FieldProblem(field: "devices[\($0.item)]", key: unit, values: ["item": String($0.item), "why": $0.reason])
            })
        }
        return read.devices
    }

    /// Stores `devices` for `firm` as reported by `key` (nil: an upload from the page), replacing what that source
    /// listed before.
    static func report(_ devices: [DeviceReport], firm: UUID, key: UUID?, ctx: ActionContext) async throws -> Outcome {
        try await ctx.db.writeTransaction { tx in
            let stored = try await FirmDevice.query(on: tx).filter(\.$organisation.$id == firm).all()
            var byName = Dictionary(stored.map { ($0.nameFolded, $0) }, uniquingKeysWith: { a, _ in a })
            var added = 0, updated = 0
            var fresh: [FirmDevice] = []
            for device in devices {
                let row = byName[device.name.lowercased()] ?? FirmDevice()
                let isNew = row.id == nil
                row.$organisation.id = firm
                row.$key.id = key
                row.take(device)
                row.reportedAt = ctx.now
                if isNew { fresh.append(row); added += 1 } else { try await row.update(on: tx); updated += 1 }
                byName[row.nameFolded] = row
            }
            if !fresh.isEmpty { try await fresh.create(on: tx) }
            let listed = Set(devices.map { $0.name.lowercased() })
            let gone = stored.filter { $0.$key.id == key && !listed.contains($0.nameFolded) }.compactMap(\.id)
            if !gone.isEmpty { try await FirmDevice.query(on: tx).filter(\.$id ~~ gone).delete() }
            return Outcome(received: devices.count, added: added, updated: updated, removed: gone.count)
        }
    }

    static func devices(of firm: UUID, on db: any Database) async throws -> [FirmDevice] {
        try await FirmDevice.query(on: db).filter(\.$organisation.$id == firm).sort(\.$name).all()
    }

    /// What the firm asks of its devices: its own choice, or the defaults (`DevicePolicy`, the assessment's advice).
    static func policy(of firm: UUID, on db: any Database) async throws -> DevicePolicy {
        try await FirmDevicePolicy.query(on: db).filter(\.$organisation.$id == firm).first()?.policy ?? DevicePolicy()
    }

    static func savePolicy(_ form: DevicePolicyForm, firm: UUID, by person: SignedIn, ctx: ActionContext) async throws {
        guard IntegrationAccess.canManageDevices(firm: firm.uuidString, viewer: person.viewer) else {
            throw Refusal(.forbidden, "devices.error.admin")
        }
        var problems = ProblemList()
        func days(_ field: String, _ raw: String?, optional: Bool) -> Int? {
            let text = (raw ?? "").trimmingWhitespace()
            if text.isEmpty && optional { return nil }
            guard let n = Int(text), (1...365).contains(n) else { problems.add(field, "devices.error.days"); return nil }
            return n
        }
        let update = days("updateWithinDays", form.updateWithinDays, optional: false)
        let signatures = days("signaturesWithinDays", form.signaturesWithinDays, optional: false)
        let backup = days("backupWithinDays", form.backupWithinDays, optional: true)
        try problems.throwIfAny()
        let row = try await FirmDevicePolicy.query(on: ctx.db).filter(\.$organisation.$id == firm).first() ?? FirmDevicePolicy()
        row.$organisation.id = firm
        row.updateWithinDays = update ?? DevicePolicy().updateWithinDays
        row.signaturesWithinDays = signatures ?? DevicePolicy().signaturesWithinDays
        row.backupWithinDays = backup
        row.encryptPortable = form.encryptPortable == true
        row.requireMalwareProtection = form.requireMalwareProtection == true
        row.$updatedBy.id = person.personID
        row.updatedAt = ctx.now
        try await row.save(on: ctx.db)
    }

    /// The action list's key for a device's updates: one open action per device.
    static func actionKey(_ device: String) -> String { "device-updates:" + device.lowercased() }

    /// A device left without updates goes into the firm's action list (Assessments, through `SecurityFollowUps`).
    static func addUpdateAction(device name: String, firm: UUID, by person: SignedIn, followUps: any SecurityFollowUps,
                                localiser: Localiser, ctx: ActionContext) async throws {
        guard IntegrationAccess.canManageDevices(firm: firm.uuidString, viewer: person.viewer) else {
            throw Refusal(.forbidden, "devices.error.admin")
        }
        guard let device = try await FirmDevice.query(on: ctx.db).filter(\.$organisation.$id == firm)
            .filter(\.$nameFolded == name.trimmingWhitespace().lowercased()).first()
        else { throw Refusal(.notFound, "devices.error.no-device") }
        try await followUps.addAction(firm: firm, key: actionKey(device.name),
                                      title: localiser.text("devices.action.updates", ["device": device.name]), by: person, on: ctx.db, now: ctx.now)
    }
}

/// What the dashboard's buttons start in sibling domains, wired in `App/Wiring/` (`DomainLinks.securityFollowUps`).
protocol SecurityFollowUps: Sendable {
    /// The open action for `key` in the firm's action list, or a new one with `title`.
    func addAction(firm: UUID, key: String, title: String, by person: SignedIn, on db: any Database, now: Date) async throws
    /// Which of `keys` have an open action in the firm's list.
    func openActions(firm: UUID, keys: [String], on db: any Database) async throws -> Set<String>
}

/// What the firm asks of its devices, as typed.
struct DevicePolicyForm: Content {
    var updateWithinDays: String?
    var signaturesWithinDays: String?
    var backupWithinDays: String?
    var encryptPortable: Bool?
    var requireMalwareProtection: Bool?
}
