import Foundation
import ShieldwallCore
import XCTest

final class FederationTests: XCTestCase {
    func testWhatMayBePulledFollowsTheMarkingTheOperatorChoseAndTheAgreement() {
        for tlp in TLP.allCases {
            XCTAssertEqual(FederationAccess.mayPull(tlp, highest: .green, amberAgreed: true), tlp <= .green, tlp.label)
            XCTAssertEqual(FederationAccess.mayPull(tlp, highest: .amber, amberAgreed: false), tlp <= .green, tlp.label)
            XCTAssertEqual(FederationAccess.mayPull(tlp, highest: .amber, amberAgreed: true), tlp <= .amber, tlp.label)
            XCTAssertEqual(FederationAccess.mayPull(tlp, highest: .clear, amberAgreed: true), tlp == .clear, tlp.label)
            // Nothing the operator can choose lets AMBER+STRICT or RED in.
            XCTAssertFalse(FederationAccess.mayPull(.amberStrict, highest: .red, amberAgreed: true))
            XCTAssertFalse(FederationAccess.mayPull(.red, highest: .red, amberAgreed: true))
        }
        XCTAssertEqual(TLP.allCases.filter { FederationAccess.mayReshare($0, operatorAllows: true) }, [.clear, .green])
        XCTAssertTrue(TLP.allCases.allSatisfy { !FederationAccess.mayReshare($0, operatorAllows: false) })
    }

    func testAPeerReadsClearAndGreenEverywhereAndAmberOnlyWhereTheCommunityAgreed() {
        let agreed = UUID(), other = UUID(), author = UUID()
        let peer = ReportViewer(personID: UUID(), organisationID: nil, contentCommunities: [agreed], peerInstance: true)
        func report(_ tlp: TLP, in community: UUID) -> ReportFacts {
            ReportFacts(tlp: tlp, communityID: community, authorID: author, authorOrganisationID: nil, anonymous: false, recipients: [peer.personID!])
        }
        XCTAssertEqual(TLP.allCases.filter { ReportAccess.canSee(report($0, in: agreed), peer) }, [.clear, .green, .amber])
        XCTAssertEqual(TLP.allCases.filter { ReportAccess.canSee(report($0, in: other), peer) }, [.clear, .green])
    }

    func testSecretsOpenOnlyWithTheirKey() throws {
        let key = try XCTUnwrap(SealedSecret(keyText: "a federation key of at least 32 characters"))
        let sealed = try key.seal("swf_secret token")
        XCTAssertFalse(sealed.contains("secret"))
        XCTAssertNotEqual(sealed, try key.seal("swf_secret token"), "a fresh nonce each time")
        XCTAssertEqual(try key.open(sealed), "swf_secret token")
        let other = try XCTUnwrap(SealedSecret(keyText: "another federation key, also 32 characters long"))
        XCTAssertThrowsError(try other.open(sealed)) { XCTAssertEqual($0 as? SealedSecret.Failure, .cannotOpen) }
        XCTAssertThrowsError(try key.open("not base64 at all"))
        XCTAssertNil(SealedSecret(keyText: "too short"))
    }

    func testPullsBackOffAfterFailuresAndHonourRetryAfter() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        XCTAssertEqual(PullSchedule.next(after: now, intervalMinutes: 60, failures: 0).timeIntervalSince(now), 3_600)
        XCTAssertEqual(PullSchedule.next(after: now, intervalMinutes: 60, failures: 1).timeIntervalSince(now), 7_200)
        XCTAssertEqual(PullSchedule.next(after: now, intervalMinutes: 60, failures: 3).timeIntervalSince(now), 28_800)
        XCTAssertEqual(PullSchedule.next(after: now, intervalMinutes: 60, failures: 40).timeIntervalSince(now), PullSchedule.longestWait)
        XCTAssertEqual(PullSchedule.next(after: now, intervalMinutes: 5, failures: 1, retryAfter: 3_000).timeIntervalSince(now), 3_000)
        XCTAssertEqual(PullSchedule.retryAfter("120", now: now), 120)
        XCTAssertEqual(PullSchedule.retryAfter("Fri, 15 Jan 2027 09:00:00 GMT", now: now), 3_600)
        XCTAssertNil(PullSchedule.retryAfter("soon", now: now))
        XCTAssertNil(PullSchedule.retryAfter(nil, now: now))
    }

    func testAnEnvelopeIsSortedByMarkingAndRevocation() throws {
        let envelope = """
            {"more": true, "next": "page-2", "objects": [
              {"type": "marking-definition", "id": "\(TLP.amber.stixMarkingID)"},
              \(indicator("1", "198.51.100.1", .clear)), \(indicator("2", "198.51.100.2", .green)), \(indicator("3", "198.51.100.3", .amber)),
              \(indicator("4", "198.51.100.4", .amberStrict)), \(indicator("5", "198.51.100.5", .red)),
              {"type": "indicator", "id": "indicator--00000000-0000-4000-8000-000000000006", "pattern": "[ipv4-addr:value = '198.51.100.6']"},
              \(indicator("7", "203.0.113.7", .green, revoked: true)),
              {"type": "report", "id": "report--00000000-0000-4000-8000-000000000008", "revoked": true,
               "object_marking_refs": ["\(TLP.clear.stixMarkingID)"]},
              {"type": "report", "id": "report--00000000-0000-4000-8000-000000000009", "name": "Phishing wave",
               "object_marking_refs": ["\(TLP.green.stixMarkingID)"],
               "object_refs": ["indicator--00000000-0000-4000-8000-000000000002", "indicator--00000000-0000-4000-8000-000000000007"]}
            ]}
            """
        let green = try PulledObjects.read(Data(envelope.utf8), highest: .green, amberAgreed: false)
        XCTAssertTrue(green.more)
        XCTAssertEqual(green.next, "page-2")
        XCTAssertEqual(green.content, 3, "the CLEAR and GREEN indicators and the GREEN report")
        XCTAssertEqual(green.withheld, [.amber: 2, .amberStrict: 1, .red: 1], "an unmarked object is AMBER")
        XCTAssertEqual(green.revokedValues.map(\.value), ["203.0.113.7"])
        XCTAssertEqual(green.revokedReports, ["report--00000000-0000-4000-8000-000000000008"])
        XCTAssertEqual(green.reportIDs, ["report--00000000-0000-4000-8000-000000000009"])
        XCTAssertEqual(green.importable.count, green.kept.count + 1, "the revoked indicator the report names goes with it")
        let alone = try PulledObjects.read(Data("{\"objects\": [\(indicator("7", "203.0.113.7", .green, revoked: true))]}".utf8), highest: .green,
                                           amberAgreed: false)
        XCTAssertEqual(alone.revokedValues.map(\.value), ["203.0.113.7"])
        XCTAssertTrue(alone.importable.isEmpty, "a revoked indicator no report here names is not imported")
        let amber = try PulledObjects.read(Data(envelope.utf8), highest: .amber, amberAgreed: true)
        XCTAssertEqual(amber.content, 5)
        XCTAssertEqual(amber.importable.count, amber.kept.count + 1, "the revoked indicator the report names goes with it")
        XCTAssertEqual(amber.withheld, [.amberStrict: 1, .red: 1])
        let bundle = try JSONSerialization.jsonObject(with: PulledObjects.bundle(amber.kept, id: "bundle--x")) as? [String: Any]
        XCTAssertEqual((bundle?["objects"] as? [Any])?.count, 6, "the marking definition travels with them")
        for (garbage, failure) in [("<html>", PulledObjects.Failure.notJSON), ("[1, 2]", .notEnvelope("not a JSON object")),
                                   ("{\"objects\": {}}", .notEnvelope("'objects' is not a list")),
                                   ("{\"more\": \"yes\"}", .notEnvelope("'more' is not true or false")),
                                   ("{\"objects\": [1]}", .notEnvelope("objects[0] is not an object"))] {
            XCTAssertThrowsError(try PulledObjects.read(Data(garbage.utf8), highest: .green, amberAgreed: false), garbage) {
                XCTAssertEqual($0 as? PulledObjects.Failure, failure, garbage)
            }
        }
        XCTAssertEqual(try PulledObjects.read(Data("{\"more\": false}".utf8), highest: .green, amberAgreed: false).content, 0)
    }

    private func indicator(_ n: String, _ address: String, _ tlp: TLP, revoked: Bool = false) -> String {
        """
        {"type": "indicator", "id": "indicator--00000000-0000-4000-8000-00000000000\(n)", "pattern": "[ipv4-addr:value = '\(address)']",
         "pattern_type": "stix", "object_marking_refs": ["\(tlp.stixMarkingID)"]\(revoked ? ", \"revoked\": true" : "")}
        """
    }
}
