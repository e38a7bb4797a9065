import Foundation
import NIOConcurrencyHelpers

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

    static func next() -> UUID {
        let now = UInt64(max(0, Date().timeIntervalSince1970 * 1000))
        let (ms, counter) = clock.withLockedValue { c -> (UInt64, UInt16) in
            if now > c.milliseconds {
                c = Clock(milliseconds: now, counter: 0)
            } else if c.counter < 0x0FFF {
                c.counter += 1
            } else {
                c = Clock(milliseconds: c.milliseconds + 1, counter: 0)
            }
            return (c.milliseconds, c.counter)
        }
        var random = SystemRandomNumberGenerator()
        let r = random.next() as UInt64
        func byte(_ v: UInt64, _ shift: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: v >> shift) }
        return UUID(uuid: (byte(ms, 40), byte(ms, 32), byte(ms, 24), byte(ms, 16), byte(ms, 8), byte(ms, 0),
                           0x40 | UInt8(counter >> 8), UInt8(truncatingIfNeeded: counter),
                           0x80 | (byte(r, 56) & 0x3F), byte(r, 48), byte(r, 40), byte(r, 32), byte(r, 24), byte(r, 16), byte(r, 8), byte(r, 0)))
    }
}
