/// Finds when a log line was written, for the first and last time an indicator was seen. Only lines
/// with a match are asked, so this may be slower than the scanner itself; it works on the bytes.
///
/// Recognised: web logs `[10/Oct/2026:13:55:36 -0700]`, ISO 8601 / RFC 3339 (`2026-11-23T06:11:01Z`,
/// `2026-11-23 06:11:01`, as RFC 5424 syslog, Exim and JSON logs write it; `2026/11/23 06:11:01`, as nginx's
/// error log does), Apache's error log `[Mon Nov 23 06:11:01.123456 2026]`, BIND `23-Nov-2026 06:11:01.123`,
/// BSD syslog `Nov 23 06:11:01` at the start (the year is the reference year, or the one before when
/// that would be in the future), and Caddy's `"ts":1763878261.12`.
public enum LogTime {
    static let months: [UInt32: Int] = {
        var m: [UInt32: Int] = [:]
        for (i, name) in ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].enumerated() {
            let b = Array(name.utf8)
            m[UInt32(b[0]) << 16 | UInt32(b[1]) << 8 | UInt32(b[2])] = i + 1
        }
        return m
    }()

    /// Seconds since 1970 (UTC), or nil when the line has no time this knows.
    /// `now` (seconds since 1970) decides the year of syslog lines, which have none.
    public static func find(in line: UnsafeBufferPointer<UInt8>, now: Int64) -> Int64? {
        if let t = syslog(line, now: now) { return t }
        var i = 0
        let n = line.count
        while i < n {
            let b = line[i]
            if b == 91, let t = webLog(line, at: i + 1) ?? apacheError(line, at: i + 1) { return t }  // [dd/Mon/yyyy:…, [Www Mmm dd …
            if isDigit(b) && (i == 0 || !isDigit(line[i - 1])) {
                if let t = iso(line, at: i) ?? bind(line, at: i) { return t }
            }
            if b == 34, i + 5 < n, line[i + 1] == 116, line[i + 2] == 115, line[i + 3] == 34, line[i + 4] == 58 {  // "ts":
                if let t = epoch(line, at: i + 5) { return t }
            }
            i += 1
        }
        return nil
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    static func num(_ line: UnsafeBufferPointer<UInt8>, _ from: Int, _ count: Int) -> Int? {
        guard from >= 0, from + count <= line.count else { return nil }
        var v = 0
        for i in from..<(from + count) {
            guard isDigit(line[i]) else { return nil }
            v = v * 10 + Int(line[i] - 48)
        }
        return v
    }

    static func month(_ line: UnsafeBufferPointer<UInt8>, _ at: Int) -> Int? {
        guard at + 3 <= line.count else { return nil }
        let key = UInt32(line[at] | 0x20) << 16 | UInt32(line[at + 1] | 0x20) << 8 | UInt32(line[at + 2] | 0x20)
        return months[key]
    }

    static func seconds(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int, offset: Int = 0) -> Int64? {
        guard (1...31).contains(d), h < 24, mi < 60, s < 61, (1970...2200).contains(y) else { return nil }
        return Int64(ISO8601.days(year: y, month: mo, day: d) * 86_400 + h * 3600 + mi * 60 + s - offset)
    }

    /// `10/Oct/2026:13:55:36 -0700]`
    static func webLog(_ line: UnsafeBufferPointer<UInt8>, at i: Int) -> Int64? {
        guard let d = num(line, i, 2), i + 20 < line.count, line[i + 2] == 47, let mo = month(line, i + 3), line[i + 6] == 47,
              let y = num(line, i + 7, 4), line[i + 11] == 58, let h = num(line, i + 12, 2), let mi = num(line, i + 15, 2),
              let s = num(line, i + 18, 2) else { return nil }
        var offset = 0
        if i + 26 < line.count, line[i + 20] == 32, line[i + 21] == 43 || line[i + 21] == 45,
           let oh = num(line, i + 22, 2), let om = num(line, i + 24, 2) {
            offset = (oh * 3600 + om * 60) * (line[i + 21] == 43 ? 1 : -1)
        }
        return seconds(y, mo, d, h, mi, s, offset: offset)
    }

    /// `2026-11-23T06:11:01[.123][Z|+01:00]` or with a space instead of `T` (then UTC unless an offset follows);
    /// `2026/11/23 06:11:01` too.
    static func iso(_ line: UnsafeBufferPointer<UInt8>, at i: Int) -> Int64? {
        guard let y = num(line, i, 4), i + 19 <= line.count, line[i + 4] == 45 || line[i + 4] == 47, let mo = num(line, i + 5, 2),
              line[i + 7] == line[i + 4],
              let d = num(line, i + 8, 2), line[i + 10] == 84 || line[i + 10] == 32, let h = num(line, i + 11, 2), line[i + 13] == 58,
              let mi = num(line, i + 14, 2), line[i + 16] == 58, let s = num(line, i + 17, 2), (1...12).contains(mo) else { return nil }
        var j = i + 19
        if j < line.count, line[j] == 46 || line[j] == 44 { j += 1; while j < line.count, isDigit(line[j]) { j += 1 } }
        var offset = 0
        if j + 5 < line.count, line[j] == 43 || line[j] == 45, let oh = num(line, j + 1, 2) {
            let om = line[j + 3] == 58 ? num(line, j + 4, 2) : num(line, j + 3, 2)
            offset = (oh * 3600 + (om ?? 0) * 60) * (line[j] == 43 ? 1 : -1)
        }
        return seconds(y, mo, d, h, mi, s, offset: offset)
    }

    /// `Mon Nov 23 06:11:01.123456 2026]` (Apache 2.4's error log; 2.2's has no fraction; the day may be padded
    /// with a space).
    static func apacheError(_ line: UnsafeBufferPointer<UInt8>, at i: Int) -> Int64? {
        guard i + 24 <= line.count, line[i + 3] == 32, let mo = month(line, i + 4), line[i + 7] == 32 else { return nil }
        let d: Int
        if line[i + 8] == 32, let one = num(line, i + 9, 1) { d = one } else if let two = num(line, i + 8, 2) { d = two } else { return nil }
        guard line[i + 10] == 32, let h = num(line, i + 11, 2), line[i + 13] == 58, let mi = num(line, i + 14, 2), line[i + 16] == 58,
              let s = num(line, i + 17, 2) else { return nil }
        var j = i + 19
        if j < line.count, line[j] == 46 { j += 1; while j < line.count, isDigit(line[j]) { j += 1 } }
        guard j + 5 < line.count, line[j] == 32, let y = num(line, j + 1, 4), line[j + 5] == 93 else { return nil }
        return seconds(y, mo, d, h, mi, s)
    }

    /// `23-Nov-2026 06:11:01.123` (BIND query logs).
    static func bind(_ line: UnsafeBufferPointer<UInt8>, at i: Int) -> Int64? {
        guard let d = num(line, i, 2), i + 20 <= line.count, line[i + 2] == 45, let mo = month(line, i + 3), line[i + 6] == 45,
              let y = num(line, i + 7, 4), line[i + 11] == 32, let h = num(line, i + 12, 2), line[i + 14] == 58,
              let mi = num(line, i + 15, 2), line[i + 17] == 58, let s = num(line, i + 18, 2) else { return nil }
        return seconds(y, mo, d, h, mi, s)
    }

    /// `Nov 23 06:11:01` (or `Nov  3`) at the start of the line.
    static func syslog(_ line: UnsafeBufferPointer<UInt8>, now: Int64) -> Int64? {
        guard line.count >= 15, let mo = month(line, 0), line[3] == 32 else { return nil }
        let d: Int
        if line[4] == 32, let one = num(line, 5, 1) { d = one } else if let two = num(line, 4, 2) { d = two } else { return nil }
        guard line[6] == 32, let h = num(line, 7, 2), line[9] == 58, let mi = num(line, 10, 2), line[12] == 58,
              let s = num(line, 13, 2) else { return nil }
        let year = Int(ISO8601.format(Int(now)).prefix(4)) ?? 1970
        guard let t = seconds(year, mo, d, h, mi, s) else { return nil }
        return t > now + 86_400 ? seconds(year - 1, mo, d, h, mi, s) : t
    }

    /// `1763878261.123` (seconds since 1970, as Caddy writes `ts`).
    static func epoch(_ line: UnsafeBufferPointer<UInt8>, at i: Int) -> Int64? {
        var j = i, v: Int64 = 0
        while j < line.count, isDigit(line[j]), j - i < 12 { v = v * 10 + Int64(line[j] - 48); j += 1 }
        return j - i >= 9 && j - i <= 11 ? v : nil
    }
}
