import Foundation
import XCTest
@testable import ShieldwallCore

final class TOTPTests: XCTestCase {
    /// RFC 6238 appendix B, SHA-1 secret "12345678901234567890"; the RFC lists 8 digits, we use the last 6.
    let rfc = TOTP(secret: Array("12345678901234567890".utf8))

    func testMatchesRFC6238Vectors() {
        let vectors: [(TimeInterval, String)] = [
            (59, "287082"), (1_111_111_109, "081804"), (1_111_111_111, "050471"),
            (1_234_567_890, "005924"), (2_000_000_000, "279037"), (20_000_000_000, "353130"),
        ]
        for (time, code) in vectors {
            XCTAssertEqual(rfc.code(step: TOTP.step(at: Date(timeIntervalSince1970: time))), code, "at \(time)")
        }
    }

    func testAcceptsOneStepOfDriftButNotTwo() {
        let now = Date(timeIntervalSince1970: 1_234_567_890)
        let step = TOTP.step(at: now)
        XCTAssertEqual(rfc.verify(rfc.code(step: step - 1), at: now, lastUsedStep: nil), step - 1)
        XCTAssertEqual(rfc.verify(rfc.code(step: step + 1), at: now, lastUsedStep: nil), step + 1)
        XCTAssertNil(rfc.verify(rfc.code(step: step - 2), at: now, lastUsedStep: nil), "a stale code is refused")
    }

    func testRefusesReplayOfAUsedStep() {
        let now = Date(timeIntervalSince1970: 1_234_567_890)
        let code = rfc.code(step: TOTP.step(at: now))
        let used = rfc.verify(code, at: now, lastUsedStep: nil)
        XCTAssertNotNil(used)
        XCTAssertNil(rfc.verify(code, at: now, lastUsedStep: used), "the same code cannot be used twice")
        XCTAssertNil(rfc.verify(rfc.code(step: TOTP.step(at: now) - 1), at: now, lastUsedStep: used), "nor an older one")
    }

    func testRefusesMalformedCodes() {
        let now = Date(timeIntervalSince1970: 59)
        for bad in ["", "28708", "2870822", "28708a", "２８７０８２", "287 08x"] {
            XCTAssertNil(rfc.verify(bad, at: now, lastUsedStep: nil), bad)
        }
        XCTAssertNotNil(rfc.verify(" 287 082 ", at: now, lastUsedStep: nil), "spaces are forgiven")
    }

    func testProvisioningURIForAuthenticatorApps() {
        let uri = rfc.provisioningURI(account: "ann@shop.example", issuer: "Shieldwall")
        XCTAssertTrue(uri.hasPrefix("otpauth://totp/Shieldwall:ann@shop.example?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"), uri)
        XCTAssertTrue(uri.contains("issuer=Shieldwall"))
    }

    func testBase32RoundTripAndRFC4648Vectors() {
        XCTAssertEqual(Base32.encode(Array("foobar".utf8)), "MZXW6YTBOI")
        XCTAssertEqual(Base32.encode(Array("f".utf8)), "MY")
        XCTAssertEqual(Base32.decode("mzxw 6ytb oi======"), Array("foobar".utf8))
        XCTAssertNil(Base32.decode("MZXW1"), "1 is not in the alphabet")
        let secret = TOTP.newSecret()
        XCTAssertEqual(secret.count, 20)
        XCTAssertEqual(Base32.decode(Base32.encode(secret)), secret)
    }
}
