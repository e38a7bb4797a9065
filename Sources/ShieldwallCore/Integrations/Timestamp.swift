import Foundation

/// Times as tools write them: RFC 3339 / ISO 8601 with or without fractions of a second (CrowdSec writes nine digits),
/// with `Z`, `+00:00` or `+0000` (Wazuh, Suricata). Read by hand: Foundation's parsers each take only some of these.
public enum Timestamp {
    public static func parse(_ text: String) -> Date? {
        let b = Array(text.trimmingWhitespace().utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var n = 0
            for c in b[from..<(from + count)] {
                guard (48...57).contains(c) else { return nil }
                n = n * 10 + Int(c - 48)
            }
            return n
        }
        guard b.count >= 19, let year = number(0, 4), b[4] == 45, let month = number(5, 2), b[7] == 45, let day = number(8, 2),
              b[10] == 84 || b[10] == 116 || b[10] == 32, let hour = number(11, 2), b[13] == 58, let minute = number(14, 2), b[16] == 58,
              let second = number(17, 2), (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var i = 19
        var fraction = 0.0
        if i < b.count, b[i] == 46 {
            i += 1
            var scale = 0.1
            let start = i
            while i < b.count, (48...57).contains(b[i]) { fraction += Double(b[i] - 48) * scale; scale /= 10; i += 1 }
            guard i > start else { return nil }
        }
        var offset = 0
        if i < b.count {
            if b[i] == 90 || b[i] == 122 { i += 1 } else if b[i] == 43 || b[i] == 45 {
                let sign = b[i] == 45 ? -1 : 1
                guard let h = number(i + 1, 2) else { return nil }
                var j = i + 3
                if j < b.count, b[j] == 58 { j += 1 }
                guard let m = number(j, 2), h < 24, m < 60 else { return nil }
                offset = sign * (h * 3600 + m * 60)
                i = j + 2
            } else { return nil }
        }
        guard i == b.count else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        guard let utc = TimeZone(identifier: "UTC") else { return nil }
        calendar.timeZone = utc
        let parts = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard calendar.date(from: parts).map({ calendar.component(.day, from: $0) == day }) == true, let date = calendar.date(from: parts) else { return nil }
        return date.addingTimeInterval(fraction - Double(offset))
    }
}
