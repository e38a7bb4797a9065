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
        /// The latest version: a revocation is a new version (STIX 2.1 section 3.6), so TAXII clients fetch it again.
        public var modified: Date
        public init(id: String, value: IndicatorValue, created: Date, validUntil: Date, confidence: Int, revoked: Bool, tlp: TLP,
                    modified: Date? = nil) {
            self.id = id; self.value = value; self.created = created; self.validUntil = validUntil
            self.confidence = confidence; self.revoked = revoked; self.tlp = tlp; self.modified = max(modified ?? created, created)
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

    /// `2026-11-20T10:00:00.000Z`: milliseconds, always three digits (STIX timestamps).
    public static func timestamp(_ date: Date) -> String {
        let ms = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        let millis = ms - seconds * 1000
        let text = ISO8601.format(seconds)
        let digits = String(decoding: [UInt8(48 + millis / 100), UInt8(48 + millis / 10 % 10), UInt8(48 + millis % 10)], as: UTF8.self)
        return String(text.dropLast()) + "." + digits + "Z"
    }

    /// The official marking definition of one TLP level.
    public static func marking(_ tlp: TLP) -> JSONText {
        .object([
            "type": .string("marking-definition"), "spec_version": .string("2.1"), "id": .string(tlp.stixMarkingID),
            "created": .string("2022-10-01T00:00:00.000Z"), "name": .string(tlp.label),
            "extensions": .object([TLP.stixTLP2Extension: .object(["extension_type": .string("property-extension"), "tlp_2_0": .string(tlp.rawValue)])]),
        ])
    }

    public static func object(_ identity: Identity) -> JSONText {
        .object(["type": .string("identity"), "spec_version": .string("2.1"), "id": .string(identity.id), "name": .string(identity.name),
                 "identity_class": .string("organization"), "created": .string("2020-01-01T00:00:00.000Z"),
                 "modified": .string("2020-01-01T00:00:00.000Z")])
    }

    public static func object(_ i: IndicatorObject) -> JSONText {
        let created = JSONText.string(timestamp(i.created))
        var fields: [String: JSONText] = [
            "type": .string("indicator"), "spec_version": .string("2.1"), "id": .string(i.id), "created": created,
            "modified": .string(timestamp(i.modified)),
            "name": .string(i.value.value), "pattern": .string(StixPattern.pattern(for: i.value)), "pattern_type": .string("stix"),
            "description": .string("\(i.value.type.rawValue) shared by members of a community of support on Shieldwall"),
            "valid_from": created, "indicator_types": .array([.string("malicious-activity")]), "confidence": .int(i.confidence),
            "object_marking_refs": .array([.string(i.tlp.stixMarkingID)]),
        ]
        if i.validUntil > i.created { fields["valid_until"] = .string(timestamp(i.validUntil)) }
        if i.revoked { fields["revoked"] = .bool(true) }
        return .object(fields)
    }

    public static func object(_ s: SightingObject) -> JSONText {
        let last = JSONText.string(timestamp(s.lastSeen))
        return .object(["type": .string("sighting"), "spec_version": .string("2.1"), "id": .string(s.id), "created": last, "modified": last,
                        "sighting_of_ref": .string(s.indicatorID), "count": .int(s.count), "first_seen": .string(timestamp(s.firstSeen)),
                        "last_seen": .string(timestamp(max(s.lastSeen, s.firstSeen))),
                        "object_marking_refs": .array([.string(s.tlp.stixMarkingID)])])
    }

    public static func object(_ r: ReportObject) -> JSONText {
        var refs = r.indicatorIDs
        if refs.isEmpty { refs = [r.author?.id ?? r.tlp.stixMarkingID] }
        var fields: [String: JSONText] = [
            "type": .string("report"), "spec_version": .string("2.1"), "id": .string(r.id), "created": .string(timestamp(r.created)),
            "modified": .string(timestamp(r.modified)), "name": .string(r.name), "description": .string(r.description),
            "published": .string(timestamp(r.created)), "report_types": .array([.string(r.kind == "vulnerability" ? "vulnerability" : "threat-report")]),
            "labels": .array([.string(r.kind)]), "object_refs": .array(refs.map(JSONText.string)),
            "object_marking_refs": .array([.string(r.tlp.stixMarkingID)]),
        ]
        if let author = r.author { fields["created_by_ref"] = .string(author.id) }
        return .object(fields)
    }
}
