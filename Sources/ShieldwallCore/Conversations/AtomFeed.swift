import Foundation

/// An Atom 1.0 document (RFC 4287) of text entries, XML-escaped. Written by hand: it is twenty lines,
/// and none of the available packages writes Atom.
public struct AtomFeed: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var id, title, link, author: String
        public var updated: Date
        public var summary: String
        public init(id: String, title: String, link: String, author: String, updated: Date, summary: String) {
            self.id = id; self.title = title; self.link = link; self.author = author; self.updated = updated; self.summary = summary
        }
    }

    public var id, title, link: String
    public var updated: Date
    public var entries: [Entry]

    public init(id: String, title: String, link: String, updated: Date, entries: [Entry]) {
        self.id = id; self.title = title; self.link = link; self.updated = updated; self.entries = entries
    }

    public static func escape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            // XML 1.0 has no place for most control characters; they are dropped.
            case _ where scalar.value < 0x20 && scalar != "\n" && scalar != "\t" && scalar != "\r": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    public var xml: String {
        let time = ISO8601DateFormatter()
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        out += "<id>\(Self.escape(id))</id>\n<title>\(Self.escape(title))</title>\n<link href=\"\(Self.escape(link))\"/>\n"
        out += "<updated>\(time.string(from: updated))</updated>\n<generator>Shieldwall</generator>\n"
        for e in entries {
            out += "<entry>\n<id>\(Self.escape(e.id))</id>\n<title>\(Self.escape(e.title))</title>\n<link href=\"\(Self.escape(e.link))\"/>\n"
            out += "<author><name>\(Self.escape(e.author))</name></author>\n<updated>\(time.string(from: e.updated))</updated>\n"
            out += "<summary type=\"text\">\(Self.escape(e.summary))</summary>\n</entry>\n"
        }
        return out + "</feed>\n"
    }
}
