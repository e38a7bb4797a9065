/// CSV for downloads people open in spreadsheets.
public enum CSV {
    /// RFC 4180 quoting, and a leading `'` for values a spreadsheet would run as a formula.
    public static func field(_ value: String) -> String {
        var v = value
        if let first = v.first, "=+-@\t\r".contains(first), Int(v) == nil { v = "'" + v }
        guard v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return v }
        return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Rows joined with CRLF, as RFC 4180 says.
    public static func document(_ rows: [[String]]) -> String {
        rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}
