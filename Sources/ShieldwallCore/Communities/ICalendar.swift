import Foundation

/// Writes RFC 5545 calendars for event feeds and `.ics` downloads: escaped text values, lines folded at
/// 75 octets, CRLF line ends, times in UTC.
public struct ICalendar: Sendable {
    public struct Event: Sendable, Equatable {
        public var uid: String
        public var start: Date
        public var end: Date
        public var summary: String
        public var description: String
        public var location: String
        public var url: String?
        public var cancelled: Bool
        public var updated: Date

        public init(uid: String, start: Date, end: Date, summary: String, description: String = "", location: String = "",
                    url: String? = nil, cancelled: Bool = false, updated: Date) {
            self.uid = uid
            self.start = start
            self.end = end
            self.summary = summary
            self.description = description
            self.location = location
            self.url = url
            self.cancelled = cancelled
            self.updated = updated
        }
    }

    public var name: String
    public var events: [Event]

    public init(name: String, events: [Event]) {
        self.name = name
        self.events = events
    }

    public func render(now: Date) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Shieldwall//Community calendar//EN", "CALSCALE:GREGORIAN",
                     "METHOD:PUBLISH", "X-WR-CALNAME:" + Self.escape(name)]
        for event in events {
            lines += ["BEGIN:VEVENT", "UID:" + Self.escape(event.uid), "DTSTAMP:" + Self.utc(now),
                      "LAST-MODIFIED:" + Self.utc(event.updated),
                      "DTSTART:" + Self.utc(event.start), "DTEND:" + Self.utc(event.end),
                      "SUMMARY:" + Self.escape(event.summary)]
            if !event.description.isEmpty { lines.append("DESCRIPTION:" + Self.escape(event.description)) }
            if !event.location.isEmpty { lines.append("LOCATION:" + Self.escape(event.location)) }
            if let url = event.url, !url.isEmpty { lines.append("URL:" + url.filter { !$0.isNewline }) }
            lines.append("STATUS:" + (event.cancelled ? "CANCELLED" : "CONFIRMED"))
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// TEXT values: backslash, semicolon, comma and line breaks escaped (RFC 5545 §3.3.11).
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r\n", "\n", "\r": out += "\\n"
            default: out.append(ch)
            }
        }
        return out
    }

    /// Lines longer than 75 octets continue on the next line after a space, never inside a character.
    static func fold(_ line: String) -> String {
        var result = ""
        var current = 0
        for ch in line {
            let size = String(ch).utf8.count
            if current + size > 75 {
                result += "\r\n "
                current = 1
            }
            result.append(ch)
            current += size
        }
        return result
    }

    static func utc(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return f.string(from: date)
    }
}
