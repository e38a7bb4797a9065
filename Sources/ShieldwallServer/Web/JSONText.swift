import Foundation

/// JSON written by hand where `JSONEncoder` costs too much (a bouncer's 100,000 decisions, rows for `json_each`).
enum JSONText {
    /// `s` as a JSON string, quotes included: `"` and `\` escaped, control characters as `\u00XX`.
    static func appendString(_ s: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), b]
            case 0..<0x20: bytes += Array(String(format: "\\u%04x", b).utf8)
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
