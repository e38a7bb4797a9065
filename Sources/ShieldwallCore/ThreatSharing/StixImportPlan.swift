import Crypto
import Foundation

/// Which indicators of a read bundle go into which report, decided before anything is written.
///
/// A report takes the indicators it names, unless an indicator's own marking is stricter than the report's
/// (it would otherwise reach people its author did not share it with). The indicators no report took go into
/// one report per marking, with an id derived from the bundle, so that importing the same bundle again finds
/// those reports instead of making new ones.
public struct StixImportPlan: Sendable {
    public struct Entry: Sendable, Equatable {
        public let report: StixReader.Report
        public let values: [IndicatorValue]
    }

    public let entries: [Entry]

    /// `source` names the bundle: its id, or `source(of:data:)` for one without. `looseTitle` titles the reports of
    /// indicators no report named, for people ("Indicators imported from <source>" by default).
    public init(_ read: StixReader.Result, source: String, looseTitle: String? = nil) {
        // By position, so that 100,000 indicators are not copied into a dictionary.
        var position: [String: Int] = [:]
        position.reserveCapacity(read.indicators.count)
        for (n, indicator) in read.indicators.enumerated() where position[indicator.stixID] == nil { position[indicator.stixID] = n }
        var assigned = [Bool](repeating: false, count: read.indicators.count)
        var entries: [Entry] = []
        for report in read.reports {
            var values: [IndicatorValue] = []
            values.reserveCapacity(report.objectRefs.count)
            for ref in report.objectRefs {
                guard let n = position[ref], read.indicators[n].tlp <= report.tlp else { continue }
                values += read.indicators[n].values
                assigned[n] = true
            }
            entries.append(Entry(report: report, values: values))
        }
        let loose = read.indicators.indices.filter { !assigned[$0] }.map { read.indicators[$0] }
        for tlp in TLP.allCases {
            let group = loose.filter { $0.tlp == tlp }
            guard !group.isEmpty else { continue }
            let modified = group.compactMap(\.modified).max()
            let report = StixReader.Report(
                stixID: "report--" + StableUUID.make("\(source)|\(tlp.rawValue)").uuidString.lowercased(),
                name: looseTitle ?? "Indicators imported from \(source)", description: "Indicators from a STIX bundle that no report in it named.",
                kind: "advisory", created: modified, modified: modified, tlp: tlp, objectRefs: group.map(\.stixID))
            entries.append(Entry(report: report, values: group.flatMap(\.values)))
        }
        self.entries = entries
    }

    /// The bundle's id, or for a bundle without one the first 8 bytes of its SHA-256 in hex.
    public static func source(of read: StixReader.Result, data: Data) -> String {
        read.bundleID ?? SHA256.hash(data: data).prefix(8).map { String(format: "%02x", $0) }.joined()
    }
}

/// A UUID derived from a text, the same every time.
public enum StableUUID {
    /// STIX asks SDOs and SROs for version-4 ids ("random"): a hash is as unpredictable, so those pass `version: 4`.
    public static func make(_ text: String, version: UInt8 = 5) -> UUID {
        var bytes = Array(SHA256.hash(data: Data(text.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | (version << 4)
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
