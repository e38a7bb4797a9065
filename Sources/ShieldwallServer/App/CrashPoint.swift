#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import NIOConcurrencyHelpers

/// Where the kill test (`scripts/check-kill-safety`) stops the process as a power cut would: with
/// `SHIELDWALL_CRASH_AT=NAME:N` set, the Nth pass through the point NAME sends SIGKILL to the process itself,
/// so nothing after it runs — no rollback, no deferred code, no flush. Unset (always, outside that test), a pass
/// costs one comparison. The points: `stix-values` (a part of a bundle's values stored), `stix-report` (a report
/// saved), `sightings-stored` (a batch's rows written), `digest-claimed` (a digest claimed, not yet sent).
enum CrashPoint {
    private static let target: (name: String, count: Int)? = {
        guard let spec = ProcessInfo.processInfo.environment["SHIELDWALL_CRASH_AT"], let colon = spec.lastIndex(of: ":"),
              let count = Int(spec[spec.index(after: colon)...]), count > 0 else { return nil }
        return (String(spec[..<colon]), count)
    }()
    private static let passes = NIOLockedValueBox(0)

    static func pass(_ name: String) {
        guard let target, target.name == name else { return }
        let reached = passes.withLockedValue { count -> Bool in
            count += 1
            return count == target.count
        }
        if reached { kill(getpid(), SIGKILL) }
    }
}
