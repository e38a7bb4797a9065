import Foundation
import XCTest
@testable import ShieldwallCore

final class IndicatorValueTests: XCTestCase {
    func n(_ s: String, as t: IndicatorType? = nil) -> IndicatorValue? { try? IndicatorValue.normalise(s, as: t).get() }
    func problem(_ s: String, as t: IndicatorType? = nil) -> IndicatorValue.Problem? {
        if case .failure(let p) = IndicatorValue.normalise(s, as: t) { return p }
        return nil
    }

    func testPunycodeMatchesRFC3492Samples() {
        XCTAssertEqual(Punycode.encode("bücher"), "bcher-kva")
        XCTAssertEqual(Punycode.encode("münchen"), "mnchen-3ya")
        XCTAssertEqual(Punycode.encode("ليهمابتكلموشعربي؟"), "egbpdaj6bu4bxfgehfvwxn")  // RFC 3492 7.1 (A)
        XCTAssertEqual(Punycode.decode("egbpdaj6bu4bxfgehfvwxn"), "ليهمابتكلموشعربي؟")
        XCTAssertEqual(Punycode.decode("bcher-kva"), "bücher")
        XCTAssertNil(Punycode.decode("bcher-kva!"), "not a base-36 digit")
        XCTAssertNil(Punycode.decode("99999999999999"), "overflow is refused, not wrapped")
    }

    func testNormalisesEachType() {
        XCTAssertEqual(n("45.95.147[.]236"), IndicatorValue(type: .ipv4, value: "45.95.147.236"))
        XCTAssertEqual(n("2001:DB8:0:0:0:0:0:1"), IndicatorValue(type: .ipv6, value: "2001:db8::1"))
        XCTAssertEqual(n("45.95.147.7/24"), IndicatorValue(type: .cidr, value: "45.95.147.0/24"), "host bits masked")
        XCTAssertEqual(n("Evil-Shop.Example."), IndicatorValue(type: .domain, value: "evil-shop.example"))
        XCTAssertEqual(n("bücher-login(dot)de"), IndicatorValue(type: .domain, value: "xn--bcher-login-thb.de"), "IDNA to Punycode")
        XCTAssertEqual(n("hxxps://Login.Evil-Shop[.]example:443/Reset?id=1#top"),
                       IndicatorValue(type: .url, value: "https://login.evil-shop.example/Reset?id=1"), "scheme and host folded, default port and fragment dropped, path kept")
        XCTAssertEqual(n("http://[2001:DB8::1]:8080"), IndicatorValue(type: .url, value: "http://[2001:db8::1]:8080/"))
        XCTAssertEqual(n("Billing[@]evil-shop[.]example"), IndicatorValue(type: .email, value: "billing@evil-shop.example"))
        XCTAssertEqual(n(String(repeating: "AB", count: 16))?.type, .md5)
        XCTAssertEqual(n(String(repeating: "ab", count: 20))?.type, .sha1)
        XCTAssertEqual(n(String(repeating: "ab", count: 32))?.type, .sha256)
        XCTAssertEqual(n("45.95.147.236", as: .cidr), IndicatorValue(type: .cidr, value: "45.95.147.236/32"))
    }

    func testAnIPv4MappedAddressIsItsIPv4Address() {
        // Dual-stack servers log IPv4 clients as ::ffff:a.b.c.d: reported that way, it is the same indicator.
        let v4 = IndicatorValue(type: .ipv4, value: "45.95.147.236")
        XCTAssertEqual(n("::ffff:45.95.147.236"), v4)
        XCTAssertEqual(n("::FFFF:2D5F:93EC"), v4)
        XCTAssertEqual(n("::ffff:45.95.147.236", as: .ipv6), v4, "a STIX ipv6-addr holding one")
        XCTAssertEqual(n("::ffff:45.95.147.236", as: .cidr), IndicatorValue(type: .cidr, value: "45.95.147.236/32"))
        XCTAssertEqual(n("::ffff:45.95.147.7/120"), IndicatorValue(type: .cidr, value: "45.95.147.0/24"))
        XCTAssertEqual(n("::ffff:0:0/96"), IndicatorValue(type: .cidr, value: "0.0.0.0/0"))
        XCTAssertEqual(n("::ffff:0:0/95"), IndicatorValue(type: .cidr, value: "::fffe:0:0/95"), "wider than the mapped block: IPv6")
        XCTAssertEqual(n("::1:2d5f:93ec"), IndicatorValue(type: .ipv6, value: "::1:2d5f:93ec"), "not mapped")
        XCTAssertEqual(n("64:ff9b::2d5f:93ec")?.type, .ipv6, "NAT64 is another network's address")
        XCTAssertNil(n("::ffff:45.95.147.236", as: .domain))
    }

    func testRefusesBadValuesWithAReason() {
        XCTAssertEqual(problem("   "), .empty)
        XCTAssertEqual(problem("fe80::1%eth0"), .zoneID)
        XCTAssertEqual(problem("xn--zz-!!.example"), .invalidPunycode)
        XCTAssertEqual(problem("xn--a.example"), .invalidPunycode)
        XCTAssertEqual(problem("javascript://alert(1)"), .unsupportedScheme)
        XCTAssertEqual(problem(String(repeating: "a", count: 48)), .unsupportedHashLength(48))
        XCTAssertEqual(problem("http://" + String(repeating: "a", count: 3000) + ".example"), .tooLong)
        XCTAssertEqual(problem("evil.example", as: .ipv4), .typeMismatch(found: .domain))
        XCTAssertEqual(problem("300.1.2.3"), .unrecognised)
        XCTAssertEqual(problem("45.95.147.0/33"), .unrecognised)
        XCTAssertEqual(problem("http://exa mple.com/"), .unrecognised)
    }

    func testExtractsFromAPhishingEmailsHeaders() throws {
        let headers = """
        Return-Path: <invoices@paypa1-billing[.]com>
        Received: from mail.paypa1-billing.com (unknown [45.95.147.236])
            by mx.corner-bakery.example with ESMTP; Tue, 3 Nov 2026 09:12:01 +0000
        From: "PayPal Billing" <invoices@paypa1-billing[.]com>
        Subject: Your invoice is overdue
        Body: please pay at hxxps://paypa1-billing[.]com/pay?ref=8812, see invoice.pdf
        X-Originating-IP: 10.1.2.3
        Attachment SHA256: 9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08
        """
        let found = try IndicatorExtractor.extract(headers, warnings: .shipped).get()
        let values = found.map(\.indicator)
        XCTAssertEqual(values.first, IndicatorValue(type: .url, value: "https://paypa1-billing.com/pay?ref=8812"))
        XCTAssertTrue(values.contains(IndicatorValue(type: .domain, value: "paypa1-billing.com")))
        XCTAssertTrue(values.contains(IndicatorValue(type: .email, value: "invoices@paypa1-billing.com")))
        XCTAssertTrue(values.contains(IndicatorValue(type: .ipv4, value: "45.95.147.236")))
        XCTAssertTrue(values.contains(IndicatorValue(type: .sha256, value: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")))
        XCTAssertEqual(values.filter { $0.value == "invoices@paypa1-billing.com" }.count, 1, "de-duplicated")
        XCTAssertEqual(found.first { $0.indicator.value == "10.1.2.3" }?.notes, [.warningList("Private network (RFC 1918)")])
        XCTAssertEqual(found.first { $0.indicator.value == "invoice.pdf" }?.notes, [.looksLikeFileName])
        XCTAssertEqual(found.first { $0.indicator.value == "mx.corner-bakery.example" }?.notes,
                       [.warningList("Reserved top-level domain (RFC 2606)")], "the recipient's own relay on a reserved name is flagged")
    }

    func testExtractionLimits() {
        XCTAssertEqual(try? IndicatorExtractor.extract("no indicators here at all").get(), [])
        if case .failure(let p) = IndicatorExtractor.extract(String(repeating: "a", count: IndicatorExtractor.maxTextBytes + 1)) {
            XCTAssertEqual(p, .textTooLong(limit: IndicatorExtractor.maxTextBytes))
        } else { XCTFail("too long text accepted") }
    }
}

final class WarningListTests: XCTestCase {
    func reason(_ s: String) -> String? { WarningList.shipped.reason(for: try! IndicatorValue.normalise(s).get()) }

    func testShippedListLoadsEveryLine() throws {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "warning-list", withExtension: "txt", subdirectory: "Resources"))
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertNoThrow(try WarningList.parse(text))
        XCTAssertThrowsError(try WarningList.parse("cidr 10.0.0.0/99 broken")) { error in
            XCTAssertEqual(error as? WarningList.LineProblem, WarningList.LineProblem(line: 1, text: "cidr 10.0.0.0/99 broken"))
        }
    }

    func testFlagsWhatMustNeverBeBlocked() {
        XCTAssertEqual(reason("192.168.1.20"), "Private network (RFC 1918)")
        XCTAssertEqual(reason("10.0.0.0/7"), "Private network (RFC 1918)", "a range that contains a private range")
        XCTAssertEqual(reason("8.8.8.8"), "Google Public DNS resolver")
        XCTAssertEqual(reason("fd00::1"), "IPv6 unique local addresses")
        XCTAssertEqual(reason("mail.google.com"), "Very common domain")
        XCTAssertNil(reason("notgoogle.com"))
        XCTAssertEqual(reason("https://dropbox.com/"), "File sharing (block the exact URL instead)")
        XCTAssertNil(reason("https://www.dropbox.com/s/abc/invoice.zip"), "one page on a common host may be blocked")
        XCTAssertEqual(reason("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), "SHA-256 of an empty file")
        XCTAssertNil(reason("45.95.147.236"))
        let own = WarningList.shipped.adding(IndicatorValue(type: .domain, value: "corner-bakery.co.uk"), reason: "Member firm")
        XCTAssertEqual(own.reason(for: IndicatorValue(type: .domain, value: "shop.corner-bakery.co.uk")), "Member firm")
    }
}

final class ReportAccessTests: XCTestCase {
    let community = UUID(), other = UUID(), author = UUID(), authorFirm = UUID(), colleague = UUID()
    let member = UUID(), memberFirm = UUID(), outsider = UUID(), outsiderFirm = UUID(), named = UUID()

    func report(_ tlp: TLP, anonymous: Bool = false) -> ReportFacts {
        ReportFacts(tlp: tlp, communityID: community, authorID: author, authorOrganisationID: authorFirm, anonymous: anonymous,
                    recipients: tlp == .red ? [named] : [])
    }

    var viewers: [String: ReportViewer] {
        [
            "author": ReportViewer(personID: author, organisationID: authorFirm, contentCommunities: [community]),
            "colleague": ReportViewer(personID: colleague, organisationID: authorFirm, contentCommunities: [community]),
            "member": ReportViewer(personID: member, organisationID: memberFirm, contentCommunities: [community]),
            "named": ReportViewer(personID: named, organisationID: memberFirm, contentCommunities: [community]),
            "other community": ReportViewer(personID: outsider, organisationID: outsiderFirm, contentCommunities: [other]),
            "no community": ReportViewer(personID: UUID(), organisationID: nil, contentCommunities: []),
            "signed out": .signedOut,
        ]
    }

    func testTLPTable() {
        let expected: [TLP: Set<String>] = [
            .clear: ["author", "colleague", "member", "named", "other community", "no community"],
            .green: ["author", "colleague", "member", "named", "other community"],
            .amber: ["author", "colleague", "member", "named"],
            .amberStrict: ["author", "colleague", "member", "named"],
            .red: ["author", "named"],
        ]
        for tlp in TLP.allCases {
            let seeing = Set(viewers.filter { ReportAccess.canSee(report(tlp), $0.value) }.keys)
            XCTAssertEqual(seeing, expected[tlp], tlp.label)
        }
    }

    func testAnonymousReportsNameTheAuthorOnlyToTheirFirm() {
        let r = report(.amber, anonymous: true)
        let naming = Set(viewers.filter { ReportAccess.canSeeAuthor(r, $0.value) }.keys)
        XCTAssertEqual(naming, ["author", "colleague"])
        XCTAssertEqual(Set(viewers.filter { ReportAccess.canSeeAuthor(report(.amber), $0.value) }.keys), ["author", "colleague", "member", "named"])
    }

    func testRedistribution() {
        XCTAssertEqual(TLP.allCases.filter { ReportAccess.mayCarry($0, on: .beyondInstance) }, [.clear, .green, .amber])
        XCTAssertEqual(TLP.allCases.filter { ReportAccess.mayCarry($0, on: .holdersOwnFeed) }, [.clear, .green, .amber, .amberStrict])
    }

    func testTLPLabelsAndStixIDs() {
        XCTAssertEqual(TLP(label: "TLP:AMBER+STRICT"), .amberStrict)
        XCTAssertEqual(TLP(label: "white"), .clear)
        XCTAssertEqual(TLP(stixMarkingID: "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"), .amber, "TLP 1.0 AMBER")
        XCTAssertEqual(TLP(stixMarkingID: TLP.red.stixMarkingID), .red)
        XCTAssertNil(TLP(stixMarkingID: "marking-definition--00000000-0000-4000-8000-000000000000"))
    }
}

final class IndicatorLifecycleTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func evidence(reporting: Int = 1, sighting: Int = 0, firms: Int = 1, expert: Bool = false, daysAgo: Double = 1,
                  retracted: Bool = false) -> IndicatorEvidence {
        IndicatorEvidence(reportingFirms: reporting, recentSightingFirms: sighting, firmsReportedOrSighted: firms,
                          expertConfirmed: expert, lastActivity: now.addingTimeInterval(-daysAgo * 86_400), retracted: retracted)
    }

    func testConfidenceGrowsWithIndependentEvidence() {
        XCTAssertEqual(IndicatorLifecycle.confidence(evidence()), 40)
        XCTAssertEqual(IndicatorLifecycle.confidence(evidence(reporting: 2)), 60)
        XCTAssertEqual(IndicatorLifecycle.confidence(evidence(expert: true)), 65)
        XCTAssertEqual(IndicatorLifecycle.confidence(evidence(reporting: 4, sighting: 9, expert: true)), 100, "capped")
        XCTAssertEqual(IndicatorLifecycle.confidence(evidence(sighting: 2)), 50)
        XCTAssertEqual(IndicatorLifecycle.confidence(evidence(reporting: 3, retracted: true)), 0)
    }

    func testBlocklistRule() {
        let rule = BlocklistRule()
        func v(_ e: IndicatorEvidence, _ type: IndicatorType = .ipv4, warning: String? = nil, allow: Bool = false) -> BlocklistRule.Verdict {
            rule.verdict(e, type: type, now: now, warning: warning, allowlisted: allow)
        }
        XCTAssertEqual(v(evidence()), .notEnoughEvidence, "one firm alone is not enough")
        XCTAssertEqual(v(evidence(firms: 2)), .listed, "a report and another firm's sighting")
        XCTAssertEqual(v(evidence(expert: true)), .listed, "an expert's confirmation")
        XCTAssertEqual(v(evidence(firms: 5), warning: "Private network"), .warningList("Private network"))
        XCTAssertEqual(v(evidence(firms: 5), allow: true), .memberAllowlist)
        XCTAssertEqual(v(evidence(firms: 5, daysAgo: 31)), .expired, "IP addresses live 30 days")
        XCTAssertEqual(v(evidence(firms: 5, daysAgo: 31), .domain), .listed, "domains 90")
        XCTAssertEqual(v(evidence(firms: 5, daysAgo: 364), .sha256), .listed, "hashes 365")
        XCTAssertEqual(v(evidence(firms: 5, retracted: true)), .retracted)
    }

    func testBlocklistFormats() {
        let e = BlocklistEntry(indicator: IndicatorValue(type: .url, value: "http://evil.example/a,b"), confidence: 60,
                               firstSeen: Date(timeIntervalSince1970: 0), lastSeen: Date(timeIntervalSince1970: 86_399),
                               expires: Date(timeIntervalSince1970: 1_800_000_000))
        XCTAssertEqual(BlocklistFormat.plain.render([e]), "http://evil.example/a,b\n")
        var linked = e
        linked.indicator = IndicatorValue(type: .email, value: "-x@evil.example")
        linked.link = "https://shieldwall.example/indicators/0A2C6C2E-6F0B-4E57-9E38-2C3F0F1B9D11"
        XCTAssertEqual(BlocklistFormat.csv.render([e, linked]), """
            value,type,confidence,first_seen,last_seen,expires,link
            "http://evil.example/a,b",url,60,1970-01-01T00:00:00Z,1970-01-01T23:59:59Z,2027-01-15T08:00:00Z,
            '-x@evil.example,email,60,1970-01-01T00:00:00Z,1970-01-01T23:59:59Z,2027-01-15T08:00:00Z,https://shieldwall.example/indicators/0A2C6C2E-6F0B-4E57-9E38-2C3F0F1B9D11

            """)
        // `scan` reads the download back as it was meant: the quoted value whole, the formula guard gone, the page.
        let read = IndicatorFile.parse(BlocklistFormat.csv.render([e, linked]), threads: 1)
        XCTAssertEqual(read.indicators.map(\.value), ["http://evil.example/a,b", "-x@evil.example"])
        XCTAssertEqual(read.skipped, [])
        XCTAssertEqual([read.link(0), read.link(1)], [nil, linked.link])
        XCTAssertEqual(BlocklistFormat.csvField("=cmd()"), "'=cmd()")
        XCTAssertEqual(IndicatorFile.parse("value,type\n" + BlocklistFormat.csvField("-a,b@evil.example") + ",email\n", threads: 1).indicators.map(\.value),
                       ["-a,b@evil.example"], "guarded and quoted")
        let range = BlocklistEntry(indicator: IndicatorValue(type: .cidr, value: "193.142.146.0/24"), confidence: 85, firstSeen: Date(timeIntervalSince1970: 0),
                                   lastSeen: Date(timeIntervalSince1970: 0), expires: Date(timeIntervalSince1970: 90_000))
        XCTAssertEqual(BlocklistFormat.crowdsec.render([e, range], now: Date(timeIntervalSince1970: 0)), """
            value,scope,type,duration,reason
            193.142.146.0/24,Range,ban,25h,shieldwall confidence 85

            """, "addresses and ranges only, as bans until they expire")
    }
}
