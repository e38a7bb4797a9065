import Foundation

/// A device a firm's tools report (issue #28), and whether it is protected as the firm's own policy asks — said in
/// plain words, one problem at a time.
public struct DeviceReport: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable { case laptop, desktop, server, phone, tablet, other }

    public var name: String
    public var kind: Kind
    public var operatingSystem: String
    public var osVersion: String
    public var lastUpdate: Date?
    /// Nil: not known.
    public var malwareProtection: Bool?
    public var lastSignatureUpdate: Date?
    public var diskEncrypted: Bool?
    public var lastBackup: Date?
    public var owner: String

    public init(name: String, kind: Kind, operatingSystem: String = "", osVersion: String = "", lastUpdate: Date? = nil, malwareProtection: Bool? = nil,
                lastSignatureUpdate: Date? = nil, diskEncrypted: Bool? = nil, lastBackup: Date? = nil, owner: String = "") {
        self.name = name
        self.kind = kind
        self.operatingSystem = operatingSystem
        self.osVersion = osVersion
        self.lastUpdate = lastUpdate
        self.malwareProtection = malwareProtection
        self.lastSignatureUpdate = lastSignatureUpdate
        self.diskEncrypted = diskEncrypted
        self.lastBackup = lastBackup
        self.owner = owner
    }
}

/// What a firm asks of its devices. The defaults follow the assessment's own advice (updates within 14 days); a firm
/// may ask more or less of each.
public struct DevicePolicy: Sendable, Equatable {
    public var updateWithinDays = 14
    public var signaturesWithinDays = 7
    public var backupWithinDays: Int? = 7
    /// Laptops, phones and tablets leave the building: their disks should be encrypted.
    public var encryptPortable = true
    public var requireMalwareProtection = true

    public init() {}

    public enum Problem: Sendable, Equatable {
        case updatesOverdue(days: Int)
        case updatesUnknown
        case noMalwareProtection
        case signaturesOld(days: Int)
        case notEncrypted
        case backupOverdue(days: Int)
        case neverBackedUp

        /// A stable name for the API and the catalogue (`devices.problem.CODE`).
        public var code: String {
            switch self {
            case .updatesOverdue: "updates-overdue"
            case .updatesUnknown: "updates-unknown"
            case .noMalwareProtection: "no-malware-protection"
            case .signaturesOld: "signatures-old"
            case .notEncrypted: "not-encrypted"
            case .backupOverdue: "backup-overdue"
            case .neverBackedUp: "never-backed-up"
            }
        }

        /// The days the problem counts, where it counts some.
        public var days: Int? {
            switch self {
            case .updatesOverdue(let d), .signaturesOld(let d), .backupOverdue(let d): d
            default: nil
            }
        }
    }

    /// What is wrong with `device` under this policy at `now`; empty when it is protected as it should be.
    public func problems(_ device: DeviceReport, now: Date) -> [Problem] {
        func days(since date: Date) -> Int { Int(now.timeIntervalSince(date) / 86_400) }
        var out: [Problem] = []
        if let update = device.lastUpdate {
            if days(since: update) > updateWithinDays { out.append(.updatesOverdue(days: days(since: update))) }
        } else {
            out.append(.updatesUnknown)
        }
        let phone = device.kind == .phone || device.kind == .tablet
        if requireMalwareProtection && !phone {
            if device.malwareProtection == false { out.append(.noMalwareProtection) }
            else if device.malwareProtection == true, let signatures = device.lastSignatureUpdate, days(since: signatures) > signaturesWithinDays {
                out.append(.signaturesOld(days: days(since: signatures)))
            }
        }
        let portable = device.kind == .laptop || phone
        if encryptPortable && portable && device.diskEncrypted == false { out.append(.notEncrypted) }
        if let within = backupWithinDays, device.kind != .phone {
            if let backup = device.lastBackup {
                if days(since: backup) > within { out.append(.backupOverdue(days: days(since: backup))) }
            } else if device.kind == .server || device.kind == .desktop || device.kind == .laptop {
                out.append(.neverBackedUp)
            }
        }
        return out
    }
}
