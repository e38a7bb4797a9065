#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One line of a CSV list, read as RFC 4180 writes it (and `CSV.field`, which the blocklist download uses): a
/// field in double quotes may hold commas, and `""` in it is one quote. On the line's bytes, with no copy
/// except of a quoted field's text: a list of a million rows is read through here.
struct CSVRow {
    struct Field {
        /// The field's bytes in the row, inside the quotes when it is quoted.
        var text: Range<Int>
        var quoted: Bool
        /// Where the next field starts, when a comma follows.
        var next: Int?
    }

    let bytes: UnsafeBufferPointer<UInt8>

    /// The field starting at `start`; nil when its quote is not closed.
    func field(at start: Int) -> Field? {
        guard start < bytes.count, bytes[start] == 34 else {  // "
            let end = comma(from: start) ?? bytes.count
            return Field(text: start..<end, quoted: false, next: end < bytes.count ? end + 1 : nil)
        }
        var i = start + 1
        while i < bytes.count {
            if bytes[i] == 34 {
                if i + 1 < bytes.count && bytes[i + 1] == 34 { i += 2; continue }
                return Field(text: (start + 1)..<i, quoted: true, next: comma(from: i + 1).map { $0 + 1 })
            }
            i += 1
        }
        return nil
    }

    /// Where field number `column` (from 0) starts; nil when the row has fewer fields or a quote is not closed.
    func start(ofColumn column: Int) -> Int? {
        var at: Int? = 0
        for _ in 0..<column {
            guard let start = at else { return nil }
            at = field(at: start)?.next
        }
        return at
    }

    /// A field's text: a quoted one with `""` as one quote.
    func text(_ field: Field) -> [UInt8] {
        let raw = bytes[field.text]
        guard field.quoted else { return Array(raw) }
        var text: [UInt8] = [], quote = false
        for b in raw {
            if b == 34 && quote { quote = false; continue }
            quote = b == 34
            text.append(b)
        }
        return text
    }

    /// Every field's text; nil when a quote is not closed.
    func fields() -> [String]? {
        var out: [String] = []
        var at: Int? = 0
        while let start = at {
            if start == bytes.count { out.append(""); break }
            guard let field = field(at: start) else { return nil }
            out.append(String(decoding: text(field), as: UTF8.self))
            at = field.next
        }
        return out
    }

    private func comma(from start: Int) -> Int? {
        guard let base = bytes.baseAddress, start < bytes.count, let found = memchr(base + start, 44, bytes.count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}
