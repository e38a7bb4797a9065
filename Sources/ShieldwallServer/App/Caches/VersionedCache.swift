import Foundation
import NIOConcurrencyHelpers

/// Values computed from the database, kept in memory under the version marks (`DataVersions`) they were
/// computed at: an entry is used only while the caller reads the same marks (and, with a lifetime, while it is
/// young enough); the first store under new marks empties the cache. Marks are read before the data, so an
/// entry may be newer than its mark, never older.
final class VersionedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry: Sendable {
        let value: Value
        let made: Date
    }

    private struct State: Sendable {
        var stamp = ""
        var entries: [Key: Entry] = [:]
    }

    private let state = NIOLockedValueBox(State())
    private let lifetime: TimeInterval?
    private let capacity: Int

    init(lifetime: TimeInterval? = nil, capacity: Int) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    func get(_ key: Key, stamp: String, now: Date) -> Value? {
        state.withLockedValue { s in
            guard s.stamp == stamp, let entry = s.entries[key] else { return nil }
            if let lifetime, abs(now.timeIntervalSince(entry.made)) >= lifetime { return nil }
            return entry.value
        }
    }

    func store(_ value: Value, for key: Key, stamp: String, now: Date) {
        state.withLockedValue { s in
            if s.stamp != stamp { s = State(stamp: stamp) }
            if s.entries.count >= capacity { s.entries.removeAll(keepingCapacity: true) }
            s.entries[key] = Entry(value: value, made: now)
        }
    }

    /// The cached value, or the one `make` computes (then kept).
    func value(_ key: Key, stamp: String, now: Date, make: () async throws -> Value) async rethrows -> Value {
        if let cached = get(key, stamp: stamp, now: now) { return cached }
        let value = try await make()
        store(value, for: key, stamp: stamp, now: now)
        return value
    }
}
