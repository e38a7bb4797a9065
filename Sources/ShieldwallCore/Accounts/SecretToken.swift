import Crypto
import Foundation

/// Random secrets handed to people once (API tokens, invitation links, session cookies, recovery codes)
/// and stored only as their SHA-256 digest, so a copy of the database does not let anyone sign in.
public struct SecretToken: Sendable, Equatable {
    /// What the person or tool holds.
    public let value: String

    /// Prefix of personal API tokens, so a leaked one is recognisable by secret scanners.
    public static let apiPrefix = "swp_"

    public init(value: String) { self.value = value }

    /// A new token of `bytes` random bytes, URL-safe, optionally prefixed.
    public static func generate(prefix: String = "", bytes: Int = 32) -> SecretToken {
        var generator = SystemRandomNumberGenerator()
        let raw = (0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return SecretToken(value: prefix + base64URL(raw))
    }

    /// A recovery code people can type: ten lower-case letters and digits in two groups, e.g. `k3f9q-2m8xa`.
    public static func recoveryCode() -> SecretToken {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        let chars = (0..<10).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return SecretToken(value: String(chars[0..<5]) + "-" + String(chars[5..<10]))
    }

    /// The hex SHA-256 digest stored in place of the token.
    public var digest: String { Self.digest(of: value) }

    public static func digest(of value: String) -> String {
        SHA256.hash(data: Data(value.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
