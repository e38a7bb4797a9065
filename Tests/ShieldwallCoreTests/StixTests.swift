import Foundation
import XCTest
@testable import ShieldwallCore

final class StixPatternTests: XCTestCase {
    func testWritesAndReadsBack() throws {
        for value in ["45.95.147.236", "45.95.147.0/24", "2001:db8::1", "evil.example", "https://evil.example/it's",
                      "a@evil.example", String(repeating: "ab", count: 16), String(repeating: "ab", count: 20), String(repeating: "ab", count: 32)] {
            let indicator = try IndicatorValue.normalise(value).get()
            XCTAssertEqual(try StixPattern.values(in: StixPattern.pattern(for: indicator)).get(), [indicator], value)
        }
    }

    func testReadsComparisonsJoinedByAndOr() throws {
        let values = try StixPattern.values(in: "[ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32'] OR [domain-name:value = 'Evil.Example']").get()
        XCTAssertEqual(values.map(\.value), ["198.51.100.1/32", "203.0.113.33/32", "evil.example"])
        XCTAssertEqual(try StixPattern.values(in: "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f' AND file:hashes.MD5 = '3773a88f65a5e780c8dff9cdc3a056f3']").get().map(\.type), [.sha256, .md5])
    }

    func testRefusesWhatItCannotUseWithAReason() {
        func problem(_ p: String) -> StixPattern.Problem? {
            if case .failure(let e) = StixPattern.values(in: p) { return e }
            return nil
        }
        XCTAssertEqual(problem("[x509-certificate:hashes.'SHA-256' = 'abc']"), .unsupported("'x509-certificate:hashes.'SHA-256'' is not a kind of indicator Shieldwall keeps"))
        XCTAssertEqual(problem("[url:value MATCHES '^http']"), .unsupported("operator 'MATCHES' is not supported (only =)"))
        XCTAssertEqual(problem("[ipv4-addr:value != '1.2.3.4']"), .unsupported("operator '!=' is not supported (only =)"))
        XCTAssertEqual(problem("[domain-name:value = 'a.example'] FOLLOWEDBY [domain-name:value = 'b.example']"),
                       .unsupported("'FOLLOWEDBY' is not supported (only = joined by AND/OR)"))
        XCTAssertEqual(problem("[domain-name:value = 'a.example'"), .syntax("unbalanced brackets"))
        XCTAssertEqual(problem("[domain-name:value = 'a.example"), .syntax("a quoted value is not closed"))
    }
}

final class StixReaderTests: XCTestCase {

    func read(_ name: String) throws -> StixReader.Result {
        try StixReader.read(try Data(contentsOf: Fixtures.stixOasis.appendingPathComponent(name))).get()
    }

    func testReadsTheAPT1Report() throws {
        let r = try read("apt1.json")
        XCTAssertEqual(r.reports.count, 1)
        XCTAssertEqual(r.indicators.count, 10, "CIDR ranges, domains and MD5 hashes")
        XCTAssertEqual(Set(r.indicators.flatMap(\.values).map(\.type)), [.cidr, .domain, .md5])
        XCTAssertTrue(r.indicators.flatMap(\.values).contains(IndicatorValue(type: .cidr, value: "223.166.0.0/15")))
        XCTAssertEqual(r.skipped.filter { $0.type == "indicator" }.count, 2, "the x509 certificate patterns")
        XCTAssertTrue(r.skipped.contains { $0.type == "indicator" && $0.reason.contains("x509-certificate") })
        XCTAssertEqual(r.skipped.count, 1 + 5 + 4 + 2 + 6 + 10 + 7 + 30, "everything else is listed, not dropped")
        XCTAssertEqual(r.errors, [])
        XCTAssertEqual(r.indicators.first?.tlp, .amber, "unmarked content is AMBER")
    }

    func testPoisonIvyHasOneMalformedPatternAndTheRestImports() throws {
        let r = try read("poisonivy.json")
        XCTAssertEqual(r.errors.count, 1)
        XCTAssertTrue(r.errors[0].reason.contains("domain autuo.xicp.net"), r.errors[0].reason)
        XCTAssertGreaterThan(r.indicators.count, 20)
        XCTAssertTrue(r.skipped.contains { $0.reason.contains("file:name") })
    }

    func testObservablesEmailsAndMarkings() throws {
        let infra = try read("infrastructure.json")
        XCTAssertEqual(Set(infra.indicators.flatMap(\.values).map(\.type)), [.ipv4, .domain])
        let mail = try read("malicious-email-indicator-with-attachment.json")
        XCTAssertEqual(mail.errors, [])
        XCTAssertEqual(mail.skipped.filter { $0.reason == "operator 'MATCHES' is not supported (only =)" }.count, 2, "MATCHES patterns are skipped with the reason")
        // A lone object (not a bundle) with an undefined marking: a clear error, nothing imported.
        let marked = try read("interop-objectmarking-test.json")
        XCTAssertEqual(marked.errors.first?.reason, "unknown marking definition marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ec")
    }

    func testReadsRFC3339Timestamps() {
        XCTAssertEqual(StixReader.parseDate("2016-05-12T08:17:27.000Z")?.timeIntervalSince1970, 1_463_041_047)
        XCTAssertEqual(StixReader.parseDate("2013-02-19T00:00:00.000000Z")?.timeIntervalSince1970, 1_361_232_000)
        XCTAssertEqual(StixReader.parseDate("2026-11-23T03:45:00+01:00")?.timeIntervalSince1970, 1_795_401_900)
        XCTAssertEqual(StixReader.parseDate("2000-02-29T12:00:00.5Z")?.timeIntervalSince1970, 951_825_600.5)
        for bad in ["2016-13-12T08:17:27Z", "2016-05-12 08:17:27Z", "2016-05-12T08:17:27", "yesterday", "2016-05-12T08:17:27.Z"] {
            XCTAssertNil(StixReader.parseDate(bad), bad)
        }
    }

    func testBadBundles() {
        func failure(_ text: String) -> StixReader.Failure? {
            if case .failure(let f) = StixReader.read(Data(text.utf8)) { return f }
            return nil
        }
        XCTAssertEqual(failure("[1, 2]"), .notJSON("the file does not start with a JSON object"))
        XCTAssertEqual(failure(#"{"type": "bundle", "objects": [{"type": "indicator""#), .notJSON("the JSON ends in the middle of a value (truncated?)"))
        XCTAssertEqual(failure(#"{"objects": []}"#), .notStix("there is no 'type' at the top level"))
        let mixed = try? StixReader.read(Data("""
            {"type": "bundle", "id": "bundle--6f1c5a3e-7a43-4f4e-9b3a-0d8f3f3a9c11", "objects": [
              {"type": "indicator", "pattern": "[ipv4-addr:value = '45.95.147.236']"},
              {"type": "indicator", "id": "indicator--1", "pattern": "[ipv4-addr:value = '45.95.147.236']"},
              {"type": "indicator", "id": "indicator--2b0d3d2c-7c3e-4c1a-9d33-8f6e2b9a1f10", "pattern": 42},
              {"type": "report", "id": "report--9a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "name": "Loop", "object_refs": ["report--9a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"]},
              {"type": "indicator", "id": "indicator--0d9c1f2e-3b4a-4c5d-9e6f-7a8b9c0d1e2f", "pattern": "[domain-name:value = 'ok.example']",
               "object_marking_refs": ["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"]}
            ]}
            """.utf8)).get()
        XCTAssertEqual(mixed?.errors.map(\.reason), ["indicator without an 'id'", "the id must be 'indicator--' followed by a UUID",
                                                     "an indicator needs a 'pattern' text"])
        XCTAssertEqual(mixed?.reports.first?.objectRefs.count, 1, "a report naming itself is read, not followed")
        XCTAssertEqual(mixed?.indicators.first?.tlp, .green, "TLP 1.0 GREEN recognised")
    }

    func testMarkingsDefinedLaterInTheBundleAreHonouredAndEachPartIsHandedOverOnce() throws {
        // 300 indicators, the first marked with a TLP 2.0 RED definition and the second with a CLEAR one, both
        // defined at the end under ids of their own.
        var objects = (0..<300).map { n in
            #"{"type": "indicator", "spec_version": "2.1", "id": "indicator--\#(String(format: "%08x", n))-3b4a-4c5d-9e6f-7a8b9c0d1e2f", "#
                + #""description": "\"marking-definition\" is only a word here", "pattern": "[ipv4-addr:value = '198.51.100.\#(n % 250)']""#
                + (n == 0 ? #", "object_marking_refs": ["marking-definition--11111111-3b4a-4c5d-9e6f-7a8b9c0d1e2f"]"# : "")
                + (n == 1 ? #", "object_marking_refs": ["marking-definition--22222222-3b4a-4c5d-9e6f-7a8b9c0d1e2f"]"# : "") + "}"
        }
        for (id, tlp) in [("11111111", "red"), ("22222222", "clear")] {
            objects.append(#"{"type": "marking-definition", "spec_version": "2.1", "id": "marking-definition--\#(id)-3b4a-4c5d-9e6f-7a8b9c0d1e2f", "#
                + #""extensions": {"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d": {"extension_type": "property-extension", "tlp_2_0": "\#(tlp)"}}}"#)
        }
        let bundle = #"{"type": "bundle", "id": "bundle--6f1c5a3e-7a43-4f4e-9b3a-0d8f3f3a9c11", "objects": ["# + objects.joined(separator: ",\n") + "]}"
        let handed = Handed()
        let r = try StixReader.read(Data(bundle.utf8), onIndicators: { handed.add($0) }).get()
        XCTAssertEqual(r.errors, [])
        XCTAssertEqual(r.skipped.map(\.reason), ["TLP:RED is for named people only and is never imported"])
        XCTAssertEqual(r.indicators.count, 299)
        XCTAssertEqual(r.indicators.first?.tlp, .clear, "a definition after its use is known")
        XCTAssertEqual(r.indicators.dropFirst().first?.tlp, .amber, "unmarked")
        XCTAssertEqual(handed.ids.sorted(), r.indicators.map(\.stixID).sorted(), "every indicator handed over once, none of the skipped")
    }

    private final class Handed: @unchecked Sendable {
        private let lock = NSLock()
        private var all: [String] = []
        func add(_ indicators: [StixReader.Indicator]) { lock.lock(); all += indicators.map(\.stixID); lock.unlock() }
        var ids: [String] { lock.lock(); defer { lock.unlock() }; return all }
    }

    func testStixIDsNeedAUUIDInEitherCase() {
        for good in ["0d9c1f2e-3b4a-4c5d-9e6f-7a8b9c0d1e2f", "0D9C1F2E-3B4A-4C5D-9E6F-7A8B9C0D1E2F"] {
            XCTAssertTrue(StixReader.isUUID(Substring(good).utf8), good)
            XCTAssertNotNil(UUID(uuidString: good), "the same as Foundation reads")
        }
        for bad in ["", "0d9c1f2e-3b4a-4c5d-9e6f-7a8b9c0d1e2", "0d9c1f2e-3b4a-4c5d-9e6f-7a8b9c0d1e2ff", "0d9c1f2e3b4a-4c5d-9e6f-7a8b9c0d1e2f0",
                    "0d9c1f2e-3b4a-4c5d-9e6f-7a8b9c0d1e2g", "0d9c1f2e_3b4a-4c5d-9e6f-7a8b9c0d1e2f", "{d9c1f2e-3b4a-4c5d-9e6f-7a8b9c0d1e2f}"] {
            XCTAssertFalse(StixReader.isUUID(Substring(bad).utf8), bad)
            XCTAssertNil(UUID(uuidString: bad), "the same as Foundation reads: \(bad)")
        }
    }

    /// Times are written byte by byte for years 1000 to 9999 and by interpolation outside them. From 1600 on
    /// they agree with Foundation's formatter (before 1582 it counts in the Julian calendar; ISO 8601 does not).
    func testTimesAreWrittenAsFoundationWritesThem() {
        let foundation = ISO8601DateFormatter()
        foundation.timeZone = TimeZone(identifier: "UTC")
        var generator = SystemRandomNumberGenerator()
        let samples = [0, -1, 86_399, 86_400, 951_782_400, 1_795_466_229, 253_402_300_799, -11_676_096_000]
            + (0..<2000).map { _ in Int.random(in: -11_676_096_000...253_402_300_799, using: &generator) }
        for seconds in samples {
            XCTAssertEqual(ISO8601.format(seconds), foundation.string(from: Date(timeIntervalSince1970: Double(seconds))), "\(seconds)")
        }
        XCTAssertEqual(ISO8601.format(-62_135_596_800), "1-01-01T00:00:00Z", "year 1: not padded, as before")
        XCTAssertEqual(ISO8601.format(253_402_300_800), "10000-01-01T00:00:00Z")
    }
}

final class StixImportPlanTests: XCTestCase {
    let day = Date(timeIntervalSince1970: 1_780_000_000)

    func indicator(_ id: String, _ value: String, _ tlp: TLP, modified: Date? = nil) -> StixReader.Indicator {
        StixReader.Indicator(stixID: "indicator--\(id)", name: value, values: [IndicatorValue(type: .domain, value: value)], tlp: tlp, modified: modified)
    }

    func report(_ id: String, _ tlp: TLP, refs: [String]) -> StixReader.Report {
        StixReader.Report(stixID: "report--\(id)", name: "Report \(id)", description: "", kind: "campaign", created: nil, modified: nil,
                          tlp: tlp, objectRefs: refs.map { "indicator--\($0)" })
    }

    func testAReportTakesWhatItNamesUnlessTheIndicatorIsMoreRestricted() {
        var read = StixReader.Result()
        read.indicators = [indicator("1", "a.example", .green), indicator("2", "b.example", .amber), indicator("3", "c.example", .clear)]
        read.reports = [report("r", .green, refs: ["1", "2", "3", "missing"])]
        let plan = StixImportPlan(read, source: "bundle--x")
        XCTAssertEqual(plan.entries.count, 2)
        XCTAssertEqual(plan.entries[0].report.stixID, "report--r")
        XCTAssertEqual(plan.entries[0].values.map(\.value), ["a.example", "c.example"], "the AMBER indicator stays out of a GREEN report")
        XCTAssertEqual(plan.entries[1].report.tlp, .amber)
        XCTAssertEqual(plan.entries[1].values.map(\.value), ["b.example"], "and goes into the bundle's own AMBER report")
    }

    func testIndicatorsNoReportNamesGoIntoOneReportPerMarkingThatAReImportFindsAgain() {
        var read = StixReader.Result()
        read.indicators = [indicator("1", "a.example", .green, modified: day), indicator("2", "b.example", .green, modified: day.addingTimeInterval(60)),
                           indicator("3", "c.example", .clear)]
        let plan = StixImportPlan(read, source: "bundle--x")
        XCTAssertEqual(plan.entries.map(\.report.tlp), [.clear, .green])
        XCTAssertEqual(plan.entries[1].values.map(\.value), ["a.example", "b.example"])
        XCTAssertEqual(plan.entries[1].report.modified, day.addingTimeInterval(60), "the newest indicator dates the report")
        XCTAssertEqual(plan.entries[0].report.modified, nil)
        XCTAssertEqual(StixImportPlan(read, source: "bundle--x").entries.map(\.report.stixID), plan.entries.map(\.report.stixID))
        XCTAssertNotEqual(StixImportPlan(read, source: "bundle--y").entries[1].report.stixID, plan.entries[1].report.stixID)
        let id = plan.entries[1].report.stixID
        XCTAssertTrue(id.hasPrefix("report--") && StixReader.isUUID(id.dropFirst(8).utf8), id)
    }

    func testAnIndicatorTwoReportsNameIsInBoth() {
        var read = StixReader.Result()
        read.indicators = [indicator("1", "a.example", .green)]
        read.reports = [report("r", .green, refs: ["1"]), report("s", .amber, refs: ["1"])]
        let plan = StixImportPlan(read, source: "bundle--x")
        XCTAssertEqual(plan.entries.map(\.values.count), [1, 1], "no loose report when every indicator found a home")
    }

    func testABundleWithoutAnIDIsNamedByItsContent() {
        let read = StixReader.Result()
        XCTAssertEqual(StixImportPlan.source(of: read, data: Data("{}".utf8)), "44136fa355b3678a")
        XCTAssertNotEqual(StixImportPlan.source(of: read, data: Data("{ }".utf8)), "44136fa355b3678a")
    }
}

final class StixBundleTests: XCTestCase {
    func testObjectsAreJSONThatReadsBackWithKeysInOrder() throws {
        let created = Date(timeIntervalSince1970: 1_795_000_000.25)
        let indicator = StixBundle.IndicatorObject(id: "indicator--6b6f2c0a-1f0e-4c1e-9a55-2a8f3c4d5e6f",
                                                   value: IndicatorValue(type: .url, value: "https://evil.example/a\"b\\c/d\u{1}é"),
                                                   created: created, validUntil: created.addingTimeInterval(86_400), confidence: 70, revoked: true, tlp: .amber)
        let text = String(decoding: StixBundle.object(indicator).bytes, as: UTF8.self)
        let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(parsed["name"] as? String, "https://evil.example/a\"b\\c/d\u{1}é", "escaped and read back whole")
        XCTAssertEqual(parsed["created"] as? String, "2026-11-18T11:06:40.250Z")
        XCTAssertEqual(parsed["confidence"] as? Int, 70)
        XCTAssertEqual(parsed["revoked"] as? Bool, true)
        XCTAssertEqual(parsed["object_marking_refs"] as? [String], [TLP.amber.stixMarkingID])
        XCTAssertTrue(text.contains(#"/d\u0001é""#), text)
        // Keys in byte order, so the same object always gives the same bytes.
        let keys = try XCTUnwrap(text.split(separator: ",").first)
        XCTAssertTrue(keys.hasPrefix(#"{"confidence":70"#), text)
        XCTAssertEqual(StixBundle.object(indicator).bytes, StixBundle.object(indicator).bytes)
        let marking = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(StixBundle.marking(.green).bytes)) as? [String: Any])
        XCTAssertEqual(marking["id"] as? String, TLP.green.stixMarkingID)
    }

    func testUUIDsAreWrittenAsFoundationWritesThemInLowerCase() {
        for _ in 0..<200 {
            let id = UUID()
            XCTAssertEqual(id.lowercaseText, id.uuidString.lowercased())
        }
        // Exports order indicators by UUID: the same order as their text.
        let ids = (0..<500).map { _ in UUID() }
        XCTAssertEqual(ids.sorted(), ids.sorted { $0.uuidString < $1.uuidString })
    }
}
