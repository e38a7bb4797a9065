import Foundation
import XCTest
@testable import ShieldwallCore

/// Each log format, with real-shaped lines: the value is found and named by the field it sits in.
final class ScanFormatTests: XCTestCase {
    func fields(_ line: String, _ values: [String]) -> [String: LogScanner.Field] {
        let index = IndicatorIndex(values.compactMap { try? ScanIndicator.recognise($0).get() })
        let scanner = LogScanner(index: index)
        var matches: [LogScanner.Match] = []
        Array((line + "\n").utf8).withUnsafeBytes { _ = scanner.scan($0, format: .auto, into: &matches) }
        // A value found twice on a line keeps the field that says most.
        return Dictionary(matches.map { (index.indicators[Int($0.indicator)].value, $0.field) }) { a, b in a == .token ? b : a }
    }

    func testPostfix() {
        XCTAssertEqual(fields("Nov 23 06:11:01 mx postfix/smtpd[2211]: 4F1A2C3D: client=unknown[91.92.240.17]", ["91.92.240.17"]),
                       ["91.92.240.17": .client])
        XCTAssertEqual(fields("Nov 23 06:11:02 mx postfix/qmgr[1]: 4F1A2C3D: from=<billing@royalmail-redelivery.net>, size=5120, nrcpt=1 (queue active)",
                              ["billing@royalmail-redelivery.net"]), ["billing@royalmail-redelivery.net": .sender])
        XCTAssertEqual(fields("Nov 23 06:11:03 mx postfix/smtp[3]: 4F1A2C3D: to=<ann@shop.example>, relay=mx.evil.example[203.0.113.9]:25, delay=0.4, status=sent",
                              ["evil.example", "203.0.113.9", "ann@shop.example"]),
                       ["ann@shop.example": .recipient, "evil.example": .relay, "203.0.113.9": .relay])
        XCTAssertEqual(fields("Nov 23 06:11:04 mx postfix/smtpd[2211]: connect from unknown[91.92.240.17]", ["91.92.240.17"]), ["91.92.240.17": .client])
    }

    func testExim() {
        XCTAssertEqual(fields("2026-11-23 06:11:01 1vAbCd-000Ab1-2x <= billing@royalmail-redelivery.net H=(mail.example) [91.92.240.17] P=esmtp S=5120",
                              ["billing@royalmail-redelivery.net", "91.92.240.17"]),
                       ["billing@royalmail-redelivery.net": .sender, "91.92.240.17": .client])
        XCTAssertEqual(fields("2026-11-23 06:11:02 1vAbCd-000Ab1-2x => victim@evil.example R=dnslookup T=remote_smtp H=mx.evil.example [203.0.113.9]",
                              ["victim@evil.example", "203.0.113.9"]),
                       ["victim@evil.example": .recipient, "203.0.113.9": .client])
    }

    func testBindAndDnsmasq() {
        XCTAssertEqual(fields("23-Nov-2026 06:11:01.123 queries: info: client @0x7f3a 192.0.2.10#53001 (c2.evil.example): query: c2.evil.example IN A +E(0) (192.0.2.1)",
                              ["192.0.2.10", "evil.example"]), ["192.0.2.10": .client, "evil.example": .query])
        XCTAssertEqual(fields("Nov 23 06:11:01 gw dnsmasq[812]: query[A] c2.evil.example from 192.168.1.5", ["evil.example", "192.168.1.5"]),
                       ["evil.example": .query, "192.168.1.5": .client])
        XCTAssertTrue(fields("Nov 23 06:11:01 gw dnsmasq[812]: reply notevil.example is 1.2.3.4", ["evil.example"]).isEmpty, "label boundaries")
    }

    func testJSONLines() {
        let nginx = #"{"time_local":"23/Nov/2026:06:11:01 +0000","remote_addr":"185.220.101.47","request":"POST /login HTTP/1.1","status":401,"http_referer":"https://evil.example/x","http_host":"shop.example"}"#
        XCTAssertEqual(fields(nginx, ["185.220.101.47", "evil.example"]), ["185.220.101.47": .client, "evil.example": .host], "the host of a URL, as in combined logs")
        let caddy = #"{"level":"info","ts":1763878261.12,"logger":"http.log.access","msg":"handled request","request":{"remote_ip":"185.220.101.47","remote_port":"51234","proto":"HTTP/2.0","method":"GET","host":"shop.example","uri":"/"},"status":200}"#
        XCTAssertEqual(fields(caddy, ["185.220.101.47"]), ["185.220.101.47": .client])
    }

    func testSshd() {
        XCTAssertEqual(fields("Mar 27 13:08:09 ip-10-77-20-248 sshd[1361]: Failed password for invalid user admin from 85.245.107.41 port 54259 ssh2",
                              ["85.245.107.41"]), ["85.245.107.41": .client])
        XCTAssertEqual(fields("Mar 27 13:08:10 host sshd[1]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=85.245.107.41",
                              ["85.245.107.41"]), ["85.245.107.41": .client])
    }
}
