import Fluent
import Foundation
import NIOConcurrencyHelpers
import ShieldwallCore
import Vapor

/// A batch of alerts from a firm's tool, stored whole or not at all: read by Core's adapters, folded within the batch
/// and into the firm's recent alike alerts (`AlertFolding`), written in one transaction.
enum AlertIngest {
    /// A request body larger than this is refused (413) before it is read.
    static let maxBytes = 4 << 20
    /// Requests per key per minute (429 beyond, with Retry-After).
    static let perMinute = 60

    struct Outcome: Content {
        /// Alerts read from the body.
        let received: Int
        /// New rows.
        let stored: Int
        /// Alerts that joined an alike one (in the batch or stored).
        let folded: Int
        /// Items that were no alerts (Suricata's flow events, ClamAV's OK lines).
        let skipped: Int
    }

    static func ingest(_ data: Data, format: AlertFormat, key: IntegrationKey, ctx: ActionContext) async throws -> Outcome {
        let batch: AlertBatch
        switch AlertAdapters.read(data, format: format, now: ctx.now) {
        case .success(let read): batch = read
        case .failure(.tooMany(let max)): throw Refusal(.payloadTooLarge, "integrations.error.too-many", ["max": String(max)])
        case .failure(.empty): throw ValidationFailure(field: "alerts", key: "integrations.error.empty")
        case .failure(.unreadable(let why)): throw ValidationFailure(field: "body", key: "integrations.error.unreadable", values: ["why": why])
        }
        guard batch.problems.isEmpty else {
            throw ValidationFailure(batch.problems.prefix(50).map {
                FieldProblem(field: "alerts[\($0.item)]", key: "integrations.error.item", values: ["item": String($0.item), "why": $0.reason])
            })
        }
        let firm = key.$organisation.id
        let folded = AlertFolding.fold(batch.alerts)
        guard let earliest = folded.map(\.first).min() else {
            return Outcome(received: 0, stored: 0, folded: 0, skipped: batch.skipped)
        }
        let keyID = try key.requireID()
        return try await ctx.db.writeTransaction { tx in
            // Only stored alerts this batch can join: the same addresses (most batches are many addresses, or one
            // address many times), within the window.
            let recent = try await FirmAlert.query(on: tx).filter(\.$organisation.$id == firm)
                .filter(\.$lastAt >= earliest.addingTimeInterval(-AlertFolding.window))
                .filter(\.$addressesText ~~ Set(folded.map { addressesText($0.alert.addresses) })).all()
            var open = Dictionary(recent.map { (AlertFolding.Key($0.alert), $0) }, uniquingKeysWith: { a, b in a.lastAt > b.lastAt ? a : b })
            var fresh: [FirmAlert] = []
            for item in folded {
                let key = AlertFolding.Key(item.alert)
                if let stored = open[key], AlertFolding.joins(item.alert, stored: key, last: stored.lastAt) || overlaps(stored, item) {
                    stored.count += item.count
                    stored.firstAt = min(stored.firstAt, item.first)
                    stored.lastAt = max(stored.lastAt, item.last)
                    if item.alert.severity > stored.alert.severity { stored.severity = item.alert.severity.rawValue }
                    try await stored.update(on: tx)
                    continue
                }
                let row = FirmAlert()
                row.$organisation.id = firm
                row.$key.id = keyID
                row.source = item.alert.source
                row.kind = item.alert.kind.rawValue
                row.severity = item.alert.severity.rawValue
                row.host = item.alert.host
                row.addressesText = addressesText(item.alert.addresses)
                row.summary = item.alert.summary
                row.firstAt = item.first
                row.lastAt = item.last
                row.count = item.count
                row.receivedAt = ctx.now
                fresh.append(row)
                open[key] = row
            }
            if !fresh.isEmpty { try await fresh.create(on: tx) }
            return Outcome(received: batch.alerts.count, stored: fresh.count, folded: batch.alerts.count - fresh.reduce(0) { $0 + $1.count },
                           skipped: batch.skipped)
        }
    }

    /// As stored: `,192.0.2.1,2001:db8::1,` (so one address is found with `LIKE`), or empty.
    static func addressesText(_ addresses: [String]) -> String {
        addresses.isEmpty ? "" : "," + addresses.joined(separator: ",") + ","
    }

    /// A resent batch overlaps what is stored: the same alerts again are not new ones.
    private static func overlaps(_ stored: FirmAlert, _ item: AlertFolding.Folded) -> Bool {
        item.first <= stored.lastAt.addingTimeInterval(AlertFolding.window) && item.last >= stored.firstAt.addingTimeInterval(-AlertFolding.window)
    }

    /// Alerts past the instance's retention go (the background job, each round).
    static func removeExpired(_ ctx: ActionContext) async throws {
        let days = try await InstanceSettings.load(on: ctx.db).alertRetentionDays
        try await FirmAlert.query(on: ctx.db).filter(\.$lastAt < ctx.now.addingTimeInterval(-Double(days) * 86_400)).delete()
    }
}

/// Requests per integration key in the current minute, in this process (each `serve` process counts its own).
final class IngestLimiter: Sendable {
    private let state = NIOLockedValueBox<(minute: Int, counts: [UUID: Int])>((0, [:]))

    /// Whether one more request from `key` fits in this minute; if not, the seconds until the next.
    func admit(_ key: UUID, now: Date) -> Int? {
        let minute = Int(now.timeIntervalSince1970 / 60)
        return state.withLockedValue { s in
            if s.minute != minute { s = (minute, [:]) }
            let used = s.counts[key, default: 0]
            guard used < AlertIngest.perMinute else { return 60 - Int(now.timeIntervalSince1970) % 60 }
            s.counts[key] = used + 1
            return nil
        }
    }
}

extension Application {
    private struct IngestLimiterKey: StorageKey { typealias Value = IngestLimiter }

    var ingestLimiter: IngestLimiter {
        if let limiter = storage[IngestLimiterKey.self] { return limiter }
        let limiter = IngestLimiter()
        storage[IngestLimiterKey.self] = limiter
        return limiter
    }
}
