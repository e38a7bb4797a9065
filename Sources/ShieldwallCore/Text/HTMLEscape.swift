/// Text made safe to stand inside an HTML attribute value or element: `&`, both quotes, `<` and `>` become
/// entities. (Plot escapes text nodes but writes attribute values exactly as given.)
public enum HTMLEscape {
    public static func attribute(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.count)
        for ch in value {
            switch ch {
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(ch)
            }
        }
        return out
    }
}
