/// How each kind of value a log line holds is looked up in the index: an address, a `host:port`, a URL, a
/// web line's referrer.
extension LogScanner {
    @inline(__always)
    func lookupAddress(_ token: UnsafeBufferPointer<UInt8>, field: Field, number: Int, into matches: inout [Match]) {
        if let a = IPAddress.v4(token) {
            if let id = index.match(v4: a) { matches.append(Match(line: number, indicator: id, field: field)) }
        } else if token.contains(58), let a = IPAddress.v6(token) {
            // An IPv4 client as a dual-stack socket gives it (`::ffff:203.0.113.9`: Node.js, Java, Dovecot) is that
            // IPv4 address, and is looked for as one too.
            var id: Int32?
            if let v4 = a.mappedV4 { id = index.match(v4: v4) }
            if let found = id ?? index.match(v6: a) { matches.append(Match(line: number, indicator: found, field: field)) }
        } else if field == .client, let id = index.match(host: token) {
            // Logs written with host names instead of addresses.
            matches.append(Match(line: number, indicator: id, field: field))
        }
    }

    /// `host:port` (`198.51.100.7:51234`, `evil.example:443`, `[2001:db8::1]:443`): the address or domain
    /// before a port of one to five digits. Anything else is not looked up.
    func lookupHostPort(_ token: UnsafeBufferPointer<UInt8>, field: Field, number: Int, into matches: inout [Match]) {
        guard let colon = token.lastIndex(of: 58), colon > 0, (2...6).contains(token.count - colon),
              token[(colon + 1)...].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return }
        if token[0] == 91 {  // [v6]:port
            guard colon > 2, token[colon - 1] == 93 else { return }
            lookupAddress(UnsafeBufferPointer(rebasing: token[1..<(colon - 1)]), field: field, number: number, into: &matches)
            return
        }
        lookupHost(UnsafeBufferPointer(rebasing: token[..<colon]), v6: false, field: field, number: number, into: &matches)
    }

    /// A web line's referrer, as `lookupURL`; one this thread has looked up before is answered from `recent`.
    @inline(__always)
    func lookupReferrer(_ url: UnsafeBufferPointer<UInt8>, number: Int, recent: RecentReferrers?, into matches: inout [Match]) {
        guard let recent else { return lookupURL(url, field: .referrer, number: number, into: &matches) }
        let hash = ByteKeys.wordHash(url)
        let found: RecentReferrers.Found
        if let known = recent.find(url, hash: hash) {
            found = known
        } else {
            let before = matches.count
            lookupURL(url, field: .referrer, number: number, hash: hash, into: &matches)
            let match = matches.count > before ? matches.removeLast() : nil
            found = match.map { $0.field == .referrer ? .url($0.indicator) : .host($0.indicator) } ?? .nothing
            recent.keep(url, hash: hash, found: found)
        }
        switch found {
        case .nothing: break
        case .url(let id): matches.append(Match(line: number, indicator: id, field: .referrer))
        case .host(let id): matches.append(Match(line: number, indicator: id, field: .host))
        }
    }

    /// A URL: the whole URL exactly, then its host (address or domain); `hash`: the URL's `ByteKeys.wordHash`,
    /// when the caller has it.
    func lookupURL(_ url: UnsafeBufferPointer<UInt8>, field: Field, number: Int, hash: UInt64? = nil, into matches: inout [Match]) {
        if let id = index.match(exact: url, hash: hash) {
            matches.append(Match(line: number, indicator: id, field: field))
            return
        }
        // One pass: the scheme's "://", then the authority up to its end, noting `@` and colons on the way.
        let n = url.count
        var k = 0
        while k + 2 < n && !(url[k] == 58 && url[k + 1] == 47 && url[k + 2] == 47) { k += 1 }
        guard k + 2 < n else { return }
        var start = k + 3, end = start, colons = 0, lastColon = -1
        while end < n {
            let b = url[end]
            if b == 47 || b == 63 || b == 35 || b == 44 { break }  // / ? # and a comma, which no host holds
            if b == 64 { start = end + 1; colons = 0; lastColon = -1 }  // user:pass@
            else if b == 58 { colons += 1; lastColon = end }
            end += 1
        }
        guard start < end else { return }
        // Whether the host has a colon (an IPv6 address), known from the count without another pass over it.
        var v6 = colons > 1
        if url[start] == 91, let close = UnsafeBufferPointer(rebasing: url[start..<end]).firstIndex(of: 93) {  // [v6]:port
            end = start + close
            start += 1
            v6 = UnsafeBufferPointer(rebasing: url[start..<end]).contains(58)
        } else if colons == 1 {  // host:port
            end = lastColon
        }
        lookupHost(UnsafeBufferPointer(rebasing: url[start..<end]), v6: v6, field: .host, number: number, into: &matches)
    }

    /// A URL's or a `host:port`'s host: an address (`v6`: it has a colon, known to the caller), else a domain.
    func lookupHost(_ host: UnsafeBufferPointer<UInt8>, v6: Bool, field: Field, number: Int, into matches: inout [Match]) {
        guard let first = host.first else { return }
        if (first >= 48 && first <= 57 && IPAddress.v4(host) != nil) || v6 {
            lookupAddress(host, field: field, number: number, into: &matches)
        } else if let id = index.match(host: host) {
            matches.append(Match(line: number, indicator: id, field: field))
        }
    }
}
