import Foundation

/// Writes STIX 2.1 bundles: reports, indicators with patterns, aggregated sightings, identities (none for
/// anonymous reports) and the official TLP 2.0 marking definitions.
public enum StixBundle {
    public struct Identity: Sendable, Equatable {
        public var id: String
        public var name: String
        public init(id: String, name: String) { self.id = id; self.name = name }
    }

    public struct IndicatorObject: Sendable {
        public var id: String
        public var value: IndicatorValue
        public var created: Date
        public var validUntil: Date
        public var confidence: Int
        public var revoked: Bool
        public var tlp: TLP
        public init(id: String, value: IndicatorValue, created: Date, validUntil: Date, confidence: Int, revoked: Bool, tlp: TLP) {
            self.id = id; self.value = value; self.created = created; self.validUntil = validUntil
            self.confidence = confidence; self.revoked = revoked; self.tlp = tlp
        }
    }

    public struct SightingObject: Sendable {
        public var id: String
        public var indicatorID: String
        public var count: Int
        public var firstSeen: Date
        public var lastSeen: Date
        public var tlp: TLP
        public init(id: String, indicatorID: String, count: Int, firstSeen: Date, lastSeen: Date, tlp: TLP) {
            self.id = id; self.indicatorID = indicatorID; self.count = count; self.firstSeen = firstSeen; self.lastSeen = lastSeen; self.tlp = tlp
        }
    }

    public struct ReportObject: Sendable {
        public var id: String
        public var name: String
        public var description: String
        public var kind: String
        public var created: Date
        public var modified: Date
        public var tlp: TLP
        public var author: Identity?
        public var indicatorIDs: [String]
        public init(id: String, name: String, description: String, kind: String, created: Date, modified: Date, tlp: TLP,
                    author: Identity?, indicatorIDs: [String]) {
            self.id = id; self.name = name; self.description = description; self.kind = kind; self.created = created
            self.modified = modified; self.tlp = tlp; self.author = author; self.indicatorIDs = indicatorIDs
        }
    }

    public static func timestamp(_ date: Date) -> String {
        let ms = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        let millis = ms - seconds * 1000
        let text = ISO8601.format(seconds)
        return String(text.dropLast()) + "." + String(format: "%03d", millis) + "Z"
    }

    /// The official marking definition of one TLP level.
    public static func marking(_ tlp: TLP) -> [String: Any] {
        [
            "type": "marking-definition", "spec_version": "2.1", "id": tlp.stixMarkingID,
            "created": "2022-10-01T00:00:00.000Z", "name": tlp.label,
            "extensions": [TLP.stixTLP2Extension: ["extension_type": "property-extension", "tlp_2_0": tlp.rawValue]],
        ]
    }

    /// The bundle as JSON bytes (keys sorted, so the same content gives the same bytes).
    public static func render(bundleID: String, reports: [ReportObject], indicators: [IndicatorObject],
                              sightings: [SightingObject]) throws -> Data {
        let bundle: [String: Any] = ["type": "bundle", "id": bundleID,
                                     "objects": objects(reports: reports, indicators: indicators, sightings: sightings)]
        return try JSONSerialization.data(withJSONObject: bundle, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    /// The STIX objects themselves (for TAXII, which sends them in envelopes rather than bundles).
    public static func objects(reports: [ReportObject], indicators: [IndicatorObject], sightings: [SightingObject]) -> [[String: Any]] {
        var markings = Set<TLP>(), identities: [String: Identity] = [:]
        for report in reports {
            markings.insert(report.tlp)
            if let author = report.author { identities[author.id] = author }
        }
        for i in indicators { markings.insert(i.tlp) }
        for s in sightings { markings.insert(s.tlp) }
        return TLP.allCases.filter(markings.contains).map(marking)
            + identities.values.sorted(by: { $0.id < $1.id }).map(object)
            + indicators.map(object) + sightings.map(object) + reports.map(object)
    }

    public static func object(_ identity: Identity) -> [String: Any] {
        ["type": "identity", "spec_version": "2.1", "id": identity.id, "name": identity.name,
         "identity_class": "organization", "created": "2020-01-01T00:00:00.000Z", "modified": "2020-01-01T00:00:00.000Z"]
    }

    public static func object(_ i: IndicatorObject) -> [String: Any] {
        let created = timestamp(i.created)
        var object: [String: Any] = [
            "type": "indicator", "spec_version": "2.1", "id": i.id, "created": created, "modified": created,
            "name": i.value.value, "pattern": StixPattern.pattern(for: i.value), "pattern_type": "stix",
            "description": "\(i.value.type.rawValue) shared by members of a community of support on Shieldwall",
            "valid_from": created, "indicator_types": ["malicious-activity"], "confidence": i.confidence,
            "object_marking_refs": [i.tlp.stixMarkingID],
        ]
        if i.validUntil > i.created { object["valid_until"] = timestamp(i.validUntil) }
        if i.revoked { object["revoked"] = true }
        return object
    }

    public static func object(_ s: SightingObject) -> [String: Any] {
        ["type": "sighting", "spec_version": "2.1", "id": s.id, "created": timestamp(s.lastSeen), "modified": timestamp(s.lastSeen),
         "sighting_of_ref": s.indicatorID, "count": s.count, "first_seen": timestamp(s.firstSeen),
         "last_seen": timestamp(max(s.lastSeen, s.firstSeen)),
         "object_marking_refs": [s.tlp.stixMarkingID]]
    }

    public static func object(_ r: ReportObject) -> [String: Any] {
        var refs = r.indicatorIDs
        if refs.isEmpty { refs = [r.author?.id ?? r.tlp.stixMarkingID] }
        var object: [String: Any] = [
            "type": "report", "spec_version": "2.1", "id": r.id, "created": timestamp(r.created), "modified": timestamp(r.modified),
            "name": r.name, "description": r.description, "published": timestamp(r.created),
            "report_types": [r.kind == "vulnerability" ? "vulnerability" : "threat-report"], "labels": [r.kind],
            "object_refs": refs, "object_marking_refs": [r.tlp.stixMarkingID],
        ]
        if let author = r.author { object["created_by_ref"] = author.id }
        return object
    }
}
