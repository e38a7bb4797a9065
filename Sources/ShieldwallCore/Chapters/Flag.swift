import Crypto
import Foundation

/// A challenge's flag, kept only as a salted SHA-256 digest: the database never holds it, nobody (the organiser
/// included) can read it back, and a guess is compared in constant time.
public struct FlagDigest: Sendable, Equatable {
    public let salt: String
    public let digest: String

    public init(salt: String, digest: String) { self.salt = salt; self.digest = digest }

    /// The most a flag may be, in characters.
    public static let maxLength = 200

    public static func make(_ flag: String, salt: String = SecretToken.generate(bytes: 16).value) -> FlagDigest {
        FlagDigest(salt: salt, digest: hash(flag, salt: salt))
    }

    /// Whether `guess` is the flag. Surrounding spaces are ignored; case matters (`flag{Ab}` is not `flag{ab}`).
    public func matches(_ guess: String) -> Bool {
        Self.constantTimeEqual(Array(Self.hash(guess, salt: salt).utf8), Array(digest.utf8))
    }

    static func hash(_ flag: String, salt: String) -> String {
        SHA256.hash(data: Data((salt + "\u{0}" + flag.trimmingWhitespace()).utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Compares every byte whatever the first difference, so the time taken says nothing about how close a guess was.
    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}

/// How often a player may send a wrong flag: brute force is slowed to a crawl and every refusal is logged.
public enum FlagAttempts {
    public static let window: TimeInterval = 60
    public static let wrongPerWindow = 10

    public enum Decision: Sendable, Equatable {
        case allow
        /// Seconds until the oldest wrong attempt in the window falls out of it.
        case refuse(retryAfter: Int)
    }

    /// `wrong`: when this player sent wrong flags (any challenge of the event).
    public static func decide(wrong: [Date], now: Date) -> Decision {
        let recent = wrong.filter { now.timeIntervalSince($0) < window }.sorted()
        guard recent.count >= wrongPerWindow, let oldest = recent.first else { return .allow }
        return .refuse(retryAfter: max(1, Int((window - now.timeIntervalSince(oldest)).rounded(.up))))
    }
}
