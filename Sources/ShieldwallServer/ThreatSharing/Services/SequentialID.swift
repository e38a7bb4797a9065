import Foundation
import NIOConcurrencyHelpers
import ShieldwallCore

/// Ids for rows written in bulk (indicators and their links to reports). The first 48 bits are milliseconds
/// since 1970 and the next 12 a counter, so rows written together sit next to each other in the B-tree
/// indexes on their ids, instead of each landing on a random page (a page write apiece: most of a large
/// import's time before). They keep the version-4 layout — version nibble 4, RFC 4122 variant, the last 62
/// bits random — because indicator ids become the UUID part of exported STIX ids, which STIX wants in that form.
enum SequentialID {
    private struct Clock: Sendable {
        var milliseconds: UInt64 = 0
        var counter: UInt16 = 0
    }

    private static let clock = NIOLockedValueBox(Clock())

    /// `count` ids in order. The random bits come from a SplitMix64 stream seeded once from the system's
    /// generator: asking the system for each id was a system call per row. Uniqueness rests on the time and
    /// counter, not on these bits.
    static func next(_ count: Int) -> [UUID] {
        guard count > 0 else { return [] }
        let now = UInt64(max(0, Date().timeIntervalSince1970 * 1000))
        // Reserve `count` (millisecond, counter) steps at once.
        let first = clock.withLockedValue { c -> Clock in
            if now > c.milliseconds { c = Clock(milliseconds: now, counter: 0) } else { step(&c) }
            let first = c
            for _ in 1..<count { step(&c) }
            return first
        }
        var system = SystemRandomNumberGenerator()
        var random = SplitMix64(seed: system.next())
        var c = first
        var ids: [UUID] = []
        ids.reserveCapacity(count)
        for n in 0..<count {
            if n > 0 { step(&c) }
            ids.append(id(c, random: random.next()))
        }
        return ids
    }

    private static func step(_ c: inout Clock) {
        if c.counter < 0x0FFF { c.counter += 1 } else { c = Clock(milliseconds: c.milliseconds + 1, counter: 0) }
    }

    private static func id(_ c: Clock, random r: UInt64) -> UUID {
        let ms = c.milliseconds, counter = c.counter
        func byte(_ v: UInt64, _ shift: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: v >> shift) }
        return UUID(uuid: (byte(ms, 40), byte(ms, 32), byte(ms, 24), byte(ms, 16), byte(ms, 8), byte(ms, 0),
                           0x40 | UInt8(counter >> 8), UInt8(truncatingIfNeeded: counter),
                           0x80 | (byte(r, 56) & 0x3F), byte(r, 48), byte(r, 40), byte(r, 32), byte(r, 24), byte(r, 16), byte(r, 8), byte(r, 0)))
    }
}
