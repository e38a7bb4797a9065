import Foundation

/// `@name` mentions. People have display names, not user names, so a person's handle is their display
/// name in lower case with runs of anything but letters and digits turned into one `-`: "Priya Shah" →
/// `@priya-shah`. Mentions are resolved among the people of the thread's community only, so a mention
/// can never reach, or reveal, someone outside it.
public enum Mentions {
    public static func handle(for displayName: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in displayName.lowercased().unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return out
    }

    /// Handles mentioned in a text, in order, each once. An `@` inside a word (an e-mail address) is not a mention.
    public static func handles(in text: String) -> [String] {
        var found: [String] = []
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            defer { i += 1 }
            guard scalars[i] == "@" else { continue }
            if i > 0, CharacterSet.alphanumerics.contains(scalars[i - 1]) { continue }
            var j = i + 1
            var handle = ""
            while j < scalars.count, CharacterSet.alphanumerics.contains(scalars[j]) || scalars[j] == "-" {
                handle.unicodeScalars.append(scalars[j]); j += 1
            }
            while handle.hasSuffix("-") { handle.removeLast() }
            let lowered = handle.lowercased()
            if !lowered.isEmpty, !found.contains(lowered) { found.append(lowered) }
            i = j - 1
        }
        return found
    }
}
