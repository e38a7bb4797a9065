import Fluent
import Foundation
import ShieldwallCore

/// A device a firm's tool or one of its people reported: the latest report of each name wins.
public final class FirmDevice: Model, @unchecked Sendable {
    public static let schema = "firm_devices"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "organisation_id") public var organisation: Organisation
    /// The key whose tool reported it; nil for a CSV upload from the page.
    @OptionalParent(key: "key_id") public var key: IntegrationKey?
    @Field(key: "name") public var name: String
    /// The name in lower case: one device per name in a firm.
    @Field(key: "name_folded") public var nameFolded: String
    @Field(key: "kind") public var kind: String
    @Field(key: "operating_system") public var operatingSystem: String
    @Field(key: "os_version") public var osVersion: String
    @OptionalField(key: "last_update") public var lastUpdate: Date?
    @OptionalField(key: "malware_protection") public var malwareProtection: Bool?
    @OptionalField(key: "last_signature_update") public var lastSignatureUpdate: Date?
    @OptionalField(key: "disk_encrypted") public var diskEncrypted: Bool?
    @OptionalField(key: "last_backup") public var lastBackup: Date?
    @Field(key: "owner") public var owner: String
    @Field(key: "reported_at") public var reportedAt: Date

    public init() {}

    var report: DeviceReport {
        DeviceReport(name: name, kind: DeviceReport.Kind(rawValue: kind) ?? .other, operatingSystem: operatingSystem, osVersion: osVersion,
                     lastUpdate: lastUpdate, malwareProtection: malwareProtection, lastSignatureUpdate: lastSignatureUpdate, diskEncrypted: diskEncrypted,
                     lastBackup: lastBackup, owner: owner)
    }

    func take(_ r: DeviceReport) {
        name = r.name
        nameFolded = r.name.lowercased()
        kind = r.kind.rawValue
        operatingSystem = r.operatingSystem
        osVersion = r.osVersion
        lastUpdate = r.lastUpdate
        malwareProtection = r.malwareProtection
        lastSignatureUpdate = r.lastSignatureUpdate
        diskEncrypted = r.diskEncrypted
        lastBackup = r.lastBackup
        owner = r.owner
    }
}

/// What a firm asks of its devices, when it changed the defaults (`DevicePolicy`).
public final class FirmDevicePolicy: Model, @unchecked Sendable {
    public static let schema = "device_policies"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "organisation_id") public var organisation: Organisation
    @Field(key: "update_within_days") public var updateWithinDays: Int
    @Field(key: "signatures_within_days") public var signaturesWithinDays: Int
    @OptionalField(key: "backup_within_days") public var backupWithinDays: Int?
    @Field(key: "encrypt_portable") public var encryptPortable: Bool
    @Field(key: "require_malware_protection") public var requireMalwareProtection: Bool
    @OptionalParent(key: "updated_by_id") public var updatedBy: Person?
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    var policy: DevicePolicy {
        var p = DevicePolicy()
        p.updateWithinDays = updateWithinDays
        p.signaturesWithinDays = signaturesWithinDays
        p.backupWithinDays = backupWithinDays
        p.encryptPortable = encryptPortable
        p.requireMalwareProtection = requireMalwareProtection
        return p
    }
}
