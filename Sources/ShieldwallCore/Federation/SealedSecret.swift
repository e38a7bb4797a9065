import Crypto
import Foundation

/// A peer's credentials as stored: AES-256-GCM under a key the operator keeps in the environment
/// (`SHIELDWALL_FEDERATION_KEY`), never in the database. Without the key a stolen database or backup gives
/// nothing; with a different key opening fails rather than answering garbage.
public struct SealedSecret: Sendable {
    public let key: SymmetricKey

    /// The key from the operator's text: at least 32 characters (say `openssl rand -base64 32`), stretched
    /// with SHA-256 so any such text gives a 256-bit key. Nil for a shorter text.
    public init?(keyText: String) {
        guard keyText.count >= 32 else { return nil }
        key = SymmetricKey(data: SHA256.hash(data: Data(keyText.utf8)))
    }

    /// The secret sealed with a fresh nonce, as base64 (nonce, ciphertext and tag).
    public func seal(_ secret: String) throws -> String {
        guard let combined = try AES.GCM.seal(Data(secret.utf8), using: key).combined else { throw Failure.cannotSeal }
        return combined.base64EncodedString()
    }

    /// The secret back, or `Failure.cannotOpen` for text sealed under another key, changed, or not sealed at all.
    public func open(_ sealed: String) throws -> String {
        guard let data = Data(base64Encoded: sealed), let box = try? AES.GCM.SealedBox(combined: data),
              let plain = try? AES.GCM.open(box, using: key) else { throw Failure.cannotOpen }
        return String(decoding: plain, as: UTF8.self)
    }

    public enum Failure: Error, Equatable { case cannotSeal, cannotOpen }
}
