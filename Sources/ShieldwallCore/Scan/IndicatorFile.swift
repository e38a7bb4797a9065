import Foundation

/// What a list gave: the indicators (an indicator's id is its place here), what could not be used, and,
/// from the server's CSV blocklist, the address of each indicator's page (with the reports naming it).
public struct IndicatorList: Sendable {
    public var indicators: [ScanIndicator] = []
    public var skipped: [IndicatorFile.Skipped] = []
    /// The CSV's bytes and, per indicator, where its `link` field starts in them (-1: none). A page address is
    /// only wanted for what a scan finds, so a million of them are not made into strings up front.
    var csv: [UInt8] = []
    var linkStarts: [Int] = []

    /// The page of indicator `id`, when the list gave one.
    public func link(_ id: Int) -> String? {
        guard linkStarts.indices.contains(id), linkStarts[id] >= 0 else { return nil }
        let start = linkStarts[id], end = csv[start...].firstIndex { $0 == 10 || $0 == 13 } ?? csv.endIndex
        let text = csv[start..<end].withUnsafeBufferPointer { bytes -> [UInt8]? in
            let row = CSVRow(bytes: bytes)
            return row.field(at: 0).map { row.text($0) }
        }
        guard let text, !text.isEmpty else { return nil }
        return String(validating: text, as: UTF8.self)
    }
}

/// Reads a local indicator list: plain text (one value a line, commas and all, `#` comments), the CSV blocklist
/// (`value,type,confidence,…,link`, with or without its header, quoted as RFC 4180 says; `value,comment` too) or a STIX 2.1
/// bundle (indicator patterns and cyber-observables, read by `StixReader`). What cannot be used is
/// reported — by line number, or by STIX object id — never dropped silently.
public enum IndicatorFile {
    public struct Skipped: Sendable, Equatable {
        /// Line number, or 0 for a STIX object (then `text` is its id).
        public let line: Int
        public let text: String
        public let reason: String
    }

    /// Reads the list on up to `threads` cores: it is cut into parts at line ends, each part read on its own,
    /// and the parts joined in order with their line numbers.
    public static func parse(_ text: String, threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> IndicatorList {
        parse(bytes: Array(text.utf8), threads: threads)
    }

    /// The same from the file's bytes, as read: no pass to check the whole file is UTF-8 first (a line that is
    /// not is read as well as it can be, and skipped with its line number when it is no indicator).
    public static func parse(bytes: [UInt8], threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> IndicatorList {
        if bytes.first(where: { !isSpace($0) }) == 123 { return stix(Data(bytes)) }  // {
        let header = Header(bytes)
        // A list of 10,000 values (200 KB) takes a few milliseconds to read: worth a second core already. On one
        // core it is read whole: joining parts would copy a million indicators (and retain each one's text).
        let cuts = Parallel.lineCuts(bytes.count, parts: threads > 1 ? threads * 4 : 1, whole: 64 << 10) { bytes[$0] == 10 }
        let read = Parallel.map(cuts.count - 1, threads: threads) { c in lines(bytes[cuts[c]..<cuts[c + 1]], header: header, first: c == 0) }
        if read.count == 1, let only = read.first {
            return IndicatorList(indicators: only.indicators, skipped: only.skipped, csv: header.link != nil ? bytes : [], linkStarts: only.linkStarts)
        }
        var list = IndicatorList(), before = 0
        list.indicators.reserveCapacity(read.reduce(0) { $0 + $1.indicators.count })
        for part in read {
            list.indicators += part.indicators
            list.skipped += part.skipped.map { Skipped(line: $0.line + before, text: $0.text, reason: $0.reason) }
            list.linkStarts += part.linkStarts
            before += part.lines
        }
        if header.link != nil { list.csv = bytes }
        return list
    }

    /// The CSV blocklist's first line (`value,type,…`), when the list starts with it.
    struct Header {
        var csv = false
        /// The column of the indicator's page address.
        var link: Int?

        init(_ bytes: [UInt8]) {
            let names = String(decoding: bytes.prefix { $0 != 10 }, as: UTF8.self).lowercased()
                .split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingWhitespace() }
            guard names.first == "value" else { return }
            csv = true
            link = names.firstIndex(of: "link")
        }
    }

    /// A row of a CSV list (`value,type,…`): the value (where it lies in the line, or its text when it was quoted),
    /// the declared type, and where the link field starts when the header names one. Nil when a quote is not closed.
    static func csvRow(_ line: ArraySlice<UInt8>, header: Header)
        -> (value: Range<Int>, unquoted: [UInt8]?, type: ScanIndicator.Kind?, link: Int?)? {
        line.withUnsafeBufferPointer { bytes in
            let row = CSVRow(bytes: bytes)
            guard let first = row.field(at: 0) else { return nil }
            var value = first.text, unquoted: [UInt8]?, type: ScanIndicator.Kind?
            // `'` before `=`, `+`, `-`, `@`: written so that a spreadsheet does not run the value as a formula.
            func formulaGuard(_ text: some Collection<UInt8>) -> Bool {
                text.count > 1 && text.first == 39 && [61, 43, 45, 64, 9, 13].contains(text.dropFirst().first)
            }
            if first.quoted {
                unquoted = row.text(first)
                if let text = unquoted, formulaGuard(text) { unquoted?.removeFirst() }
            } else if formulaGuard(bytes[value]) {
                value = (value.lowerBound + 1)..<value.upperBound
            }
            if let start = first.next, let second = row.field(at: start) {
                type = ScanIndicator.Kind(rawValue: String(decoding: bytes[second.text], as: UTF8.self).trimmingWhitespace().lowercased())
            }
            let link = header.link.flatMap { row.start(ofColumn: $0) }
            return (value.lowerBound + line.startIndex..<value.upperBound + line.startIndex, unquoted, type, link.map { $0 + line.startIndex })
        }
    }

    /// One part of a list, lines numbered from 1 within it; `first`: the part the list begins with.
    static func lines(_ part: ArraySlice<UInt8>, header: Header, first: Bool) -> (indicators: [ScanIndicator], skipped: [Skipped], linkStarts: [Int], lines: Int) {
        var indicators: [ScanIndicator] = [], skipped: [Skipped] = [], linkStarts: [Int] = []
        // Room for a value a line, counted first: grown as it filled, a million values' array would be copied
        // some twenty times over, into memory touched for the first time at each copy.
        let lineCount = part.withUnsafeBufferPointer { p in
            var n = 1, i = 0
            while let base = p.baseAddress, i < p.count, let found = memchr(base + i, 10, p.count - i) {
                n += 1
                i = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
            }
            return n
        }
        indicators.reserveCapacity(lineCount)
        if header.link != nil { linkStarts.reserveCapacity(lineCount) }
        // Lines and columns by bytes: a list of a million values is read here, most of them plain values
        // that go to `recognise` as bytes, lowered in one reused buffer.
        var scratch = [UInt8](repeating: 0, count: 2048)
        var n = 0
        var lineStart = part.startIndex
        while lineStart < part.endIndex {
            let lineEnd = part.withUnsafeBufferPointer { p in
                // memchr: vectorised, unlike a loop over the slice.
                guard let base = p.baseAddress, let found = memchr(base + (lineStart - part.startIndex), 10, part.endIndex - lineStart) else { return part.endIndex }
                return part.startIndex + base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            defer { lineStart = lineEnd + 1 }
            n += 1
            var line = part[lineStart..<lineEnd]
            while let f = line.first, isSpace(f) { line = line.dropFirst() }
            while let l = line.last, isSpace(l) { line = line.dropLast() }
            if line.isEmpty || line.first == 35 || (first && n == 1 && header.csv) { continue }  // # a comment, or the header
            func recognise(_ valueBytes: ArraySlice<UInt8>, as declared: ScanIndicator.Kind?) -> Result<ScanIndicator, ScanIndicator.Problem>? {
                if valueBytes.count <= scratch.count, let last = valueBytes.last, !isSpace(last),
                   !valueBytes.contains(where: { $0 >= 128 || $0 == 91 || $0 == 40 }) {  // plain ASCII, nothing defanged
                    return scratch.withUnsafeMutableBufferPointer { buffer in
                        var k = 0
                        for b in valueBytes { buffer[k] = ByteKeys.lower(b); k += 1 }
                        return ScanIndicator.recognise(lowered: UnsafeMutableBufferPointer(rebasing: buffer[0..<k]), as: declared)
                    }
                }
                // Read as it is, a bad byte would become U+FFFD and pass for a letter of a domain.
                return String(validating: valueBytes, as: UTF8.self).map { ScanIndicator.recognise($0, as: declared) }
            }
            var result: Result<ScanIndicator, ScanIndicator.Problem>?, link: Int?
            if line.contains(44) {
                // A CSV row: always under the CSV header. Without it a line is one value (the server's plain list
                // holds URLs with commas in them) unless it reads as `value,type,…`, or only its first field is
                // an indicator (`value,comment`).
                let row = csvRow(line, header: header)
                if !header.csv, row?.type == nil, case .success(let whole)? = recognise(line, as: nil) {
                    result = .success(whole)
                } else if let row {
                    result = recognise(row.unquoted.map { $0[...] } ?? line[row.value], as: row.type)
                    link = row.link
                } else {
                    skipped.append(Skipped(line: n, text: String(String(decoding: line, as: UTF8.self).prefix(80)), reason: "a quoted value is not closed"))
                    continue
                }
            } else {
                result = recognise(line, as: nil)
            }
            guard let result else {
                skipped.append(Skipped(line: n, text: String(String(decoding: line, as: UTF8.self).prefix(80)), reason: "not UTF-8 text"))
                continue
            }
            switch result {
            case .success(let indicator):
                indicators.append(indicator)
                if header.link != nil { linkStarts.append(link ?? -1) }
            case .failure(let problem):
                skipped.append(Skipped(line: n, text: String(String(decoding: line, as: UTF8.self).prefix(80)), reason: "\(problem)"))
            }
        }
        return (indicators, skipped, linkStarts, n)
    }

    static func stix(_ data: Data) -> IndicatorList {
        switch StixReader.read(data) {
        case .failure(.notJSON(let reason)), .failure(.notStix(let reason)):
            return IndicatorList(skipped: [Skipped(line: 1, text: String(decoding: data.prefix(40), as: UTF8.self), reason: reason)])
        case .success(let result):
            var seen = Set<ScanIndicator>(), indicators: [ScanIndicator] = [], skipped: [Skipped] = []
            for indicator in result.indicators {
                for value in indicator.values {
                    switch ScanIndicator.recognise(value.value) {
                    case .success(let i): if seen.insert(i).inserted { indicators.append(i) }
                    case .failure(let problem): skipped.append(Skipped(line: 0, text: indicator.stixID, reason: "\(value.value): \(problem)"))
                    }
                }
            }
            skipped += result.skipped.map { Skipped(line: 0, text: $0.id, reason: $0.reason) }
            skipped += result.errors.map { Skipped(line: 0, text: $0.ref, reason: $0.reason) }
            return IndicatorList(indicators: indicators, skipped: skipped)
        }
    }
}
