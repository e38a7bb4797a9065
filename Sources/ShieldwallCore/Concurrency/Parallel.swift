import Foundation

/// Work split over the machine's cores for the few places that handle a million things at once (a large
/// STIX import, an indicator list for `scan`).
public enum Parallel {
    /// `body(0) … body(count - 1)`, run on up to `threads` cores, the results in order. Each call writes only
    /// its own slot, so the calls share nothing; with one thread or one item it is a plain loop.
    public static func map<T>(_ count: Int, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                              _ body: (Int) -> T) -> [T] {
        guard count > 1, threads > 1 else { return (0..<count).map(body) }
        let slots = Slots<T>(count)
        withoutActuallyEscaping(body) { body in
            let work = UnsafeSendable(body)
            DispatchQueue.concurrentPerform(iterations: count) { i in slots.put(i, work.value(i)) }
        }
        return slots.values
    }

    /// Splits `0..<count` into about `parts` ranges of equal size.
    public static func ranges(_ count: Int, parts: Int) -> [Range<Int>] {
        let n = max(1, min(parts, count))
        return (0..<n).map { p in (count * p / n)..<(count * (p + 1) / n) }
    }

    /// Where to cut `count` bytes into about `parts` pieces of whole lines: offsets from 0 to `count`, each
    /// cut just after a newline (`isNewline(i)` says whether byte `i` is one). An input smaller than `whole`
    /// is not worth a thread and stays whole.
    public static func lineCuts(_ count: Int, parts wanted: Int, whole: Int = 1 << 20, isNewline: (Int) -> Bool) -> [Int] {
        let parts = count < whole ? 1 : max(1, wanted)
        var cuts = [0]
        for p in 1..<max(parts, 1) {
            var cut = max(cuts[cuts.count - 1], count * p / parts)
            while cut < count && cut > 0 && !isNewline(cut - 1) { cut += 1 }
            if cut > cuts[cuts.count - 1] && cut < count { cuts.append(cut) }
        }
        cuts.append(count)
        return cuts
    }

    private final class Slots<T>: @unchecked Sendable {
        private let buffer: UnsafeMutableBufferPointer<T?>

        init(_ count: Int) {
            buffer = .allocate(capacity: count)
            buffer.initialize(repeating: nil)
        }

        deinit {
            buffer.deinitialize()
            buffer.deallocate()
        }

        /// Each index is written by exactly one call, before `values` is read.
        func put(_ i: Int, _ value: T) { buffer[i] = value }

        var values: [T] { buffer.compactMap { $0 } }
    }

    /// A closure that is only called while `map` waits for it, never after.
    private struct UnsafeSendable<F>: @unchecked Sendable {
        let value: F
        init(_ value: F) { self.value = value }
    }
}
