import CompressNIO
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import ShieldwallCore

/// Reads one log and scans it on all cores, in bounded memory, with progress. A regular file is read in parts
/// by the threads that scan them (`FileParts`); standard input, pipes and gzip come in 4 MB blocks (gzip
/// decompressed as it is read, with compress-nio over the system zlib), each scanned in pieces on all cores.
struct ScanInput {
    static let blockSize = 4 << 20

    struct Failure: Error {
        let message: String
        /// Where the next run is to start in the file, when it was read in part (a damaged or unfinished gzip file).
        var mark: ScanPositions.Mark? = nil
        /// A gzip file that ends early: the decompressed bytes up to the end of its last whole line.
        var wholeLinesEnd: Int? = nil
    }

    let name: String
    let run: ScanRun

    /// Calls `deliver` with what each piece of the log held, in the log's order, and how many bytes of the file
    /// are read so far (of `total`, when known). A last line without a newline is scanned too.
    ///
    /// With `sinceLastRun`, a regular file is scanned from `mark` on when it is still the same file (`startLine` is
    /// told the number of the line before the first one scanned), up to its last whole line, and the mark for the
    /// next run is returned. Standard input and pipes are read whole, and give no mark. A copy a log was made into
    /// as it was rotated (gzip, decompressed, or plain) is scanned from `copiedFrom` (the log's mark) on.
    func scan(sinceLastRun: Bool = false, mark: ScanPositions.Mark? = nil, copiedFrom: ScanPositions.Mark? = nil,
              startLine: (Int) -> Void = { _ in },
              _ deliver: (ScanRun.Piece, _ read: Int, _ total: Int?) -> Void) throws -> ScanPositions.Mark? {
        var format: LogScanner.Format?, scanned = 0
        func counted(_ piece: ScanRun.Piece, _ read: Int, _ total: Int?) {
            scanned += piece.lines
            deliver(piece, read, total)
        }
        func blocks(_ block: Data, _ read: Int, _ total: Int?) {
            let chosen = format ?? run.format(for: block)
            format = chosen
            for piece in block.withUnsafeBytes({ run.pieces($0, format: chosen) }) { counted(piece, read, total) }
        }
        if name == "-" { try stream(FileHandle.standardInput, blocks); return nil }
        let (fd, info) = try Self.open(name)
        defer { close(fd) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            // A pipe (`scan <(zcat …)`), a FIFO or a device: read as it comes, like standard input.
            try stream(FileHandle(fileDescriptor: fd, closeOnDealloc: false), blocks)
            return nil
        }
        var parts = FileParts(fd: fd, size: Int(info.st_size))
        let first = try parts.sample(), gzip = first.starts(with: [0x1f, 0x8b])
        // A plain copy goes on from the log's mark while it starts as the log did (a gzip copy's decompressed start
        // was checked when it was taken for a copy: its compressed bytes never match).
        let resumed = !sinceLastRun ? nil
            : (gzip ? nil : copiedFrom.flatMap { ScanPositions.resume($0, fd: fd, info: info, copy: true) }) ?? ScanPositions.resume(mark, fd: fd, info: info)
        if gzip {
            // A compressed log is scanned once, then left alone while it stays the same file; one read while it was
            // still being written (by logrotate's gzip) goes on after the last whole line read.
            var from = copiedFrom
            if copiedFrom == nil, let resumed {
                if resumed.offset == parts.size {
                    startLine(resumed.lines)
                    return resumed
                }
                if let end = resumed.decompressed {  // the gzip mark's offset is in compressed bytes, a copy's in plain ones
                    var goOn = resumed
                    goOn.offset = end
                    from = goOn
                }
            }
            startLine(from?.lines ?? 0)
            func kept(decompressed: Int? = nil) -> ScanPositions.Mark {
                var kept = ScanPositions.mark(fd: fd, info: info, offset: parts.size, lines: (from?.lines ?? 0) + scanned, compressed: true)
                kept.decompressed = decompressed.map { max($0, from?.offset ?? 0) }  // not before where this run started
                return kept
            }
            do {
                try gunzip(Data(contentsOf: URL(fileURLWithPath: name), options: .alwaysMapped), skip: from?.offset ?? 0,
                           partialLastLine: !sinceLastRun, blocks)
            } catch let failure as Failure where sinceLastRun {
                // Not read again while it stays as it is (its lines would be counted twice); one that ends early is
                // read on from its last whole line when it has grown.
                let more = failure.wholeLinesEnd == nil ? "" : "; the rest is read on the next run, once it is there"
                throw Failure(message: failure.message + more, mark: kept(decompressed: failure.wholeLinesEnd))
            }
            return sinceLastRun ? kept() : nil
        }
        let chosen = first.withUnsafeBytes { run.format(forBytes: $0) }
        if sinceLastRun {
            parts.origin = resumed?.offset ?? 0
            parts = FileParts(fd: fd, size: try parts.endOfLastLine(), origin: parts.origin)
            startLine(resumed?.lines ?? 0)
        }
        try parts.scan(threads: run.threads, { run.piece($0, format: chosen, memory: $1) }, deliver: counted)
        return sinceLastRun ? ScanPositions.mark(fd: fd, info: info, offset: parts.size, lines: (resumed?.lines ?? 0) + scanned) : nil
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

    /// Decompresses gzip (also several members one after another, as `cat a.gz b.gz` makes) and
    /// says clearly when the file ends early or is damaged — after scanning what could be read. The first `skip`
    /// decompressed bytes are left out. Without `partialLastLine`, a file that ends early is scanned up to its last
    /// whole line, and the failure says where that ends (`wholeLinesEnd`).
    func gunzip(_ data: Data, skip: Int = 0, partialLastLine: Bool = true, _ body: (Data, Int, Int?) throws -> Void) throws {
        var input = ByteBuffer(bytes: data)
        let total = data.count
        let decompressor = CompressionAlgorithm.gzip().decompressor
        try decompressor.startStream()
        defer { try? decompressor.finishStream() }
        var window = ByteBufferAllocator().buffer(capacity: Self.blockSize)
        var lines = LineBlocks()
        var written: UInt64 = 0, members = 1, skip = skip
        var problem: String?, endsEarly = false
        func flush() throws {
            guard window.readableBytes > 0 else { return }
            written += UInt64(window.readableBytes)
            let skipped = min(skip, window.readableBytes)
            skip -= skipped
            let chunk = Data(window.readableBytesView.dropFirst(skipped))
            window.clear()
            guard !chunk.isEmpty else { return }
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
                endsEarly = true
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
            if size != written & 0xFFFF_FFFF {
                problem = "the gzip file ends early (truncated?): scanned what could be read"
                endsEarly = true
            }
        }
        if endsEarly && !partialLastLine {
            throw Failure(message: problem ?? "", wholeLinesEnd: Int(written) - lines.pending)
        }
        try lines.finish { try body($0, total, total) }
        if let problem { throw Failure(message: problem) }
    }
}

extension ScanInput {
    /// The first `length` decompressed bytes of a gzip file (fewer when it holds fewer); nil when it is not gzip
    /// or cannot be read.
    static func gunzipHead(_ fd: Int32, length: Int) -> [UInt8]? {
        var input = ByteBuffer(bytes: [UInt8](unsafeUninitializedCapacity: 64 << 10) { buffer, count in
            count = max(0, pread(fd, buffer.baseAddress, buffer.count, 0))
        })
        guard input.readableBytesView.starts(with: [0x1f, 0x8b]) else { return nil }
        let decompressor = CompressionAlgorithm.gzip().decompressor
        guard (try? decompressor.startStream()) != nil else { return nil }
        defer { try? decompressor.finishStream() }
        var window = ByteBufferAllocator().buffer(capacity: length)
        while window.readableBytes < length, input.readableBytes > 0 {
            let before = (input.readableBytes, window.readableBytes)
            do { try decompressor.streamInflate(from: &input, to: &window) } catch let error as CompressNIOError where error == .bufferOverflow {
                break
            } catch let error as CompressNIOError where error == .inputBufferOverflow {
                break
            } catch { return nil }
            if (input.readableBytes, window.readableBytes) == before { break }
        }
        return Array(window.readableBytesView.prefix(length))
    }
}

/// Collects bytes and hands them on in blocks that end at a newline.
struct LineBlocks {
    private var carry = Data()

    /// Bytes held back: a line not yet ended.
    var pending: Int { carry.count }

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
