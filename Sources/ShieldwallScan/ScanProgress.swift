import Foundation

/// Bytes read and throughput on standard error, when it is a terminal.
final class ScanProgress {
    let enabled: Bool
    let handle: FileHandle
    let started = Date()
    var last = Date.distantPast
    var done = 0

    init(enabled: Bool, to handle: FileHandle) {
        self.enabled = enabled
        self.handle = handle
    }

    func update(file: String, read: Int, total: Int?) {
        guard enabled, Date().timeIntervalSince(last) > 0.2 else { return }
        last = Date()
        let seconds = max(0.001, last.timeIntervalSince(started))
        let rate = Double(done + read) / seconds / 1_048_576
        let size = total.map { " of \(mb($0))" } ?? ""
        handle.write(Data("\r\u{1B}[K\(file): \(mb(read))\(size), \(String(format: "%.0f", rate)) MB/s".utf8))
        if let total, read >= total { done += total }
    }

    func mb(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }

    func clear() {
        if enabled { handle.write(Data("\r\u{1B}[K".utf8)) }
    }
}
