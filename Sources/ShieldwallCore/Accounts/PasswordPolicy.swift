import Foundation

/// What a new password must satisfy: long enough, short enough for Bcrypt, and not a known common one.
///
/// Bcrypt reads only the first 72 bytes of a password, so a longer one is refused rather than
/// silently truncated. The common-password list ships as a resource (`common-passwords.txt`); it
/// only needs entries of at least the minimum length, since shorter ones are refused anyway.
public struct PasswordPolicy: Sendable {
    public static let minimumLength = 12
    public static let maximumBytes = 72

    public enum Problem: Error, Equatable, Sendable {
        case tooShort(minimum: Int)
        case tooLong(maximumBytes: Int)
        case common
        case containsPersonalDetail
    }

    private let common: Set<String>

    public init(commonPasswords: Set<String>) {
        self.common = commonPasswords
    }

    /// The policy with the shipped list of common passwords.
    public static let shipped = PasswordPolicy(commonPasswords: loadShippedList())

    /// Checks a candidate, with the person's own details that must not be the password.
    public func check(_ password: String, personalDetails: [String] = []) -> Problem? {
        if password.count < Self.minimumLength { return .tooShort(minimum: Self.minimumLength) }
        if password.utf8.count > Self.maximumBytes { return .tooLong(maximumBytes: Self.maximumBytes) }
        let folded = password.lowercased()
        if common.contains(folded) || Set(folded).count <= 2 { return .common }
        for detail in personalDetails {
            let d = detail.lowercased().trimmingWhitespace()
            if d.count >= 4 && (folded.contains(d) || d.contains(folded)) { return .containsPersonalDetail }
        }
        return nil
    }

    static func loadShippedList() -> Set<String> {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt", subdirectory: "Resources"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { return [] }
        return Set(text.split(whereSeparator: \.isNewline).map { $0.lowercased() }.filter { !$0.hasPrefix("#") })
    }
}
