import Crypto
import Foundation

/// Time-based one-time passwords (RFC 6238, HMAC-SHA1, 6 digits, 30 s steps) as authenticator apps use them.
///
/// Verification returns the time step that matched, so the caller can store it and refuse any code
/// from that step or an earlier one: a code that was used once cannot be replayed.
public struct TOTP: Sendable {
    public let secret: [UInt8]
    public static let digits = 6
    public static let period: TimeInterval = 30

    public init(secret: [UInt8]) { self.secret = secret }

    /// A new random 160-bit secret, the size RFC 4226 recommends.
    public static func newSecret() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<20).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    public static func step(at date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / period).rounded(.down))
    }

    public func code(step: Int64) -> String {
        var counter = UInt64(bitPattern: step).bigEndian
        let message = withUnsafeBytes(of: &counter) { Data($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let binary = (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        let value = binary % 1_000_000
        let text = String(value)
        return String(repeating: "0", count: Self.digits - text.count) + text
    }

    /// The step whose code matches, allowing one step of clock drift either way, and only steps
    /// after `lastUsedStep`; `nil` when the code is wrong, stale or already used.
    public func verify(_ candidate: String, at date: Date, lastUsedStep: Int64?) -> Int64? {
        let cleaned = candidate.filter { !$0.isWhitespace }
        guard cleaned.count == Self.digits, cleaned.allSatisfy(\.isASCII), cleaned.allSatisfy(\.isNumber) else { return nil }
        let now = Self.step(at: date)
        for step in [now, now - 1, now + 1] where step > (lastUsedStep ?? .min) {
            if constantTimeEquals(code(step: step), cleaned) { return step }
        }
        return nil
    }

    /// The `otpauth://` address an authenticator app reads (also from a QR code).
    public func provisioningURI(account: String, issuer: String) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~@"))
        let label = "\(issuer):\(account)".addingPercentEncoding(withAllowedCharacters: allowed.union([":"])) ?? account
        let iss = issuer.addingPercentEncoding(withAllowedCharacters: allowed) ?? issuer
        return "otpauth://totp/\(label)?secret=\(Base32.encode(secret))&issuer=\(iss)&algorithm=SHA1&digits=6&period=30"
    }
}

/// Compares two strings in time that depends only on their length.
public func constantTimeEquals(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var diff: UInt8 = 0
    for i in x.indices { diff |= x[i] ^ y[i] }
    return diff == 0
}
