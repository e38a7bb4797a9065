import Foundation
import XCTest
@testable import ShieldwallCore

final class AccountRulesTests: XCTestCase {
    func testOrganisationSizeClasses() {
        XCTAssertEqual(try OrganisationSize.classify(staff: 0).get(), .micro)
        XCTAssertEqual(try OrganisationSize.classify(staff: 9).get(), .micro)
        XCTAssertEqual(try OrganisationSize.classify(staff: 10).get(), .small)
        XCTAssertEqual(try OrganisationSize.classify(staff: 49).get(), .small)
        XCTAssertEqual(try OrganisationSize.classify(staff: 50).get(), .medium)
        XCTAssertEqual(try OrganisationSize.classify(staff: 249).get(), .medium)
        XCTAssertEqual(OrganisationSize.classify(staff: 250), .failure(.tooLarge(limit: 249)))
        XCTAssertEqual(OrganisationSize.classify(staff: -1), .failure(.negative))
    }

    func testEmailAddressesAreCheckedAndFolded() throws {
        XCTAssertEqual(try EmailAddress("  Ann@Shop.Example ").normalised, "ann@shop.example")
        XCTAssertEqual(try EmailAddress("a.b+tag@sub.shop.example").normalised, "a.b+tag@sub.shop.example")
        for bad in ["ann", "ann@", "@shop.example", "ann@shop", "ann@@shop.example", "ann @shop.example",
                    "ann@shop..example", "ann@-shop.example", "a<b>@shop.example", "ann@shöp.example"] {
            XCTAssertThrowsError(try EmailAddress(bad), bad)
        }
        XCTAssertThrowsError(try EmailAddress("")) { XCTAssertEqual($0 as? EmailAddress.Problem, .empty) }
        XCTAssertThrowsError(try EmailAddress(String(repeating: "a", count: 250) + "@x.example")) {
            XCTAssertEqual($0 as? EmailAddress.Problem, .tooLong)
        }
    }

    func testPasswordPolicy() {
        let policy = PasswordPolicy.shipped
        XCTAssertEqual(policy.check("short"), .tooShort(minimum: 12))
        XCTAssertEqual(policy.check(String(repeating: "ab1", count: 30)), .tooLong(maximumBytes: 72))
        XCTAssertEqual(policy.check("Password1234"), .common, "the shipped list is case-insensitive")
        XCTAssertEqual(policy.check("qwertyuiop123"), .common)
        XCTAssertEqual(policy.check("aaaaaaaaaaaaaaaa"), .common, "one or two characters repeated")
        XCTAssertEqual(policy.check("sarah-hartley-2026", personalDetails: ["Sarah"]), .containsPersonalDetail)
        XCTAssertNil(policy.check("river otter lantern"))
    }

    func testSignInThrottleLimits() {
        let throttle = SignInThrottle()
        let now = Date(timeIntervalSince1970: 10_000)
        let five = (1...5).map { now.addingTimeInterval(-Double($0)) }
        XCTAssertEqual(throttle.decide(addressFailures: five, accountFailures: five, now: now), .allow)
        let six = five + [now.addingTimeInterval(-30)]
        XCTAssertEqual(throttle.decide(addressFailures: six, accountFailures: [], now: now), .refuse(scope: .address, retryAfter: 30))
        // Thirty in the hour, spread so no minute has six.
        let spread = (0..<30).map { now.addingTimeInterval(-Double($0) * 100 - 70) }
        guard case .refuse(.address, let wait) = throttle.decide(addressFailures: spread, accountFailures: [], now: now) else {
            return XCTFail("30 failures an hour from one address are refused")
        }
        XCTAssertGreaterThan(wait, 60)
        let account = (0..<100).map { now.addingTimeInterval(-Double($0) * 30 - 61) }
        if case .refuse(.account, _) = throttle.decide(addressFailures: [], accountFailures: account, now: now) {} else {
            XCTFail("100 failures an hour for one account are refused")
        }
        let old = (0..<200).map { now.addingTimeInterval(-3700 - Double($0)) }
        XCTAssertEqual(throttle.decide(addressFailures: old, accountFailures: old, now: now), .allow, "old failures are forgotten")
    }

    func testSecretTokensAreRandomPrefixedAndStoredAsDigests() {
        let a = SecretToken.generate(prefix: SecretToken.apiPrefix), b = SecretToken.generate(prefix: SecretToken.apiPrefix)
        XCTAssertNotEqual(a, b)
        XCTAssertTrue(a.value.hasPrefix("swp_"))
        XCTAssertEqual(a.digest.count, 64)
        XCTAssertFalse(a.digest.contains(a.value))
        XCTAssertEqual(SecretToken.digest(of: "abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let code = SecretToken.recoveryCode().value
        XCTAssertEqual(code.count, 11)
        XCTAssertEqual(code.filter { $0 == "-" }.count, 1)
    }

    func testAccountAccess() {
        let admin = Viewer(personID: "p1", organisationID: "o1", organisationRole: .admin, isOperator: false)
        let staff = Viewer(personID: "p2", organisationID: "o1", organisationRole: .staff, isOperator: false)
        let expert = Viewer(personID: "p3", organisationID: nil, organisationRole: nil, isOperator: false)
        let op = Viewer(personID: "p4", organisationID: nil, organisationRole: nil, isOperator: true)
        XCTAssertTrue(AccountAccess.canView(organisation: "o1", viewer: staff))
        XCTAssertFalse(AccountAccess.canManage(organisation: "o1", viewer: staff))
        XCTAssertTrue(AccountAccess.canManage(organisation: "o1", viewer: admin))
        XCTAssertFalse(AccountAccess.canView(organisation: "o2", viewer: admin))
        XCTAssertFalse(AccountAccess.canView(organisation: "o1", viewer: expert))
        XCTAssertTrue(AccountAccess.canManage(organisation: "o2", viewer: op))
        XCTAssertFalse(AccountAccess.canView(organisation: "o1", viewer: nil))
        XCTAssertFalse(AccountAccess.canOperate(viewer: admin))
        XCTAssertTrue(AccountAccess.canOperate(viewer: op))
    }
}
