import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `scan --since-last-run`: how far each log was scanned, so that an hourly cron run reads only what the log
/// gained since, and the community is not sent the same sightings again every hour. Kept per log in the cache
/// directory (`scan-positions.json`). A log renamed beside itself, or compressed, by logrotate is read to its
/// end under its new name first. A log is read from its start again when it is another file under the same
/// name, when it is shorter than where the last run stopped, or when its first bytes changed (truncated and
/// written again, as `copytruncate` does).
struct ScanPositions {
    struct Mark: Codable, Equatable {
        var device: UInt64
        var inode: UInt64
        /// Where the next run starts: just after the last whole line scanned.
        var offset: Int
        /// Lines before `offset`, so that line numbers stay those of the file.
        var lines: Int
        /// A hash of the first `headLength` bytes, to tell a log truncated and written again.
        var head: UInt64
        var headLength: Int

        /// True when `info` is of the file this mark was taken of (under whatever name).
        func isOf(_ info: stat) -> Bool { device == UInt64(info.st_dev) && inode == UInt64(info.st_ino) }
    }

    static let headLength = 1024

    let file: URL
    private(set) var marks: [String: Mark] = [:]

    init(directory: URL) {
        file = directory.appendingPathComponent("scan-positions.json")
        if let data = try? Data(contentsOf: file), let saved = try? JSONDecoder().decode([String: Mark].self, from: data) { marks = saved }
    }

    /// A log's key: its absolute path with symbolic links resolved.
    static func key(_ path: String) -> String {
        guard let real = realpath(path, nil) else { return URL(fileURLWithPath: path).standardizedFileURL.path }
        defer { free(real) }
        return String(cString: real)
    }

    subscript(path: String) -> Mark? {
        get { marks[Self.key(path)] }
        set { marks[Self.key(path)] = newValue }
    }

    func save() throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(marks).write(to: file, options: .atomic)
    }

    /// FNV-1a over the first `length` bytes of the file (fewer when it is shorter).
    static func head(_ fd: Int32, length: Int) -> UInt64 {
        var bytes = [UInt8](repeating: 0, count: length)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, length, 0) }
        return hash(bytes.prefix(max(0, n)))
    }

    static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        return hash
    }

    /// Where to start in this log: after the mark when it is still the same file, grown or not; else its start.
    static func resume(_ mark: Mark?, fd: Int32, info: stat) -> Mark? {
        guard let mark, mark.isOf(info), mark.offset <= Int(info.st_size),
              head(fd, length: mark.headLength) == mark.head else { return nil }
        return mark
    }

    /// Where the log a mark was taken of went, once another file has its name.
    enum Rotated {
        /// Renamed beside itself (logrotate's default): the same file under a new name.
        case renamed(String)
        /// Compressed as it was rotated (logrotate without `delaycompress`): a new gzip file whose decompressed
        /// first bytes are those the mark was taken of.
        case compressed(String)
    }

    /// True while `path` is still the file `mark` was taken of (or cannot be looked at).
    static func same(_ path: String, as mark: Mark) -> Bool {
        var info = stat()
        return stat(path, &info) != 0 || mark.isOf(info)
    }

    /// Where the log at `path` went since `mark` was taken of it, looked for in its own directory: the same file
    /// under another name (as logrotate and `logtail` find it, by inode), else the newest gzip file that starts
    /// with the bytes the mark was taken of. Nil when neither is there (removed, or replaced by another file).
    static func rotated(_ path: String, from mark: Mark) -> Rotated? {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
        var compressed: [(path: String, modified: timespec)] = []
        for name in names {
            let candidate = directory.appendingPathComponent(name).path
            var info = stat()
            guard stat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            if mark.isOf(info) { return .renamed(candidate) }
            if name.hasSuffix(".gz") { compressed.append((candidate, info.st_mtim)) }
        }
        guard mark.headLength > 0 else { return nil }  // an empty log leaves nothing to know it by
        for candidate in compressed.sorted(by: { ($0.modified.tv_sec, $0.modified.tv_nsec) > ($1.modified.tv_sec, $1.modified.tv_nsec) }) {
            guard let first = ScanInput.gunzipHead(candidate.path, length: mark.headLength), first.count == mark.headLength,
                  hash(first) == mark.head else { continue }
            return .compressed(candidate.path)
        }
        return nil
    }

    /// The mark for a log scanned up to `offset`, with `lines` lines before it.
    static func mark(fd: Int32, info: stat, offset: Int, lines: Int) -> Mark {
        let length = min(headLength, offset)
        return Mark(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), offset: offset, lines: lines,
                    head: head(fd, length: length), headLength: length)
    }
}
