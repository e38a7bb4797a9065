/// An e-mail address as people type it, checked and folded for comparison.
///
/// Uniqueness is case-insensitive over the whole address: `Ann@Shop.example` and `ann@shop.example`
/// are one person. The check is deliberately practical rather than RFC 5322 complete: one `@`, a
/// non-empty local part without spaces, a domain with a dot and only letters, digits, `-` and `.`.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address folded to lower case, as stored and compared.
    public let normalised: String

    public static let maximumLength = 254

    public enum Problem: Error, Equatable, Sendable {
        case empty, tooLong, malformed
    }

    public init(_ raw: String) throws(Problem) {
        let trimmed = raw.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw .empty }
        guard trimmed.utf8.count <= Self.maximumLength else { throw .tooLong }
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .malformed }
        let local = parts[0], domain = parts[1]
        guard !local.isEmpty, local.utf8.count <= 64,
              !local.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," || $0 == ";" || $0 == "\"" })
        else { throw .malformed }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ label in
            !label.isEmpty && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }) else { throw .malformed }
        normalised = trimmed.lowercased()
    }

    public var description: String { normalised }
}

extension StringProtocol {
    /// The string without leading and trailing white space and newlines.
    public func trimmingWhitespace() -> String {
        var scalars = Substring(self)[...]
        while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
