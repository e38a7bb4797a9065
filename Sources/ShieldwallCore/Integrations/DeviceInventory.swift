import Foundation

/// A firm's device list as its tools send it (`PUT /api/v1/ingest/devices`, JSON) or as someone uploads it (CSV):
/// read whole, each device checked, every problem named by its device (JSON, counted from 1) or line (CSV).
public enum DeviceInventory {
    /// Devices per request or file: a firm with more sends them from several tools.
    public static let maxDevices = 5_000
    /// The columns of the CSV, in the order the template has them; `name` is the only one required.
    public static let columns = ["name", "kind", "os", "os_version", "last_update", "malware_protection", "last_signature_update",
                                 "disk_encrypted", "last_backup", "owner"]

    public struct Problem: Sendable, Equatable {
        /// The device (JSON, from 1) or the line (CSV, the header being line 1).
        public let item: Int
        public let reason: String
    }

    public enum Failure: Error, Equatable, Sendable {
        case unreadable(String)
        case tooMany(max: Int)
        case empty
    }

    public struct Read: Sendable, Equatable {
        public var devices: [DeviceReport] = []
        public var problems: [Problem] = []
    }

    /// `{"devices":[{"name","kind","os","os_version","last_update","malware_protection","last_signature_update",
    /// "disk_encrypted","last_backup","owner"}]}`, the CSV's columns (docs/integrations.md).
    public static func readJSON(_ data: Data, now: Date) -> Result<Read, Failure> {
        guard let body = try? AlertAdapters.decoder.decode(JSONBody.self, from: data) else {
            return .failure(.unreadable(AlertAdapters.jsonProblem(data, expecting: "an object with \"devices\"")))
        }
        guard !body.devices.isEmpty else { return .failure(.empty) }
        guard body.devices.count <= maxDevices else { return .failure(.tooMany(max: maxDevices)) }
        var read = Read()
        for (index, element) in body.devices.enumerated() {
            guard let raw = element.value else { read.problems.append(Problem(item: index + 1, reason: element.problem ?? "not a device")); continue }
            let fields: [String: String?] = [
                "name": raw.name, "kind": raw.kind, "os": raw.os, "os_version": raw.osVersion, "last_update": raw.lastUpdate,
                "malware_protection": raw.malwareProtection.map { $0 ? "yes" : "no" }, "last_signature_update": raw.lastSignatureUpdate,
                "disk_encrypted": raw.diskEncrypted.map { $0 ? "yes" : "no" }, "last_backup": raw.lastBackup, "owner": raw.owner,
            ]
            add(device(fields.compactMapValues { $0 }, now: now), item: index + 1, to: &read)
        }
        return .success(read)
    }

    /// A CSV with a header row naming its columns (any order, `columns` only); dates as `2026-12-01` or ISO 8601;
    /// yes/no as `yes`, `no`, `true`, `false`, `1`, `0` or empty for not known.
    public static func readCSV(_ text: String, now: Date) -> Result<Read, Failure> {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        guard let header = lines.first.flatMap({ fields(String($0)) }) else { return .failure(.empty) }
        let names = header.map { $0.trimmingWhitespace().lowercased().replacingOccurrences(of: " ", with: "_") }
        if let unknown = names.first(where: { !columns.contains($0) }) {
            return .failure(.unreadable("line 1: \"\(unknown.prefix(40))\" is not a column; the columns are \(columns.joined(separator: ", "))"))
        }
        guard names.contains("name") else { return .failure(.unreadable("line 1: the header has no \"name\" column")) }
        guard Set(names).count == names.count else { return .failure(.unreadable("line 1: a column is named twice")) }
        let rows = lines.enumerated().dropFirst().filter { !$0.element.allSatisfy(\.isWhitespace) }
        guard !rows.isEmpty else { return .failure(.empty) }
        guard rows.count <= maxDevices else { return .failure(.tooMany(max: maxDevices)) }
        var read = Read()
        for (index, line) in rows {
            guard let values = fields(String(line)) else { read.problems.append(Problem(item: index + 1, reason: "a quote is not closed")); continue }
            guard values.count == names.count else {
                read.problems.append(Problem(item: index + 1, reason: "\(values.count) fields where the header has \(names.count)"))
                continue
            }
            let row = Dictionary(zip(names, values.map { $0.trimmingWhitespace() }).filter { !$0.1.isEmpty }, uniquingKeysWith: { a, _ in a })
            add(device(row, now: now), item: index + 1, to: &read)
        }
        return .success(read)
    }

    private static func add(_ result: Result<DeviceReport, Reason>, item: Int, to read: inout Read) {
        switch result {
        case .success(let device):
            if read.devices.contains(where: { $0.name.lowercased() == device.name.lowercased() }) {
                read.problems.append(Problem(item: item, reason: "\"\(device.name)\" is named twice"))
            } else {
                read.devices.append(device)
            }
        case .failure(let reason): read.problems.append(Problem(item: item, reason: reason.text))
        }
    }

    struct Reason: Error { let text: String }

    /// One device from its fields by column name.
    static func device(_ f: [String: String], now: Date) -> Result<DeviceReport, Reason> {
        func text(_ key: String, max: Int) throws(Reason) -> String {
            let value = f[key]?.trimmingWhitespace() ?? ""
            guard value.count <= max else { throw Reason(text: "\(key) is longer than \(max) characters") }
            guard !value.contains(where: { $0.isNewline || ($0.asciiValue.map { $0 < 32 } ?? false) }) else {
                throw Reason(text: "\(key) holds a control character")
            }
            return value
        }
        func date(_ key: String) throws(Reason) -> Date? {
            guard let raw = f[key]?.trimmingWhitespace(), !raw.isEmpty else { return nil }
            guard let date = Timestamp.parse(raw) ?? Timestamp.parse(raw + "T00:00:00Z") else {
                throw Reason(text: "\(key) \"\(raw.prefix(40))\" is not a date (2026-12-01 or ISO 8601)")
            }
            guard date <= now.addingTimeInterval(86_400) else { throw Reason(text: "\(key) is in the future") }
            return date
        }
        func yesNo(_ key: String) throws(Reason) -> Bool? {
            guard let raw = f[key]?.trimmingWhitespace().lowercased(), !raw.isEmpty else { return nil }
            switch raw {
            case "yes", "y", "true", "1": return true
            case "no", "n", "false", "0": return false
            default: throw Reason(text: "\(key) \"\(raw.prefix(20))\" is not yes or no")
            }
        }
        do throws(Reason) {
            let name = try text("name", max: 120)
            guard !name.isEmpty else { throw Reason(text: "it has no name") }
            let kindText = try text("kind", max: 20).lowercased()
            guard let kind = kindText.isEmpty ? .other : DeviceReport.Kind(rawValue: kindText) else {
                throw Reason(text: "kind \"\(kindText)\" is not one of \(DeviceReport.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return .success(DeviceReport(name: name, kind: kind, operatingSystem: try text("os", max: 60), osVersion: try text("os_version", max: 60),
                                         lastUpdate: try date("last_update"), malwareProtection: try yesNo("malware_protection"),
                                         lastSignatureUpdate: try date("last_signature_update"), diskEncrypted: try yesNo("disk_encrypted"),
                                         lastBackup: try date("last_backup"), owner: try text("owner", max: 120)))
        } catch {
            return .failure(error)
        }
    }

    private static func fields(_ line: String) -> [String]? {
        var line = line
        return line.withUTF8 { CSVRow(bytes: $0).fields() }
    }

    struct JSONBody: Decodable {
        let devices: [Failable<JSONDevice>]
    }

    struct JSONDevice: Decodable {
        let name: String?
        let kind: String?
        let os: String?
        let osVersion: String?
        let lastUpdate: String?
        let malwareProtection: Bool?
        let lastSignatureUpdate: String?
        let diskEncrypted: Bool?
        let lastBackup: String?
        let owner: String?

        enum CodingKeys: String, CodingKey {
            case name, kind, os, owner
            case osVersion = "os_version", lastUpdate = "last_update", malwareProtection = "malware_protection"
            case lastSignatureUpdate = "last_signature_update", diskEncrypted = "disk_encrypted", lastBackup = "last_backup"
        }
    }
}
