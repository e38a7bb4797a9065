import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `scan --since-last-run`: how far each log was scanned, so that an hourly cron run reads only what the log
/// gained since, and the community is not sent the same sightings again every hour. Kept per log in the cache
/// directory (`scan-positions.json`). A log renamed beside itself, compressed, or copied before it was truncated
/// (`copytruncate`), by logrotate, is read to its end under its new name first. A log is read from its start
/// again when it is another file under the same name, when it is shorter than where the last run stopped, or
/// when its first bytes changed (truncated and written again).
///
/// A log is known by its file, not only by its name, so the rotated logs can be named too (`access.log*`): a
/// file that moved to another name since the last run goes on from where it was left under the old one, a
/// copy a log was made into (compressed by logrotate, or copied by `copytruncate`) goes on from where the log
/// was left, and a file is scanned once in a run however many names lead to it.
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
        /// A gzip file (read whole, and never written to again); nil in marks kept before it was noted.
        var compressed: Bool? = nil
        /// A gzip file read while it was still being written: the decompressed bytes up to its last whole line read.
        var decompressed: Int? = nil

        /// True when `info` is of the file this mark was taken of (under whatever name).
        func isOf(_ info: stat) -> Bool { device == UInt64(info.st_dev) && inode == UInt64(info.st_ino) }
    }

    /// Where this run starts in a log.
    enum Start {
        /// Already scanned in this run, under another name.
        case done
        /// From a mark (the log's own, or the one it had under another name), or from its start.
        case from(Mark?)
        /// A copy a log was made into as it was rotated (gzip, decompressed, or plain, by `copytruncate`): from
        /// where the log was left.
        case copied(from: Mark)
    }

    /// A file, whatever its name.
    struct FileID: Hashable {
        let device: UInt64, inode: UInt64
        init(info: stat) { (device, inode) = (UInt64(info.st_dev), UInt64(info.st_ino)) }
        init(_ mark: Mark) { (device, inode) = (mark.device, mark.inode) }
    }

    static let headLength = 1024

    let file: URL
    /// Where the last run left each log, by its key.
    private let previous: [String: Mark]
    /// Where this run leaves the logs it scanned.
    private var next: [String: Mark] = [:]
    /// The files this run scanned.
    private var scanned: Set<FileID> = []

    init(directory: URL) {
        file = directory.appendingPathComponent("scan-positions.json")
        if let data = try? Data(contentsOf: file), let saved = try? JSONDecoder().decode([String: Mark].self, from: data) {
            previous = saved
        } else {
            previous = [:]
        }
    }

    /// A log's key: its absolute path with symbolic links resolved.
    static func key(_ path: String) -> String {
        guard let real = realpath(path, nil) else { return URL(fileURLWithPath: path).standardizedFileURL.path }
        defer { free(real) }
        return String(cString: real)
    }

    /// Where the last run left the file that had this name then.
    func previous(_ path: String) -> Mark? { previous[Self.key(path)] }

    /// Where to start in the file at `path`: the mark it had under this name or, moved since, under another;
    /// for a file that is none of the files seen before, the mark of another log in its directory it is a copy
    /// of (its first bytes, decompressed when it is gzip, are those the mark was taken of).
    func start(_ path: String) -> Start {
        guard let (fd, info) = try? ScanInput.open(path) else { return .from(nil) }
        defer { close(fd) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .from(nil) }
        if scanned.contains(FileID(info: info)) { return .done }
        // A mark of the same file that it still starts as (an inode is soon used again for another file).
        if let mark = previous(path).flatMap({ Self.resume($0, fd: fd, info: info) })
            ?? previous.values.lazy.compactMap({ Self.resume($0, fd: fd, info: info) }).first {
            return .from(mark)
        }
        let key = Self.key(path), directory = URL(fileURLWithPath: key).deletingLastPathComponent().path
        // Of the other logs it could be a copy of, the one known by the most bytes (small logs can start alike);
        // not the file itself truncated and written again, nor the file it replaced under its name.
        var best: Mark?
        for (other, mark) in previous.sorted(by: { $0.key < $1.key })
        where other != key && mark.compressed != true && mark.headLength > (best?.headLength ?? 0) && !mark.isOf(info)
            && URL(fileURLWithPath: other).deletingLastPathComponent().path == directory && Self.isCopy(fd: fd, info: info, of: mark) {
            best = mark
        }
        return best.map { .copied(from: $0) } ?? .from(nil)
    }

    /// True when this run scanned the file at `path` already.
    func wasScanned(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && scanned.contains(FileID(info: info))
    }

    /// Notes that the file at `path` was scanned, and where the next run is to start in it (when it gave a mark).
    mutating func keep(_ path: String, _ mark: Mark?) {
        guard let mark else { return }
        scanned.insert(FileID(mark))
        next[Self.key(path)] = mark
    }

    /// Keeps where this run left the logs, and where the last run left those it did not scan that are still there
    /// (or that were named: a log missing for a moment keeps its mark, to follow its rotation when it is back).
    func save(named: [String]) throws {
        var kept = next
        let named = Set(named.map(Self.key))
        for (key, mark) in previous where kept[key] == nil && (named.contains(key) || FileManager.default.fileExists(atPath: key)) {
            kept[key] = mark
        }
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(kept).write(to: file, options: .atomic)
    }

    /// The first `length` bytes of the file (fewer when it is shorter).
    static func first(_ fd: Int32, length: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: length) { buffer, count in count = max(0, pread(fd, buffer.baseAddress, length, 0)) }
    }

    /// FNV-1a over the first `length` bytes of the file (fewer when it is shorter).
    static func head(_ fd: Int32, length: Int) -> UInt64 { hash(first(fd, length: length)) }

    static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        return hash
    }

    /// True when `first`, a file's first bytes (decompressed), are those `mark` was taken of.
    static func starts(_ first: [UInt8], as mark: Mark) -> Bool { first.count == mark.headLength && hash(first) == mark.head }

    /// Where to start in this log: after the mark when it is still the same file (or, `copy`, a copy of it),
    /// grown or not; else its start.
    static func resume(_ mark: Mark?, fd: Int32, info: stat, copy: Bool = false) -> Mark? {
        guard let mark, copy || mark.isOf(info), mark.offset <= Int(info.st_size),
              head(fd, length: mark.headLength) == mark.head else { return nil }
        return mark
    }

    /// True when the file open as `fd` is a copy of the log `mark` was taken of, made when the log was
    /// at least that long: its first bytes, decompressed when it is gzip, are those the mark was taken of.
    static func isCopy(fd: Int32, info: stat, of mark: Mark) -> Bool {
        guard first(fd, length: 2) == [0x1f, 0x8b] else { return resume(mark, fd: fd, info: info, copy: true) != nil }
        return ScanInput.gunzipHead(fd, length: mark.headLength).map { starts($0, as: mark) } ?? false
    }

    /// Where the log a mark was taken of went, once another file has its name or it was truncated.
    enum Rotated {
        /// Renamed beside itself (logrotate's default): the same file under a new name.
        case renamed(String)
        /// Copied as it was rotated: compressed (logrotate without `delaycompress`), or copied before it was
        /// truncated (`copytruncate`). A new file whose first bytes (decompressed) are those the mark was taken of.
        case copied(String)
    }

    /// True while `path` is still the file `mark` was taken of (or cannot be looked at).
    static func same(_ path: String, as mark: Mark) -> Bool {
        var info = stat()
        return stat(path, &info) != 0 || mark.isOf(info)
    }

    /// True while the log at `path` can go on from `mark`: the same file, not truncated (or it cannot be looked at).
    static func goesOn(_ path: String, from mark: Mark) -> Bool {
        guard let (fd, info) = try? ScanInput.open(path) else { return true }
        defer { close(fd) }
        return resume(mark, fd: fd, info: info) != nil
    }

    /// Where the log at `path` went since `mark` was taken of it, looked for in its own directory: the same file
    /// under another name (as logrotate and `logtail` find it, by inode), else the newest file named after the log
    /// (`access.log.1`, `access.log-20261124.gz`) that starts with the bytes the mark was taken of. Nil when
    /// neither is there (removed, or replaced by another file; or truncated with no copy made).
    static func rotated(_ path: String, from mark: Mark) -> Rotated? {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        let base = URL(fileURLWithPath: path).lastPathComponent
        // logrotate names a copy after the log: access.log.1, access.log-20261124.gz, access-20261124.log (`extension`).
        let stem = base.prefix { $0 != "." }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
        var copies: [(path: String, modified: timespec)] = []
        for name in names where name != base {
            let candidate = directory.appendingPathComponent(name).path
            var info = stat()
            guard stat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            if mark.isOf(info), let (fd, info) = try? ScanInput.open(candidate) {
                // Still the file it was, not another one given its inode since.
                defer { close(fd) }
                if resume(mark, fd: fd, info: info) != nil { return .renamed(candidate) }
            }
            if name.hasPrefix(stem) { copies.append((candidate, info.st_mtim)) }
        }
        guard mark.headLength > 0 else { return nil }  // an empty log leaves nothing to know it by
        for candidate in copies.sorted(by: { ($0.modified.tv_sec, $0.modified.tv_nsec) > ($1.modified.tv_sec, $1.modified.tv_nsec) }) {
            guard let (fd, info) = try? ScanInput.open(candidate.path) else { continue }
            defer { close(fd) }
            if isCopy(fd: fd, info: info, of: mark) { return .copied(candidate.path) }
        }
        return nil
    }

    /// The mark for a log scanned up to `offset`, with `lines` lines before it.
    static func mark(fd: Int32, info: stat, offset: Int, lines: Int, compressed: Bool = false) -> Mark {
        let length = min(headLength, offset)
        return Mark(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), offset: offset, lines: lines,
                    head: head(fd, length: length), headLength: length, compressed: compressed ? true : nil)
    }
}
