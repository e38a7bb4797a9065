import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import ShieldwallCore

/// A regular log file, scanned in parts of 1 MB on all cores. Each part is read (`pread`) by the thread that
/// scans it, into a buffer of that thread's own that stays in its cache: reading is spread over the cores as
/// scanning is, no thread waits for another's block, and the file is never held whole (read, not mapped: a
/// mapped 1 GB log would count as 1 GB of the scanner's memory, and a log truncated by rotation while
/// mapped would crash the scan). A part holds the lines that start in it; the line running over its end is
/// read on to its newline. Results are handed on in file order as soon as every part before them is done.
struct FileParts: Sendable {
    static let partSize = 1 << 20

    let fd: Int32
    /// The size when the scan started: a log that grows meanwhile is scanned up to there.
    let size: Int
    /// Where the scan starts, at the start of a line (not 0 when only what a log gained since the last run is scanned).
    var origin = 0

    /// The first bytes, to tell gzip and the log's format.
    func sample() throws -> Data {
        let buffer = Buffer(capacity: 8192)
        defer { buffer.free() }
        let n = try buffer.read(fd, at: 0, count: 8192)
        return Data(bytes: buffer.base, count: n)
    }

    /// Calls `scan` on each part's lines on up to `threads` cores, with the memory of the thread scanning it, and
    /// `deliver` with the results in order, one call at a time. When a read fails, the parts before it are still
    /// delivered and the error is thrown.
    func scan(threads: Int, _ scan: @escaping @Sendable (UnsafeRawBufferPointer, LogScanner.Memory) -> ScanRun.Piece,
              deliver: (ScanRun.Piece, _ read: Int, _ total: Int?) -> Void) throws {
        let count = max(1, (size - origin + Self.partSize - 1) / Self.partSize)
        try withoutActuallyEscaping(deliver) { deliver in
            let order = InOrder(count: count) { [size] p, piece in deliver(piece, min(size, origin + (p + 1) * Self.partSize), size) }
            let worker: @Sendable (Int) -> Void = { _ in
                var buffer = Buffer(capacity: Self.partSize + (64 << 10))
                defer { buffer.free() }
                let memory = LogScanner.Memory()
                while let p = order.nextPart() {
                    do {
                        let lines = try part(p, into: &buffer)
                        order.done(p, lines.map { scan($0, memory) } ?? ScanRun.Piece())
                    } catch {
                        order.failed(error)
                    }
                }
            }
            // Each worker takes the next part until none is left: exactly `threads` of them.
            if threads <= 1 || count == 1 { worker(0) } else { DispatchQueue.concurrentPerform(iterations: min(threads, count), execute: worker) }
            if let error = order.error { throw error }
        }
    }

    /// The lines that start in part `p`: read from the byte before the part (a line starts at its first byte when
    /// that one is a newline) to the first newline at or after its last byte, or the end of the file. Nil when no
    /// line starts in the part (it lies inside one long line).
    func part(_ p: Int, into buffer: inout Buffer) throws -> UnsafeRawBufferPointer? {
        let start = origin + p * Self.partSize, end = min(size, start + Self.partSize)
        let from = p == 0 ? start : start - 1
        var filled = try buffer.read(fd, at: from, count: end - from)
        var first = 0
        if p > 0 {
            guard let newline = memchr(buffer.base, 10, filled) else { return nil }
            first = buffer.base.distance(to: newline) + 1
        }
        guard first < filled else { return nil }
        while buffer.base.load(fromByteOffset: filled - 1, as: UInt8.self) != 10 {
            if filled == buffer.capacity { buffer.grow() }
            let n = try buffer.read(fd, at: from + filled, count: min(buffer.capacity - filled, 16 << 10), into: filled)
            if n == 0 { break }  // the end of the file, without a newline
            if let newline = memchr(buffer.base + filled, 10, n) {
                filled = buffer.base.distance(to: newline) + 1
            } else {
                filled += n
            }
        }
        return UnsafeRawBufferPointer(start: buffer.base + first, count: filled - first)
    }

    /// Where the last whole line before `size` ends (`origin` when no line ends after it): a line still being
    /// written is left for the next run.
    func endOfLastLine() throws -> Int {
        let buffer = Buffer(capacity: 64 << 10)
        defer { buffer.free() }
        var end = size
        while end > origin {
            let from = max(origin, end - buffer.capacity)
            let n = try buffer.read(fd, at: from, count: end - from)
            // memrchr is a GNU extension Swift's Glibc does not offer; a line end is near the end of a log anyway.
            let bytes = buffer.base.assumingMemoryBound(to: UInt8.self)
            if let last = (0..<n).reversed().first(where: { bytes[$0] == 10 }) { return from + last + 1 }
            end = from
        }
        return origin
    }

    /// One thread's read buffer.
    struct Buffer {
        private(set) var base: UnsafeMutableRawPointer
        private(set) var capacity: Int

        init(capacity: Int) {
            base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64)
            self.capacity = capacity
        }

        func free() { base.deallocate() }

        /// Twice the room, the bytes kept (a line longer than a part).
        mutating func grow() {
            let bigger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 64)
            bigger.copyMemory(from: base, byteCount: capacity)
            base.deallocate()
            base = bigger
            capacity *= 2
        }

        /// Reads `count` bytes from `offset` of the file to `into` in the buffer; fewer only at the end of the file.
        func read(_ fd: Int32, at offset: Int, count: Int, into: Int = 0) throws -> Int {
            var done = 0
            while done < count {
                let n = pread(fd, base + into + done, count - done, off_t(offset + done))
                if n > 0 { done += n } else if n == 0 { break } else if errno != EINTR {
                    throw ScanInput.Failure(message: "cannot be read (\(String(cString: strerror(errno))))")
                }
            }
            return done
        }
    }

    /// Hands out parts to the workers and passes their results on in order, one at a time.
    final class InOrder: @unchecked Sendable {
        private let lock = NSLock()
        private var waiting: [ScanRun.Piece?]
        private var taken = 0, delivered = 0
        private(set) var error: Error?
        private let deliver: (Int, ScanRun.Piece) -> Void

        init(count: Int, _ deliver: @escaping (Int, ScanRun.Piece) -> Void) {
            waiting = Array(repeating: nil, count: count)
            self.deliver = deliver
        }

        /// The next part to scan; nil when all are taken or a read failed.
        func nextPart() -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard error == nil, taken < waiting.count else { return nil }
            taken += 1
            return taken - 1
        }

        func done(_ p: Int, _ piece: ScanRun.Piece) {
            lock.lock(); defer { lock.unlock() }
            waiting[p] = piece
            while delivered < waiting.count, let ready = waiting[delivered] {
                waiting[delivered] = nil
                deliver(delivered, ready)
                delivered += 1
            }
        }

        func failed(_ failure: Error) {
            lock.lock(); defer { lock.unlock() }
            if error == nil { error = failure }
        }
    }
}
