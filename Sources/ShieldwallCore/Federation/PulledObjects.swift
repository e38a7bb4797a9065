import Foundation

/// One TAXII 2.1 envelope from a peer (`GET …/objects/`), read and sorted before anything is written: what may be
/// imported, what its marking keeps out, and what the peer revoked.
public struct PulledObjects: Sendable {
    /// The objects that may be imported, as JSON, ready for a bundle.
    public var kept: [Data] = []
    /// The id of each of `kept`, in the same order.
    var keptIDs: [String] = []
    /// Objects kept out by their marking, by marking.
    public var withheld: [TLP: Int] = [:]
    /// The ids of the objects kept out by their marking.
    public var withheldIDs: [String] = []
    /// Values of indicators the peer revoked (STIX `revoked: true`).
    public var revokedValues: [IndicatorValue] = []
    /// Ids of reports the peer revoked.
    public var revokedReports: [String] = []
    /// Ids of the reports among `kept`.
    public var reportIDs: [String] = []
    /// Revoked indicators by id, and what the kept reports name: a report that names a revoked indicator keeps
    /// naming it (retracted) here, as it does on the peer.
    var revokedIndicators: [String: Data] = [:]
    var referenced: Set<String> = []
    public var more = false
    public var next: String?

    /// What to import: the kept objects, and the revoked indicators a kept report names.
    public var importable: [Data] {
        kept + revokedIndicators.filter { referenced.contains($0.key) }.sorted { $0.key < $1.key }.map(\.value)
    }

    /// Objects kept that are not marking definitions.
    public var content: Int { kept.count - markings }
    var markings = 0

    public init() {}

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case notJSON, notEnvelope(String)

        public var description: String {
            switch self {
            case .notJSON: "the answer is not JSON"
            case .notEnvelope(let why): "the answer is not a TAXII envelope: \(why)"
            }
        }
    }

    /// Reads `data` (a TAXII envelope) and sorts its objects under the receiving community's rules: at most
    /// `highest`, and TLP:AMBER only with `amberAgreed` (`FederationAccess.mayPull`). Markings are read as the STIX
    /// importer reads them: an object without one is TLP:AMBER.
    public static func read(_ data: Data, highest: TLP, amberAgreed: Bool) throws -> PulledObjects {
        guard let json = try? JSONSerialization.jsonObject(with: data) else { throw Failure.notJSON }
        guard let envelope = json as? [String: Any] else { throw Failure.notEnvelope("not a JSON object") }
        var result = PulledObjects()
        if let more = envelope["more"] {
            guard let flag = more as? Bool else { throw Failure.notEnvelope("'more' is not true or false") }
            result.more = flag
        }
        if let next = envelope["next"] {
            guard let text = next as? String else { throw Failure.notEnvelope("'next' is not a text") }
            result.next = text
        }
        guard let raw = envelope["objects"] else { return result }  // an empty page has no 'objects'
        guard let objects = raw as? [Any] else { throw Failure.notEnvelope("'objects' is not a list") }
        var definitions: [String: TLP] = [:]
        for case let object as [String: Any] in objects where object["type"] as? String == "marking-definition" {
            if let id = object["id"] as? String, let tlp = StixReader.markingTLP(object) { definitions[id] = tlp }
        }
        for (n, item) in objects.enumerated() {
            guard let object = item as? [String: Any] else { throw Failure.notEnvelope("objects[\(n)] is not an object") }
            let type = object["type"] as? String ?? ""
            if type == "marking-definition" {
                if let copy = try? JSONSerialization.data(withJSONObject: object) {
                    result.kept.append(copy)
                    result.keptIDs.append(object["id"] as? String ?? "")
                    result.markings += 1
                }
                continue
            }
            let refs = (object["object_marking_refs"] as? [String]) ?? []
            let tlp = refs.compactMap { definitions[$0] ?? TLP(stixMarkingID: $0) }.max() ?? .amber
            guard FederationAccess.mayPull(tlp, highest: highest, amberAgreed: amberAgreed) else {
                result.withheld[tlp, default: 0] += 1
                result.withheldIDs.append(object["id"] as? String ?? "objects[\(n)]")
                continue
            }
            if object["revoked"] as? Bool == true {
                if type == "indicator", let pattern = object["pattern"] as? String, case .success(let values) = StixPattern.values(in: pattern) {
                    result.revokedValues += values
                    if let id = object["id"] as? String, let copy = try? JSONSerialization.data(withJSONObject: object) { result.revokedIndicators[id] = copy }
                } else if type == "report", let id = object["id"] as? String {
                    result.revokedReports.append(id)
                }
                continue
            }
            guard let copy = try? JSONSerialization.data(withJSONObject: object) else { continue }
            result.kept.append(copy)
            result.keptIDs.append(object["id"] as? String ?? "")
            if type == "report", let id = object["id"] as? String {
                result.reportIDs.append(id)
                result.referenced.formUnion((object["object_refs"] as? [String]) ?? [])
            }
        }
        return result
    }

    /// The next page's objects after these (one collection's pull).
    public mutating func append(_ page: PulledObjects) {
        kept += page.kept
        keptIDs += page.keptIDs
        withheldIDs += page.withheldIDs
        markings += page.markings
        withheld.merge(page.withheld, uniquingKeysWith: +)
        revokedValues += page.revokedValues
        revokedReports += page.revokedReports
        reportIDs += page.reportIDs
        revokedIndicators.merge(page.revokedIndicators) { $1 }
        referenced.formUnion(page.referenced)
        more = page.more
        next = page.next
    }

    /// Leaves out the reports `ids` (reports this instance has from elsewhere: a peer does not overwrite them).
    public mutating func drop(reports ids: Set<String>) {
        guard !ids.isEmpty else { return }
        let keep = keptIDs.map { !ids.contains($0) }
        kept = zip(kept, keep).filter(\.1).map(\.0)
        keptIDs = keptIDs.filter { !ids.contains($0) }
        reportIDs.removeAll { ids.contains($0) }
    }

    /// A STIX bundle of `objects` (each a JSON object) with the given id.
    public static func bundle(_ objects: [Data], id: String) -> Data {
        var out = Data("{\"type\":\"bundle\",\"id\":\"\(id)\",\"objects\":[".utf8)
        for (n, object) in objects.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            out.append(object)
        }
        out.append(contentsOf: Array("]}".utf8))
        return out
    }
}
