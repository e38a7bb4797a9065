import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a STIX 2.x bundle (or a single object) into what Shieldwall can use: reports, indicators made of
/// `=` comparisons, cyber-observable objects; everything else is listed as skipped with the reason, and
/// malformed objects get their own error while the rest is read. The bundle is split into objects by a
/// byte scanner, and each object is parsed on its own, so a large file is never held as one JSON tree.
public enum StixReader {
    public struct Report: Sendable, Equatable {
        public var stixID: String
        public var name: String
        public var description: String
        public var kind: String
        public var created: Date?
        public var modified: Date?
        public var tlp: TLP
        public var objectRefs: [String]

        public init(stixID: String, name: String, description: String, kind: String, created: Date?, modified: Date?, tlp: TLP,
                    objectRefs: [String]) {
            self.stixID = stixID; self.name = name; self.description = description; self.kind = kind
            self.created = created; self.modified = modified; self.tlp = tlp; self.objectRefs = objectRefs
        }
    }

    public struct Indicator: Sendable, Equatable {
        public var stixID: String
        public var name: String
        public var values: [IndicatorValue]
        public var tlp: TLP
        public var modified: Date?
    }

    public struct Skipped: Sendable, Equatable {
        public var id: String
        public var type: String
        public var reason: String
    }

    public struct Problem: Sendable, Equatable {
        /// The object's id, or its position (`objects[12]`) when it has none.
        public var ref: String
        public var reason: String
    }

    public struct Result: Sendable {
        public var bundleID: String?
        public var reports: [Report] = []
        public var indicators: [Indicator] = []
        public var skipped: [Skipped] = []
        public var errors: [Problem] = []
        /// TLP marking definitions found in the bundle (TLP 1.0 `definition.tlp` or the TLP 2.0 extension).
        var markings: [String: TLP] = [:]
        /// Markings defined in the bundle that are not TLP (statements, copyright): allowed, ignored.
        var otherMarkings: Set<String> = []
    }

    public enum Failure: Error, Equatable, Sendable {
        case notJSON(String)
        case notStix(String)
    }

    static let ignoredButKnown: [String: String] = [
        "identity": "identities of the source are not imported (the importer is named as author)",
        "relationship": "relationships are not used by Shieldwall",
        "sighting": "sightings come only from member firms of this instance",
        "x509-certificate": "certificates are not an indicator type Shieldwall keeps",
        "file": "files without an MD5, SHA-1 or SHA-256 hash are not kept",
    ]

    /// Reads the bundle. `onIndicators`, when given, is called with each part's indicators as soon as that part
    /// is read (from several threads, in no particular order), so an importer can start storing values while
    /// the rest is still being read; the result holds them all, in bundle order, as well.
    public static func read(_ data: Data, onIndicators: (@Sendable ([Indicator]) -> Void)? = nil) -> Swift.Result<Result, Failure> {
        // Read in place: the bundle (up to 64 MB, already in memory as a request body or mapped from a file)
        // is not copied; each object is copied only for the moment it is parsed.
        data.withUnsafeBytes { raw in read(raw.bindMemory(to: UInt8.self), onIndicators: onIndicators) }
    }

    static func read(_ bytes: UnsafeBufferPointer<UInt8>, onIndicators: (@Sendable ([Indicator]) -> Void)?) -> Swift.Result<Result, Failure> {
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), bytes[first] == UInt8(ascii: "{") else {
            return .failure(.notJSON("the file does not start with a JSON object"))
        }
        let objects: [UnsafeBufferPointer<UInt8>]
        var result = Result()
        switch split(bytes) {
        case .failure(let f): return .failure(f)
        case .success(let split):
            if let type = split.type, type == "bundle" {
                result.bundleID = split.id
                objects = split.objects
            } else if split.type != nil {
                objects = [bytes]  // a single object, not wrapped in a bundle
            } else {
                return .failure(.notStix("there is no 'type' at the top level"))
            }
        }
        // Markings first: objects may refer to definitions that come later in the bundle. Only objects whose
        // text holds the string "marking-definition" (with its quotes, so not the "marking-definition--…" refs)
        // can be one, so only those are parsed here.
        let needle = Array(#""marking-definition""#.utf8)
        for object in objects where contains(object, needle) {
            guard let parsed = parse(object), parsed["type"] as? String == "marking-definition", let id = parsed["id"] as? String else { continue }
            if let tlp = markingTLP(parsed) { result.markings[id] = tlp } else { result.otherMarkings.insert(id) }
        }
        // Then every object is parsed and read on all cores, part by part; the parts are joined in bundle order.
        let base = result
        let chunks = Parallel.ranges(objects.count, parts: ProcessInfo.processInfo.activeProcessorCount * 16)
        let parts = Parallel.map(chunks.count) { c -> Result in
            var part = Result()
            part.markings = base.markings
            part.otherMarkings = base.otherMarkings
            for n in chunks[c] {
                guard let object = parse(objects[n]) else {
                    part.errors.append(Problem(ref: "objects[\(n)]", reason: "not a valid JSON object"))
                    continue
                }
                read(object, position: n, into: &part)
            }
            if let onIndicators, !part.indicators.isEmpty { onIndicators(part.indicators) }
            return part
        }
        for part in parts {
            result.reports += part.reports
            result.indicators += part.indicators
            result.skipped += part.skipped
            result.errors += part.errors
        }
        return .success(result)
    }

    /// The id of each object in the bundle (`objects[n]` for one without an id or not valid JSON), in bundle
    /// order, failing as `read` does when the text is not a bundle: what a TAXII status counts before the
    /// objects are imported. Each object is parsed on its own, on all cores.
    public static func objectIDs(_ data: Data) -> Swift.Result<[String], Failure> {
        data.withUnsafeBytes { raw -> Swift.Result<[String], Failure> in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let first = bytes.firstIndex(where: { !isSpace($0) }), bytes[first] == UInt8(ascii: "{") else {
                return .failure(.notJSON("the file does not start with a JSON object"))
            }
            switch split(bytes) {
            case .failure(let f): return .failure(f)
            case .success(let split):
                guard let type = split.type else { return .failure(.notStix("there is no 'type' at the top level")) }
                guard type == "bundle" else { return .success([split.id ?? "objects[0]"]) }
                let objects = split.objects
                let chunks = Parallel.ranges(objects.count, parts: ProcessInfo.processInfo.activeProcessorCount * 16)
                let parts = Parallel.map(chunks.count) { c in chunks[c].map { n in (parse(objects[n])?["id"] as? String) ?? "objects[\(n)]" } }
                return .success(parts.flatMap { $0 })
            }
        }
    }

    static func parse(_ object: UnsafeBufferPointer<UInt8>) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(buffer: object))) as? [String: Any]
    }

    /// Whether `needle` (not empty) occurs in `haystack`: `memchr` to each candidate first byte, then a compare.
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        needle.withUnsafeBytes { n in
            guard let base = haystack.baseAddress, let wanted = n.baseAddress, let first = needle.first else { return false }
            var i = 0
            while i + n.count <= haystack.count, let p = memchr(base + i, Int32(first), haystack.count - n.count + 1 - i) {
                i = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + i, wanted, n.count) == 0 { return true }
                i += 1
            }
            return false
        }
    }

    static func markingTLP(_ object: [String: Any]) -> TLP? {
        if let id = object["id"] as? String, let tlp = TLP(stixMarkingID: id) { return tlp }
        if let definition = object["definition"] as? [String: Any], let name = definition["tlp"] as? String { return TLP(label: name) }
        if let extensions = object["extensions"] as? [String: Any],
           let tlp2 = extensions[TLP.stixTLP2Extension] as? [String: Any], let name = tlp2["tlp_2_0"] as? String { return TLP(label: name) }
        return nil
    }

    static func read(_ object: [String: Any], position n: Int, into result: inout Result) {
        guard let type = object["type"] as? String, !type.isEmpty else {
            result.errors.append(Problem(ref: "objects[\(n)]", reason: "no 'type'")); return
        }
        guard let id = object["id"] as? String else {
            result.errors.append(Problem(ref: "objects[\(n)]", reason: "\(type) without an 'id'")); return
        }
        guard id.hasPrefix(type + "--"), isUUID(id.utf8.dropFirst(type.utf8.count + 2)) else {
            result.errors.append(Problem(ref: id, reason: "the id must be '\(type)--' followed by a UUID")); return
        }
        if type == "marking-definition" { return }
        // TLP: the object's own marking; unmarked content is AMBER; an unknown marking is an error.
        var tlp = TLP.amber
        if let refs = object["object_marking_refs"] {
            guard let list = refs as? [String] else { result.errors.append(Problem(ref: id, reason: "'object_marking_refs' must be a list of ids")); return }
            var found: [TLP] = []
            for ref in list {
                if let known = result.markings[ref] ?? TLP(stixMarkingID: ref) { found.append(known) }
                else if !result.otherMarkings.contains(ref) {
                    result.errors.append(Problem(ref: id, reason: "unknown marking definition \(ref)")); return
                }
            }
            if let strictest = found.max() { tlp = strictest }
        }
        if tlp == .red {
            result.skipped.append(Skipped(id: id, type: type, reason: "TLP:RED is for named people only and is never imported"))
            return
        }
        let modified = (object["modified"] as? String).flatMap(parseDate)
        switch type {
        case "report":
            guard let name = object["name"] as? String, !name.trimmingWhitespace().isEmpty else {
                result.errors.append(Problem(ref: id, reason: "a report needs a 'name'")); return
            }
            guard let refs = object["object_refs"] as? [String] else {
                result.errors.append(Problem(ref: id, reason: "'object_refs' must be a list of ids")); return
            }
            let labels = ((object["labels"] as? [String]) ?? []) + ((object["report_types"] as? [String]) ?? [])
            let kind = labels.first { ["incident", "phishing", "advisory", "vulnerability", "lesson_learned"].contains($0) } ?? "advisory"
            result.reports.append(Report(stixID: id, name: String(name.prefix(200)), description: (object["description"] as? String) ?? "",
                                         kind: kind, created: (object["created"] as? String).flatMap(parseDate), modified: modified,
                                         tlp: tlp, objectRefs: refs))
        case "indicator":
            guard let pattern = object["pattern"] as? String else {
                result.errors.append(Problem(ref: id, reason: "an indicator needs a 'pattern' text")); return
            }
            let patternType = (object["pattern_type"] as? String) ?? "stix"
            guard patternType == "stix" else {
                result.skipped.append(Skipped(id: id, type: type, reason: "pattern type '\(patternType)' is not read (only STIX patterns)")); return
            }
            switch StixPattern.values(in: pattern) {
            case .success(let values):
                result.indicators.append(Indicator(stixID: id, name: (object["name"] as? String) ?? values[0].value, values: values, tlp: tlp, modified: modified))
            case .failure(.unsupported(let reason)):
                result.skipped.append(Skipped(id: id, type: type, reason: reason))
            case .failure(.syntax(let reason)):
                result.errors.append(Problem(ref: id, reason: "pattern: \(reason)"))
            }
        case "observed-data":
            // STIX 2.0 style: embedded `objects`; 2.1: `object_refs` to observables elsewhere in the bundle (read on their own).
            if let embedded = object["objects"] as? [String: Any] {
                var values: [IndicatorValue] = []
                for case let observable as [String: Any] in embedded.values { values += observableValues(observable) }
                if values.isEmpty { result.skipped.append(Skipped(id: id, type: type, reason: "no observable of a kind Shieldwall keeps")) }
                else { result.indicators.append(Indicator(stixID: id, name: values[0].value, values: values, tlp: tlp, modified: modified)) }
            } else if object["object_refs"] == nil {
                result.errors.append(Problem(ref: id, reason: "observed-data needs 'objects' or 'object_refs'"))
            }
        case "ipv4-addr", "ipv6-addr", "domain-name", "url", "email-addr", "file":
            let values = observableValues(object)
            if values.isEmpty {
                if type == "file" { result.skipped.append(Skipped(id: id, type: type, reason: ignoredButKnown["file"] ?? "")) }
                else { result.errors.append(Problem(ref: id, reason: "'value' is missing or not a valid \(type)")) }
            } else {
                result.indicators.append(Indicator(stixID: id, name: values[0].value, values: values, tlp: tlp, modified: modified))
            }
        default:
            result.skipped.append(Skipped(id: id, type: type, reason: ignoredButKnown[type] ?? "\(type) objects are not used by Shieldwall"))
        }
    }

    static func observableValues(_ object: [String: Any]) -> [IndicatorValue] {
        let type = object["type"] as? String ?? ""
        let declared: IndicatorType? = switch type {
        case "ipv4-addr", "ipv6-addr": nil
        case "domain-name": .domain
        case "url": .url
        case "email-addr": .email
        default: nil
        }
        if type == "file" {
            guard let hashes = object["hashes"] as? [String: Any] else { return [] }
            return hashes.compactMap { key, value -> IndicatorValue? in
                guard let text = value as? String, let want = StixPattern.type(of: "file:hashes.\(key)"),
                      case .success(let v) = IndicatorValue.normalise(text, as: want) else { return nil }
                return v
            }.sorted { $0.value < $1.value }
        }
        guard ["ipv4-addr", "ipv6-addr", "domain-name", "url", "email-addr"].contains(type), let value = object["value"] as? String,
              case .success(let v) = IndicatorValue.normalise(value, as: declared) else { return [] }
        if (type == "ipv4-addr" || type == "ipv6-addr") && !v.type.isAddress { return [] }
        return [v]
    }

    /// RFC 3339 as STIX writes it (`2016-05-12T08:17:27.000Z`, any number of fraction digits, `Z` or an
    /// offset). Parsed by hand: a date formatter per object made imports ten times slower.
    public static func parseDate(_ text: String) -> Date? {
        let b = Array(text.utf8)
        func num(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var n = 0
            for i in from..<(from + count) {
                guard b[i] >= 48 && b[i] <= 57 else { return nil }
                n = n * 10 + Int(b[i] - 48)
            }
            return n
        }
        guard b.count >= 20, b[4] == 45, b[7] == 45, b[10] == 84 || b[10] == 116, b[13] == 58, b[16] == 58,
              let y = num(0, 4), let m = num(5, 2), let d = num(8, 2), let h = num(11, 2), let mi = num(14, 2), let sec = num(17, 2),
              (1...12).contains(m), (1...31).contains(d), h < 24, mi < 60, sec < 61 else { return nil }
        var i = 19
        var fraction = 0.0
        if b[i] == 46 {
            i += 1
            var scale = 0.1
            let start = i
            while i < b.count, b[i] >= 48, b[i] <= 57 { fraction += Double(b[i] - 48) * scale; scale /= 10; i += 1 }
            guard i > start else { return nil }
        }
        guard i < b.count else { return nil }
        var offset = 0
        if b[i] == 90 || b[i] == 122 {
            guard i + 1 == b.count else { return nil }
        } else if b[i] == 43 || b[i] == 45, i + 6 == b.count, b[i + 3] == 58, let oh = num(i + 1, 2), let om = num(i + 4, 2) {
            offset = (oh * 3600 + om * 60) * (b[i] == 43 ? 1 : -1)
        } else {
            return nil
        }
        let seconds = ISO8601.days(year: y, month: m, day: d) * 86_400 + h * 3600 + mi * 60 + sec - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// Whether the text is a UUID (`8-4-4-4-12` hexadecimal digits, either case), as `UUID(uuidString:)`
    /// reads it; checked by hand because that initialiser goes through `sscanf`, once per object.
    static func isUUID(_ text: Substring.UTF8View) -> Bool {
        guard text.count == 36 else { return false }
        for (n, b) in text.enumerated() {
            if n == 8 || n == 13 || n == 18 || n == 23 {
                guard b == UInt8(ascii: "-") else { return false }
            } else {
                guard (48...57).contains(b) || (65...70).contains(b) || (97...102).contains(b) else { return false }
            }
        }
        return true
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }

    struct Split { var type: String?; var id: String?; var objects: [UnsafeBufferPointer<UInt8>] }

    /// Walks the top-level object once, keeping the byte ranges of the `objects` array's elements and
    /// the `type` and `id` strings; strings and nesting are tracked so braces inside values do not count.
    static func split(_ bytes: UnsafeBufferPointer<UInt8>) -> Swift.Result<Split, Failure> {
        var out = Split(type: nil, id: nil, objects: [])
        var depth = 0, i = 0, inString = false, escaped = false
        var stringStart = 0, lastKey: String?, expectingValue = false, inObjects = false, elementStart = -1
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if inString {
                if escaped { escaped = false }
                else if b == 92 { escaped = true }
                else if b == 34 {
                    inString = false
                    if depth == 1 {
                        let text = String(decoding: bytes[(stringStart + 1)..<i], as: UTF8.self)
                        if expectingValue {
                            if lastKey == "type" { out.type = text } else if lastKey == "id" { out.id = text }
                            expectingValue = false
                        } else {
                            lastKey = text
                        }
                    }
                }
                i += 1; continue
            }
            switch b {
            case 34: inString = true; stringStart = i
            case 58: if depth == 1 { expectingValue = true }
            case 44: if depth == 1 { expectingValue = false }
            case 123, 91:
                if depth == 1 && b == 91 && lastKey == "objects" && expectingValue { inObjects = true }
                else if depth == 2 && inObjects && b == 123 { elementStart = i }
                depth += 1
            case 125, 93:
                depth -= 1
                if depth < 0 { return .failure(.notJSON("unbalanced brackets at byte \(i)")) }
                if depth == 2 && inObjects && b == 125 && elementStart >= 0 { out.objects.append(UnsafeBufferPointer(rebasing: bytes[elementStart...i])); elementStart = -1 }
                if depth == 1 && inObjects && b == 93 { inObjects = false; expectingValue = false }
            default: break
            }
            i += 1
        }
        if inString || depth != 0 { return .failure(.notJSON("the JSON ends in the middle of a value (truncated?)")) }
        return .success(out)
    }
}
