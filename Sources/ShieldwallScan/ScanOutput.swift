import Foundation
import ShieldwallCore

/// What `scan` prints on standard output: one JSON line per match with `--json`, and the summary (text, or
/// a last JSON object). Written as bytes into one buffer, sent on in 64 KB writes: a million indicators
/// can give hundreds of thousands of matches, and building a `String` per line by interpolation cost more
/// than a tenth of such a scan.
struct ScanOutput {
    let handle: FileHandle
    let index: IndicatorIndex
    private var bytes: [UInt8] = []
    /// The last file name written, quoted: every match of a file carries it.
    private var quotedFile: (name: String, bytes: [UInt8])?

    init(to handle: FileHandle, index: IndicatorIndex) {
        self.handle = handle
        self.index = index
        bytes.reserveCapacity(1 << 17)
    }

    mutating func flush() {
        guard !bytes.isEmpty else { return }
        handle.write(Data(bytes))
        bytes.removeAll(keepingCapacity: true)
    }

    private mutating func flushWhenFull() { if bytes.count >= 1 << 16 { flush() } }

    // MARK: Pieces

    private mutating func add(_ text: String) { bytes.append(contentsOf: text.utf8) }

    private mutating func add(_ n: Int) { add(String(n)) }

    /// A JSON string: `"` and `\` escaped, control characters as `\n`, `\t` or `\u00XX`; the rest as it is.
    private mutating func addQuoted(_ text: String) {
        bytes.append(34)
        for b in text.utf8 {
            switch b {
            case 34: bytes += [92, 34]
            case 92: bytes += [92, 92]
            case 10: bytes += [92, 110]
            case 9: bytes += [92, 116]
            case 0..<32: bytes += [92, 117, 48, 48, 48 + b >> 4, b & 15 < 10 ? 48 + b & 15 : 87 + b & 15]
            default: bytes.append(b)
            }
        }
        bytes.append(34)
    }

    private mutating func addQuotedFile(_ name: String) {
        if let quotedFile, quotedFile.name == name { bytes += quotedFile.bytes; return }
        let mark = bytes.count
        addQuoted(name)
        quotedFile = (name, Array(bytes[mark...]))
    }

    /// `,"time":"…"` when the time is known.
    private mutating func addTimeField(_ t: Int64?) {
        guard let t else { return }
        add(#","time":""#)
        add(ISO8601.format(Int(t)))
        bytes.append(34)
    }

    // MARK: What is printed

    /// `{"file":…,"line":…,"indicator":…,"type":…,"field":…[,"time":…]}` per match.
    mutating func json(_ hits: [ScanRun.Hit]) {
        for hit in hits {
            let indicator = index.indicators[Int(hit.indicator)]
            add(#"{"file":"#); addQuotedFile(hit.file)
            add(#","line":"#); add(hit.line)
            add(#","indicator":"#); addQuoted(indicator.value)
            add(#","type":""#); add(indicator.kind.rawValue)
            add(#"","field":""#); add(hit.field.rawValue); bytes.append(34)
            addTimeField(hit.time)
            add("}\n")
            flushWhenFull()
        }
        flush()
    }

    /// The last JSON object: counts, then each indicator found with its first and last place.
    mutating func jsonSummary(_ summary: [ScanRun.Summary], files: Int, lines: Int, matches: Int, errors: Int, link: (Int) -> String?) {
        add(#"{"summary":{"files":"#); add(files)
        add(#","lines":"#); add(lines)
        add(#","indicators":"#); add(index.count)
        add(#","matches":"#); add(matches)
        add(#","errors":"#); add(errors)
        add(#","by_indicator":["#)
        for (n, s) in summary.enumerated() {
            if n > 0 { bytes.append(44) }
            add(#"{"indicator":"#); addQuoted(s.indicator.value)
            add(#","type":""#); add(s.indicator.kind.rawValue)
            add(#"","hits":"#); add(s.hits)
            add(#","first":{"file":"#); addQuoted(s.first.file)
            add(#","line":"#); add(s.first.line); addTimeField(s.firstTime)
            add(#"},"last":{"file":"#); addQuoted(s.last.file)
            add(#","line":"#); add(s.last.line); addTimeField(s.lastTime)
            add(#"},"files":["#)
            for (k, file) in s.files.enumerated() {
                if k > 0 { bytes.append(44) }
                addQuoted(file)
            }
            bytes.append(93)
            if let page = link(s.id) { add(#","link":"#); addQuoted(page) }
            add("}")
            flushWhenFull()
        }
        add("]}}\n")
        flush()
    }

    /// The readable summary: a line of counts, then one line per indicator found, most hits first.
    mutating func text(_ summary: [ScanRun.Summary], files: Int, lines: Int, matches: Int, link: (Int) -> String?) {
        add("Scanned "); add(lines); add(" lines in "); add(files); add(" file(s) against "); add(index.count); add(" indicators: ")
        if matches == 0 { add("nothing found.\n") } else { add(matches); add(" match(es) of "); add(summary.count); add(" indicator(s).\n") }
        for s in summary {
            add("  "); add(s.indicator.value); add(" ("); add(s.indicator.kind.rawValue); add("): "); add(s.hits)
            add(" hit(s), first "); add(s.first.file); bytes.append(58); add(s.first.line)
            if let t = s.firstTime { add(" ("); add(ISO8601.format(Int(t))); bytes.append(41) }
            add(", last "); add(s.last.file); bytes.append(58); add(s.last.line)
            if let t = s.lastTime { add(" ("); add(ISO8601.format(Int(t))); bytes.append(41) }
            if s.files.count > 1 {
                add(", in "); add(s.files.count); add(" files: "); add(s.files.prefix(3).joined(separator: ", "))
                if s.files.count > 3 { add(" and "); add(s.files.count - 3); add(" more") }
            }
            bytes.append(10)
            if let page = link(s.id) { add("    "); add(page); bytes.append(10) }
            flushWhenFull()
        }
        flush()
    }
}
