import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

final class IndicatorLinksTests: XCTestCase {
    func testBulkIdsAreTimeOrderedVersionFourAndWrittenAsFluentWritesThem() {
        let ids = SequentialID.next(10_000) + SequentialID.next(3)
        XCTAssertEqual(Set(ids).count, ids.count, "no id twice")
        XCTAssertEqual(ids.map(\.uuidString), ids.map(\.uuidString).sorted(), "each later than the one before, in the B-tree's order")
        let some = ids + [UUID(), UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))]
        XCTAssertEqual(some.map(\.upperText), some.map(\.uuidString))
        let texts = ids.map { Array($0.uuidString) }
        XCTAssertEqual(Set(texts.map { $0[14] }), ["4"], "version 4 layout")
        XCTAssertTrue(Set(texts.map { $0[19] }).isSubset(of: ["8", "9", "A", "B"]), "RFC 4122 variant")
        XCTAssertEqual(SequentialID.next(0), [])
    }

    func testLinkingFindsExistingValuesAndLinksEachOnce() async throws {
        try await withApp { world in
            let app = world.app
            let w = try await ConversationWorld.make(app)
            let values = (0..<1_203).map { IndicatorValue(type: .ipv4, value: "198.51.\($0 / 256).\($0 % 256)") }
                + [IndicatorValue(type: .domain, value: "evil.example"), IndicatorValue(type: .domain, value: "evil.example")]
            func publish(_ title: String, _ indicators: [String]) async throws -> ThreatReport {
                try await ReportActions.publish(.init(kind: "advisory", title: title, summary: "Addresses seen.", tlp: "amber", indicators: indicators),
                                                in: w.a, by: try w.signed(.asker), ctx: ActionContext(app))
            }
            // Every other one of the first thousand is known already, so each batch of 500 holds known and new values.
            let first = try await publish("First", values.prefix(1_000).enumerated().filter { $0.offset % 2 == 0 }.map(\.element.value))
            let second = try await publish("Second", [])
            try await IndicatorLinks.link(values, to: second.requireID(), at: Date(), on: app.db)
            try await IndicatorLinks.link(values, to: second.requireID(), at: Date(), on: app.db)
            expectEqual(try await Indicator.query(on: app.db).count(), 1_204, "one row per value, shared by both reports")
            expectEqual(try await ReportIndicator.query(on: app.db).filter(\.$report.$id == (try second.requireID())).count(), 1_204)
            expectEqual(try await ReportIndicator.query(on: app.db).filter(\.$report.$id == (try first.requireID())).count(), 500)
            let shared = try await Indicator.query(on: app.db).filter(\.$value == "198.51.0.8").firstOrFail()
            let links = try await ReportIndicator.query(on: app.db).filter(\.$indicator.$id == (try shared.requireID())).all()
            XCTAssertEqual(Set(links.map(\.$report.id)), [try first.requireID(), try second.requireID()], "read back through Fluent models")
        }
    }
}
