import CompressNIO
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import NIOCore

/// Reads one log as blocks of whole lines, so a file of any size is scanned in bounded memory and
/// progress can be shown: files and standard input in 4 MB reads, gzip decompressed as it is read
/// (compress-nio over the system zlib).
struct ScanInput {
    static let blockSize = 4 << 20

    struct Failure: Error { let message: String }

    let name: String
    /// Read the next block while the current one is scanned (worth it only with more than one scanning thread).
    var readAhead = false

    /// Calls `body` with each block of whole lines and how many bytes of the file are read so far
    /// (of `total`, when known). A last line without a newline is passed at the end.
    func read(_ body: (Data, _ read: Int, _ total: Int?) throws -> Void) throws {
        if name == "-" { return try stream(FileHandle.standardInput, body) }
        let (fd, info) = try Self.open(name)
        defer { close(fd) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            // A pipe (`scan <(zcat …)`), a FIFO or a device: read as it comes, like standard input.
            return try stream(FileHandle(fileDescriptor: fd, closeOnDealloc: false), body)
        }
        var magic: [UInt8] = [0, 0]
        let got = pread(fd, &magic, 2, 0)
        guard got >= 0 else { throw Failure(message: "cannot be read (\(String(cString: strerror(errno))))") }
        if got == 2 && magic == [0x1f, 0x8b] {
            return try gunzip(Data(contentsOf: URL(fileURLWithPath: name), options: .alwaysMapped), body)
        }
        try readBlocks(fd: fd, total: Int(info.st_size), body)
    }

    /// Standard input, a pipe or a device: blocks as they come (gzip recognised from the first bytes).
    func stream(_ input: FileHandle, _ body: (Data, _ read: Int, _ total: Int?) throws -> Void) throws {
        var first = try input.read(upToCount: Self.blockSize) ?? Data()
        if first.starts(with: [0x1f, 0x8b]) {
            while let more = try input.read(upToCount: Self.blockSize), !more.isEmpty { first += more }
            return try gunzip(first, body)
        }
        var lines = LineBlocks()
        var read = first.count
        try lines.add(first) { try body($0, read, nil) }
        while let more = try input.read(upToCount: Self.blockSize), !more.isEmpty {
            read += more.count
            try lines.add(more) { try body($0, read, nil) }
        }
        try lines.finish { try body($0, read, nil) }
    }

    /// Opens a log or a list for reading, with what `fstat` says of it; a directory is refused by name.
    static func open(_ path: String) throws -> (fd: Int32, info: stat) {
        let fd = Foundation.open(path, O_RDONLY)
        guard fd >= 0 else { throw Failure(message: String(cString: strerror(errno))) }
        var info = stat()
        if fstat(fd, &info) != 0 || info.st_mode & S_IFMT == S_IFDIR {
            let message = info.st_mode & S_IFMT == S_IFDIR ? "is a directory" : "cannot be read (\(String(cString: strerror(errno))))"
            close(fd)
            throw Failure(message: message)
        }
        return (fd, info)
    }

    /// A whole (indicator) file's bytes, read straight into one array: through `Data` they were copied once
    /// more, and at a million indicators the fresh pages of that copy alone cost 10 ms.
    static func wholeFile(_ path: String) throws -> [UInt8] {
        let (fd, info) = try open(path)
        defer { close(fd) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            // A pipe (`--indicators <(…)`) or a device: its size is not known ahead.
            return Array(try FileHandle(fileDescriptor: fd, closeOnDealloc: false).readToEnd() ?? Data())
        }
        let size = Int(info.st_size)
        var problem: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size, let base = buffer.baseAddress {
                let n = Foundation.read(fd, base + count, size - count)
                if n > 0 { count += n } else if n == 0 { break } else if errno != EINTR { problem = errno; break }
            }
        }
        if problem != 0 { throw Failure(message: String(cString: strerror(problem))) }
        return bytes
    }

    /// Reads into reused buffers (read, not mapped: a mapped 1 GB log would count as 1 GB of the
    /// scanner's memory, and a log truncated by rotation while mapped would crash the scan; a fresh buffer
    /// per block costs page faults). Each block ends at the last newline; the partial line after it goes
    /// to the front of the next block. With `readAhead`, the next block is read on a thread of its own into
    /// a second buffer while `body` scans this one, so the scanning threads never wait for the copy.
    func readBlocks(fd: Int32, total: Int?, _ body: (Data, Int, Int?) throws -> Void) throws {
        var current = Block(capacity: Self.blockSize), next = readAhead ? Block(capacity: Self.blockSize) : nil
        defer { current.free(); next?.free() }
        var kept = 0, read = 0
        // Reading ahead, the first read is small: scanning starts sooner, while the next block is read.
        var n = try current.fill(fd, from: kept, upTo: readAhead ? Self.blockSize / 8 : Self.blockSize)
        while true {
            read += n
            let filled = kept + n
            if n == 0 {
                if filled > 0 { try body(Data(bytesNoCopy: current.base, count: filled, deallocator: .none), read, total) }
                return
            }
            guard let newline = UnsafeRawBufferPointer(start: current.base, count: filled).lastIndex(of: 10) else {
                // No line end yet: read on, into a bigger buffer when this one is full.
                kept = filled
                if kept == current.capacity { current.grow() }
                n = try current.fill(fd, from: kept)
                continue
            }
            let end = newline + 1
            kept = filled - end
            let block = Data(bytesNoCopy: current.base, count: end, deallocator: .none)
            if var spare = next {
                if spare.capacity < current.capacity { spare.free(); spare = Block(capacity: current.capacity); next = spare }
                if kept > 0 { memcpy(spare.base, current.base + end, kept) }
                let ahead = ReadAhead(fd: fd, block: spare, from: kept)
                // Wait for the read before leaving, also when scanning fails: it writes into `spare`.
                let scanned = Result { try body(block, read, total) }
                n = try ahead.result()
                try scanned.get()
                next = current
                current = spare
            } else {
                try body(block, read, total)
                if kept > 0 { memmove(current.base, current.base + end, kept) }
                n = try current.fill(fd, from: kept)
            }
        }
    }

    /// One read buffer.
    struct Block: @unchecked Sendable {
        private(set) var base: UnsafeMutableRawPointer
        private(set) var capacity: Int

        init(capacity: Int) {
            base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64)
            self.capacity = capacity
        }

        func free() { base.deallocate() }

        /// Twice the room, the bytes kept (one line longer than the buffer).
        mutating func grow() {
            let bigger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 64)
            bigger.copyMemory(from: base, byteCount: capacity)
            base.deallocate()
            base = bigger
            capacity *= 2
        }

        /// Reads after the first `from` bytes (up to `upTo` in all); how many were read (0 at the end of the file).
        func fill(_ fd: Int32, from: Int, upTo: Int = .max) throws -> Int {
            while true {
                let n = Foundation.read(fd, base + from, min(capacity, upTo) - from)
                if n >= 0 { return n }
                if errno != EINTR { throw Failure(message: "cannot be read (\(String(cString: strerror(errno))))") }
            }
        }
    }

    /// A `Block.fill` running on its own thread (not a dispatch queue: those threads are all scanning).
    final class ReadAhead: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var outcome: Result<Int, Error> = .success(0)

        init(fd: Int32, block: Block, from: Int) {
            Thread { [self] in
                outcome = Result { try block.fill(fd, from: from) }
                done.signal()
            }.start()
        }

        func result() throws -> Int {
            done.wait()
            return try outcome.get()
        }
    }

    /// Decompresses gzip (also several members one after another, as `cat a.gz b.gz` makes) and
    /// says clearly when the file ends early or is damaged — after scanning what could be read.
    func gunzip(_ data: Data, _ body: (Data, Int, Int?) throws -> Void) throws {
        var input = ByteBuffer(bytes: data)
        let total = data.count
        let decompressor = CompressionAlgorithm.gzip().decompressor
        try decompressor.startStream()
        defer { try? decompressor.finishStream() }
        var window = ByteBufferAllocator().buffer(capacity: Self.blockSize)
        var lines = LineBlocks()
        var written: UInt64 = 0, members = 1
        var problem: String?
        func flush() throws {
            guard window.readableBytes > 0 else { return }
            written += UInt64(window.readableBytes)
            let chunk = Data(window.readableBytesView)
            window.clear()
            try lines.add(chunk) { try body($0, total - input.readableBytes, total) }
        }
        while input.readableBytes > 0 {
            let before = (input.readableBytes, window.readableBytes)
            do {
                try decompressor.streamInflate(from: &input, to: &window)
                if (input.readableBytes, window.readableBytes) == before {
                    // The member ended; another may follow.
                    guard input.readableBytesView.starts(with: [0x1f, 0x8b]) else {
                        problem = "\(input.readableBytes) bytes after the end of the compressed data were ignored"
                        break
                    }
                    try flush()
                    try decompressor.resetStream()
                    members += 1
                }
            } catch let error as CompressNIOError where error == .bufferOverflow {
                try flush()
            } catch let error as CompressNIOError where error == .inputBufferOverflow {
                problem = "the gzip file ends early (truncated?): scanned what could be read"
                break
            } catch let error as CompressNIOError where error == .corruptData {
                problem = "the gzip file is damaged after \(total - input.readableBytes) of \(total) bytes: scanned what could be read"
                break
            }
        }
        try flush()
        // gzip's last four bytes hold the uncompressed size (mod 2^32): a cut-off file rarely agrees.
        if problem == nil, members == 1, data.count >= 18 {
            let tail = data.suffix(4).map(UInt64.init)
            let size = tail[0] | tail[1] << 8 | tail[2] << 16 | tail[3] << 24
            if size != written & 0xFFFF_FFFF { problem = "the gzip file ends early (truncated?): scanned what could be read" }
        }
        try lines.finish { try body($0, total, total) }
        if let problem { throw Failure(message: problem) }
    }
}

/// Collects bytes and hands them on in blocks that end at a newline.
struct LineBlocks {
    private var carry = Data()

    mutating func add(_ data: Data, _ emit: (Data) throws -> Void) throws {
        guard let newline = data.lastIndex(of: 10) else { carry += data; return }
        if carry.isEmpty {
            try emit(data[data.startIndex...newline])  // a slice: no copy
        } else {
            carry += data[data.startIndex...newline]
            try emit(carry)
        }
        carry = Data(data[(newline + 1)...])
    }

    mutating func finish(_ emit: (Data) throws -> Void) throws {
        if !carry.isEmpty { try emit(carry) }
        carry = Data()
    }
}
