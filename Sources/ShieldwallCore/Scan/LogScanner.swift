import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds indicators in log lines, working on bytes: no regular expressions and no String per line.
///
/// Web server logs (combined and common format) are read by field: the client address, an absolute
/// request target (or a CONNECT's `host:port`), the referrer with its host, and as text whatever follows the
/// agent (nginx's X-Forwarded-For). Everything else — sshd and other syslog lines,
/// Postfix and Exim, BIND and dnsmasq, JSON lines (nginx, Caddy), free text — is split into tokens and
/// each token that looks like an address, host, URL, e-mail address or hash is looked up; the field it
/// is reported in comes from the key or word before it (`client=`, `from=<…>`, Exim's `<=`/`=>`, `relay=`,
/// `query:`/`query[A]`, `"remote_ip":`, sshd's `from`), or is `token` when nothing says.
public struct LogScanner: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case auto, combined, plain
    }

    public enum Field: String, Sendable, Codable {
        case client, request, referrer, host, sender, recipient, relay, query, token
    }

    /// Keys and words that say what the next value is (lower case).
    static let keyFields: [String: Field] = [
        "client": .client, "rhost": .client, "h": .client, "remote_addr": .client, "client_ip": .client, "remote_ip": .client,
        "clientip": .client, "src": .client, "ip": .client, "from": .client, "remote_host": .client,
        "sender": .sender, "f": .sender, "envelope_from": .sender, "mail_from": .sender,
        "to": .recipient, "recipient": .recipient, "rcpt": .recipient, "orig_to": .recipient,
        "relay": .relay, "r": .relay,
        "query": .query, "qname": .query, "queries": .query,
        "host": .host, "http_host": .host, "server_name": .host,
        "referer": .referrer, "http_referer": .referrer, "referrer": .referrer,
        "uri": .request, "request_uri": .request, "url": .request,
    ]

    /// The field a key names; `asKey` for `key=value` (where `from` is a mail sender, not sshd's client).
    static func keyField(_ token: UnsafeBufferPointer<UInt8>, asKey: Bool = false) -> Field? {
        var token = token
        if token.last == 58 { token = UnsafeBufferPointer(rebasing: token.dropLast()) }  // "query:"
        guard !token.isEmpty, token.count <= 16 else { return nil }
        var key = ""
        for b in token {
            let l = ByteKeys.lower(b)
            guard (97...122).contains(l) || l == 95 else { return nil }
            key.unicodeScalars.append(Unicode.Scalar(l))
        }
        if asKey && key == "from" { return .sender }
        return keyFields[key]
    }

    public struct Match: Sendable, Equatable {
        /// Line number within the scanned buffer, from 1.
        public var line: Int
        public var indicator: Int32
        public var field: Field
        /// When the line was written (seconds since 1970, UTC), when the line says.
        public var time: Int64? = nil
    }

    public let index: IndicatorIndex
    /// "Now" in seconds since 1970: syslog lines carry no year, so it is taken from here.
    public let now: Int64

    public init(index: IndicatorIndex, now: Int64 = Int64(Date().timeIntervalSince1970)) {
        self.index = index
        self.now = now
    }

    /// Guesses the format from the first lines: `IP - user [date] "request"` is a web log.
    public static func detect(_ sample: UnsafeRawBufferPointer) -> Format {
        var lines = 0, web = 0
        var start = 0
        let bytes = sample.bindMemory(to: UInt8.self)
        for i in 0..<bytes.count where bytes[i] == 10 || i == bytes.count - 1 {
            let line = UnsafeBufferPointer(rebasing: bytes[start..<(bytes[i] == 10 ? i : i + 1)])
            start = i + 1
            if line.isEmpty { continue }
            lines += 1
            if looksLikeWebLog(line) { web += 1 }
            if lines == 20 { break }
        }
        return lines > 0 && web * 2 > lines ? .combined : .plain
    }

    static func looksLikeWebLog(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let bracket = line.firstIndex(of: 91), let quote = line.firstIndex(of: 34), bracket < quote else { return false }
        var spaces = 0
        for i in 0..<bracket where line[i] == 32 { spaces += 1 }
        return spaces == 3 && line[bracket - 1] == 32
    }

    /// Scans a whole buffer of lines; returns how many lines it held. `memory`: what the calling thread remembers
    /// from the buffers it scanned before (one of its own for this buffer when not given).
    @discardableResult
    public func scan(_ buffer: UnsafeRawBufferPointer, format: Format, memory: Memory? = nil, into matches: inout [Match]) -> Int {
        let bytes = buffer.bindMemory(to: UInt8.self)
        let chosen = format == .auto ? Self.detect(UnsafeRawBufferPointer(rebasing: buffer.prefix(8192))) : format
        // Whether web lines carry fields after the agent, judged from the first lines: looking for them costs a
        // search through every line's agent.
        let afterAgent = chosen == .combined && Self.fieldsAfterAgent(in: bytes)
        let memory = chosen == .combined ? memory ?? Memory() : nil
        // The struct inside, passed down each line: the class's reference would be retained and released per line.
        let recent = memory?.referrers(of: index)
        var lineNumber = 0, start = 0
        let count = bytes.count
        var i = 0
        while i < count {
            // memchr is the fastest way to the next line end.
            let remaining = count - i
            let found: Int
            if let base = bytes.baseAddress, let p = memchr(base + i, 10, remaining) {
                found = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
            } else {
                found = count
            }
            lineNumber += 1
            var end = found
            if end > start && bytes[end - 1] == 13 { end -= 1 }
            if end > start {
                scan(line: UnsafeBufferPointer(rebasing: bytes[start..<end]), format: chosen, number: lineNumber, afterAgent: afterAgent,
                     recent: recent, into: &matches)
            }
            start = found + 1
            i = found + 1
        }
        withExtendedLifetime(memory) {}
        return lineNumber
    }

    /// One line; `afterAgent`: a web line is looked at after its agent too.
    public func scan(line: UnsafeBufferPointer<UInt8>, format: Format, number: Int, afterAgent: Bool = true, into matches: inout [Match]) {
        scan(line: line, format: format, number: number, afterAgent: afterAgent, recent: nil, into: &matches)
    }

    /// One line of a buffer; `recent`: the referrers this thread looked up on the lines before.
    func scan(line: UnsafeBufferPointer<UInt8>, format: Format, number: Int, afterAgent: Bool, recent: RecentReferrers?,
              into matches: inout [Match]) {
        let before = matches.count
        if format != .combined || !scanWebLog(line, number: number, afterAgent: afterAgent, recent: recent, into: &matches) {
            scanTokens(line, field: .token, number: number, into: &matches)
        }
        // Most lines match nothing; only those that do are asked for their time.
        if matches.count > before, let time = LogTime.find(in: line, now: now) {
            for i in before..<matches.count { matches[i].time = time }
        }
    }

    /// `client ident user [time] "METHOD target PROTO" status size "referrer" "agent"`, and with `afterAgent`
    /// any fields after it; false when the line does not have that shape (it is then read as plain text).
    func scanWebLog(_ line: UnsafeBufferPointer<UInt8>, number: Int, afterAgent: Bool, recent: RecentReferrers?,
                    into matches: inout [Match]) -> Bool {
        let space: Int
        if let client = IPAddress.v4Prefix(line), client.end < line.count, line[client.end] == 32 {
            // An IPv4 client (most lines), read up to the space after it in one pass.
            space = client.end
            if let id = index.match(v4: client.address) { matches.append(Match(line: number, indicator: id, field: .client)) }
        } else {
            guard let found = Self.find(32, in: line, from: 0), found > 0 else { return false }
            space = found
            lookupAddress(UnsafeBufferPointer(rebasing: line[0..<space]), field: .client, number: number, into: &matches)
        }
        guard let open = Self.find(34, in: line, from: space) else { return true }
        guard let close = Self.find(34, in: line, from: open + 1) else { return true }
        // The request target is the second word of the request line; one that is only a path (most) is not read on.
        let request = line[(open + 1)..<close]
        if let s1 = request.firstIndex(of: 32), s1 + 1 < close, line[s1 + 1] != 47 {
            let rest = request[(s1 + 1)...]
            let targetEnd = rest.firstIndex(of: 32) ?? rest.endIndex
            let target = UnsafeBufferPointer(rebasing: line[rest.startIndex..<targetEnd])
            if Self.holdsURL(target) {
                lookupURL(target, field: .request, number: number, into: &matches)
            } else {
                lookupHostPort(target, field: .host, number: number, into: &matches)  // CONNECT evil.example:443
            }
        }
        // Status and size, then the quoted referrer.
        guard let r1 = Self.find(34, in: line, from: close + 1), let r2 = Self.find(34, in: line, from: r1 + 1) else { return true }
        if r2 > r1 + 2 { lookupReferrer(UnsafeBufferPointer(rebasing: line[(r1 + 1)..<r2]), number: number, recent: recent, into: &matches) }
        // Fields after the agent, read as text: nginx's sample "main" format ends with "$http_x_forwarded_for",
        // the client behind a proxy or CDN (whose own address is then the line's first field).
        if afterAgent, let a2 = Self.agentEnd(line, referrerEnd: r2) {
            scanTokens(UnsafeBufferPointer(rebasing: line[(a2 + 1)...]), field: .token, number: number, into: &matches)
        }
        return true
    }

    /// Where the agent's closing quote is, when a field follows it (`… "referrer" "agent" "203.0.113.9, 10.0.0.1"`).
    @inline(__always)
    static func agentEnd(_ line: UnsafeBufferPointer<UInt8>, referrerEnd r2: Int) -> Int? {
        guard r2 + 2 < line.count, line[r2 + 2] == 34, let a2 = find(34, in: line, from: r2 + 3), a2 + 2 < line.count else { return nil }
        return a2
    }

    /// True when one of the first lines of a web log has a field after its agent.
    static func fieldsAfterAgent(in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        for _ in 0..<8 where start < bytes.count {
            let end = find(10, in: bytes, from: start) ?? bytes.count
            let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
            start = end + 1
            // The referrer's closing quote is the line's fourth (the request's two, then the referrer's).
            var quote = -1, quotes = 0
            while quotes < 4, let next = find(34, in: line, from: quote + 1) { quote = next; quotes += 1 }
            if quotes == 4, agentEnd(line, referrerEnd: quote) != nil { return true }
        }
        return false
    }

    /// The next `byte` at or after `from`. Most searches in a line end within a few words: the first 32 bytes are
    /// compared here, 8 at a time, without the call `memchr` costs; a longer search goes on with `memchr`.
    @inline(__always)
    static func find(_ byte: UInt8, in line: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let base = line.baseAddress, from < line.count else { return nil }
        let n = line.count, pattern = 0x0101_0101_0101_0101 &* UInt64(byte)
        var i = from
        let wordsEnd = min(n, from + 32)
        while i + 8 <= wordsEnd {
            // Zero where the byte is `byte`; the high bit of each byte of `found` is set where it is zero (no carries
            // between bytes: each sum is at most 0x7F + 0x7F).
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) ^ pattern
            let found = ~((w & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F | w) & 0x8080_8080_8080_8080
            if found != 0 { return i + found.trailingZeroBitCount >> 3 }
            i += 8
        }
        guard i < n, let p = memchr(base + i, Int32(byte), n - i) else { return nil }
        return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
    }

    @inline(__always)
    static func isDelimiter(_ b: UInt8) -> Bool {
        switch b {
        case 32, 9, 34, 39, 91, 93, 40, 41, 60, 62, 44, 59, 123, 125, 124, 35: return true  // space tab " ' [ ] ( ) < > , ; { } | #
        default: return false
        }
    }

    func scanTokens(_ line: UnsafeBufferPointer<UInt8>, field: Field, number: Int, into matches: inout [Match]) {
        var start = 0
        let count = line.count
        var i = 0
        // What the key or word before says the next value is; a value uses it up.
        var pending: Field?
        while i <= count {
            // A comma ends a token, except in a URL, where it may belong to the path or query (a trailing one
            // is taken off in `classify`).
            if i == count || (Self.isDelimiter(line[i]) && !(line[i] == 44 && Self.holdsURL(UnsafeBufferPointer(rebasing: line[start..<i])))) {
                if i > start {
                    let token = UnsafeBufferPointer(rebasing: line[start..<i])
                    if let key = Self.keyField(token) {
                        // sshd's "from 1.2.3.4" and JSON's "remote_ip":"…": the word names the next value.
                        pending = key
                    } else if token.count == 1 && token[0] == 61 {
                        // Exim: "<= sender" (arrival), "=> recipient" (delivery).
                        if start > 0 && line[start - 1] == 60 { pending = .sender } else if i < count && line[i] == 62 { pending = .recipient }
                    } else if let equals = token.firstIndex(of: 61), equals > 0, Self.isKey(UnsafeBufferPointer(rebasing: token[..<equals])) {
                        // key=value (client=host[1.2.3.4], from=<a@b>, relay=mx[1.2.3.4]:25): the key names the value and what follows.
                        let key = Self.keyField(UnsafeBufferPointer(rebasing: token[..<equals]), asKey: true)
                        let value = UnsafeBufferPointer(rebasing: token[(equals + 1)...])
                        if value.count >= 3 { classify(value, field: key ?? pending ?? field, number: number, into: &matches) }
                        pending = key
                    } else if Self.isValueLike(token) {
                        classify(token, field: pending ?? field, number: number, into: &matches)
                        // A name in parentheses (Exim's HELO, BIND's "(name):") leaves the key for the value after it.
                        if start == 0 || line[start - 1] != 40 { pending = nil }
                    }
                }
                start = i + 1
            }
            i += 1
        }
    }

    /// Has a digit, dot, `@` or `:`, or is as long as a hash — other words are not values (and do
    /// not use up a key).
    @inline(__always)
    static func isValueLike(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        // JSON's ":" between key and value, BIND's "@0x7f3a" client handle.
        if token.first == 64 || token.allSatisfy({ $0 == 58 }) { return false }
        if token.count == 32 || token.count == 40 || token.count == 64 || token.count == 128 { return true }
        for b in token where b == 46 || b == 64 || b == 58 || (b >= 48 && b <= 57) { return true }
        return false
    }

    /// The part before `=` in `key=value`: a short word (letters, digits, `_`, `-`), not a URL's query.
    static func isKey(_ part: UnsafeBufferPointer<UInt8>) -> Bool {
        guard part.count <= 32 else { return false }
        return part.allSatisfy { b in let l = ByteKeys.lower(b); return (97...122).contains(l) || (48...57).contains(l) || l == 95 || l == 45 }
    }

    /// Looks at one token's shape and looks it up where it could be found.
    func classify(_ raw: UnsafeBufferPointer<UInt8>, field: Field, number: Int, into matches: inout [Match]) {
        var token = raw
        // Trailing sentence punctuation is not part of an address.
        while let last = token.last, last == 46 || last == 58 || last == 33 || last == 63 || last == 44 {
            if last == 58, token.dropLast().contains(58) { break }
            token = UnsafeBufferPointer(rebasing: token.dropLast())
        }
        guard token.count >= 3 else { return }
        var dots = 0, colons = 0, ats = 0, digitsOnly = true, hexOnly = true, equals = -1, slash = false, comma = -1
        for (n, b) in token.enumerated() {
            switch b {
            case 46: dots += 1; hexOnly = false
            case 58: colons += 1; digitsOnly = false
            case 64: ats += 1; digitsOnly = false; hexOnly = false
            case 61: if equals < 0 { equals = n }; digitsOnly = false; hexOnly = false
            case 47: slash = true; digitsOnly = false; hexOnly = false
            case 44: if comma < 0 { comma = n }; digitsOnly = false; hexOnly = false
            case 48...57: break
            case 97...102, 65...70: digitsOnly = false
            default: digitsOnly = false; hexOnly = false
            }
        }
        if slash && colons > 0 && token.count > 8 && Self.hasScheme(token) {
            // In a plain or CSV-like line a comma may end the URL rather than belong to it.
            if comma > 0, index.match(exact: token) == nil, let id = index.match(exact: UnsafeBufferPointer(rebasing: token[..<comma])) {
                matches.append(Match(line: number, indicator: id, field: field))
                return
            }
            lookupURL(token, field: field, number: number, into: &matches)
            return
        }
        if equals >= 0 {
            // key=value pairs (rhost=203.0.113.9, from=<a@b>): look at the value.
            let value = UnsafeBufferPointer(rebasing: token[(equals + 1)...])
            if value.count >= 3 { classify(value, field: field, number: number, into: &matches) }
            return
        }
        if colons == 1 && dots >= 1 && ats == 0 && !slash {
            // host:port (HAProxy's and Caddy's client, a proxy's CONNECT): the address or domain before the port.
            lookupHostPort(token, field: field, number: number, into: &matches)
            return
        }
        if digitsOnly && dots == 3 {
            lookupAddress(token, field: field, number: number, into: &matches)
        } else if colons >= 2 && (hexOnly || dots == 3) {
            lookupAddress(token, field: field, number: number, into: &matches)
        } else if ats == 1 {
            if let id = index.match(exact: token) { matches.append(Match(line: number, indicator: id, field: field)) }
        } else if hexOnly && dots == 0 && colons == 0 && (token.count == 32 || token.count == 40 || token.count == 64 || token.count == 128) {
            if let id = index.match(exact: token) { matches.append(Match(line: number, indicator: id, field: field)) }
        } else if dots >= 1 && !digitsOnly && colons == 0 {
            if let id = index.match(host: token) { matches.append(Match(line: number, indicator: id, field: field)) }
        }
    }

    /// Holds `://` (`key=http://…` too): a URL, whose commas are part of it.
    static func holdsURL(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        token.count > 3 && (0..<(token.count - 2)).contains { token[$0] == 58 && token[$0 + 1] == 47 && token[$0 + 2] == 47 }
    }

    static func hasScheme(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        guard token.count > 7 else { return false }
        let h = ByteKeys.lower(token[0])
        return (h == 104 || h == 102) && (0..<(min(token.count, 10) - 2)).contains { token[$0] == 58 && token[$0 + 1] == 47 && token[$0 + 2] == 47 }
    }
}
