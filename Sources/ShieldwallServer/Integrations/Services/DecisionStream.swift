import Crypto
import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A firm's blocklist in the shapes CrowdSec's local API serves its bouncers, so a stock bouncer pointed at Shieldwall
/// with an integration key works unchanged: the firm's communities' blocklists plus its own blocks, minus its
/// allowlist; the first pull (`startup=true`) sends everything, later ones what was added and deleted since the last
/// pull of that key.
enum DecisionStream {
    /// One decision as CrowdSec's `models.Decision`.
    struct Decision: Content, Equatable {
        let id: Int
        let origin: String
        let type: String
        let scope: String
        let value: String
        let duration: String
        let scenario: String
        let simulated: Bool
    }

    /// CrowdSec's `models.DecisionsStreamResponse`.
    struct StreamResponse: Content {
        let new: [Decision]
        let deleted: [Decision]

        /// The same JSON `JSONEncoder` writes, written by hand: a startup pull of 100,000 decisions spent two thirds of
        /// its time in `JSONEncoder` (perf, BENCHMARKS.md "Integrations").
        func json() -> ByteBuffer {
            var out: [UInt8] = []
            out.reserveCapacity(64 + (new.count + deleted.count) * 160)
            func text(_ s: String) { out += s.utf8 }
            func field(_ key: String, _ value: String) { text(key); JSONText.appendString(value, to: &out) }
            func list(_ name: String, _ decisions: [Decision]) {
                text("\"\(name)\":[")
                for (i, d) in decisions.enumerated() {
                    text(i == 0 ? "{\"id\":" : ",{\"id\":")
                    text(String(d.id))
                    field(",\"origin\":", d.origin)
                    field(",\"type\":", d.type)
                    field(",\"scope\":", d.scope)
                    field(",\"value\":", d.value)
                    field(",\"duration\":", d.duration)
                    field(",\"scenario\":", d.scenario)
                    text(d.simulated ? ",\"simulated\":true}" : ",\"simulated\":false}")
                }
                text("]")
            }
            text("{")
            list("new", new)
            text(",")
            list("deleted", deleted)
            text("}")
            return ByteBuffer(bytes: out)
        }
    }

    /// What CrowdSec calls a decision's scope: `Ip` for one address, `Range` for a network.
    enum Scope: String, CaseIterable {
        case ip, range

        init(_ value: String) { self = value.contains("/") ? .range : .ip }
        var crowdsecName: String { self == .ip ? "Ip" : "Range" }
    }

    /// Reads `scopes=ip,range` (case-insensitive); CrowdSec's default is `ip` alone.
    static func scopes(_ req: Request) throws -> Set<Scope> {
        guard let raw = req.query[String.self, at: "scopes"], !raw.isEmpty else { return [.ip] }
        var out: Set<Scope> = []
        for name in raw.lowercased().split(separator: ",") {
            guard let scope = Scope(rawValue: name.trimmingWhitespace()) else {
                throw Refusal(.badRequest, "integrations.error.decision-scope", ["scope": String(name.prefix(20))])
            }
            out.insert(scope)
        }
        return out
    }

    /// Everything the firm's bouncers should block now, one decision per value (the latest expiry wins), sorted by value.
    static func current(firm: UUID, feed: any FirmThreatFeed, now: Date, app: Application, on db: any Database) async throws -> [Decision] {
        let allowlist = try await feed.allowlist(firm: firm, on: db)
        var chosen: [String: (expires: Date, scenario: String)] = [:]
        func add(_ value: String, expires: Date, scenario: String) {
            guard expires > now, (chosen[value]?.expires ?? .distantPast) < expires else { return }
            chosen[value] = (expires, scenario)
        }
        for block in try await FirmBlock.query(on: db).filter(\.$organisation.$id == firm).filter(\.$expiresAt > now).all() {
            guard let type = IndicatorType(rawValue: block.type), allowlist.reason(for: IndicatorValue(type: type, value: block.value)) == nil
            else { continue }
            add(block.value, expires: block.expiresAt, scenario: "shieldwall/firm-block")
        }
        for listed in try await feed.communityBlocks(firm: firm, now: now, app: app, on: db) where allowlist.reason(for: listed.entry.indicator) == nil {
            add(listed.entry.indicator.value, expires: listed.entry.expires, scenario: "shieldwall/community/\(listed.community)")
        }
        return chosen.sorted { $0.key < $1.key }.map { value, v in decision(value, expires: v.expires, scenario: v.scenario, now: now) }
    }

    static func decision(_ value: String, expires: Date, scenario: String, now: Date) -> Decision {
        let seconds = max(1, Int(expires.timeIntervalSince(now)))
        let digest = SHA256.hash(data: Data(value.utf8)).prefix(4).reduce(0) { $0 << 8 | Int($1) }
        return Decision(id: digest & 0x7fff_ffff, origin: "shieldwall", type: "ban", scope: Scope(value).crowdsecName, value: value,
                        duration: "\(seconds / 3600)h\(seconds % 3600 / 60)m\(seconds % 60)s", scenario: scenario, simulated: false)
    }

    /// The pull of one bouncer: on startup everything, else what changed since its last pull; the list it now has is kept.
    static func pull(key: IntegrationKey, startup: Bool, scopes: Set<Scope>, feed: any FirmThreatFeed, now: Date, app: Application,
                     on db: any Database) async throws -> StreamResponse {
        let keyID = try key.requireID()
        let decisions = try await current(firm: key.$organisation.id, feed: feed, now: now, app: app, on: db)
            .filter { scopes.contains(Scope($0.value)) }
        let text = decisions.map(\.value).joined(separator: "\n")
        let digest = SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
        let state = try await BouncerState.query(on: db).filter(\.$key.$id == keyID).first()
        if let state, !startup, state.deliveredDigest == digest {
            state.pulledAt = now
            try await state.update(on: db)
            return StreamResponse(new: [], deleted: [])
        }
        let before = startup ? [] : Set((state?.delivered ?? "").split(separator: "\n").map(String.init))
        let values = Set(decisions.map(\.value))
        let response = StreamResponse(
            new: decisions.filter { !before.contains($0.value) },
            deleted: before.subtracting(values).sorted().map { decision($0, expires: now, scenario: "shieldwall/lifted", now: now) })
        let row = state ?? BouncerState()
        row.$key.id = keyID
        row.delivered = text
        row.deliveredDigest = digest
        row.pulledAt = now
        try await row.save(on: db)
        return response
    }

    /// Decisions about one address: its own and those of ranges holding it (CrowdSec's `GET /v1/decisions?ip=`).
    static func lookup(_ ip: String, key: IntegrationKey, feed: any FirmThreatFeed, now: Date, app: Application,
                       on db: any Database) async throws -> [Decision] {
        guard case .success(let value) = IndicatorValue.normalise(ip), value.type == .ipv4 || value.type == .ipv6 else {
            throw Refusal(.badRequest, "integrations.error.decision-ip")
        }
        let decisions = try await current(firm: key.$organisation.id, feed: feed, now: now, app: app, on: db)
        var ranges = WarningList.empty
        for d in decisions where Scope(d.value) == .range { ranges.insert(IndicatorValue(type: .cidr, value: d.value), reason: d.value) }
        let holding = ranges.reason(for: value)
        return decisions.filter { $0.value == value.value || $0.value == holding }
    }
}
