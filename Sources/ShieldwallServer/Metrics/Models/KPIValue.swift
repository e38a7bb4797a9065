import Fluent
import Foundation
import ShieldwallCore

/// A value a firm entered for one KPI and one month (the latest entry for the month wins). The firm's own.
public final class KPIValue: Model, @unchecked Sendable {
    public static let schema = "kpi_values"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "organisation_id") public var organisation: Organisation
    @Field(key: "kpi_id") public var kpiID: String
    /// `yyyy-MM`.
    @Field(key: "month") public var month: String
    @Field(key: "value") public var value: Double
    @OptionalParent(key: "entered_by_id") public var enteredBy: Person?
    @Field(key: "entered_at") public var enteredAt: Date

    public init() {}
}

/// KPIs with targets a community's facilitator proposed; the people taking part vote or comment; the facilitator
/// declares it agreed (the one before is superseded) or drops it.
public final class KPISet: Model, @unchecked Sendable {
    public static let schema = "kpi_sets"

    public enum Status: String, StoredChoice { case proposed, agreed, superseded, dropped }

    public struct Item: Codable, Sendable, Equatable {
        public let kpi: String
        public let target: Double
    }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "community_id") public var community: Community
    @Choice(key: "status") public var status: Status
    /// `[Item]` as JSON.
    @Field(key: "items") public var itemsJSON: String
    @Field(key: "note") public var note: String
    @OptionalParent(key: "proposed_by_id") public var proposedBy: Person?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "decided_at") public var decidedAt: Date?

    public init() {}

    func items() throws -> [Item] {
        guard let items = try? JSONDecoder().decode([Item].self, from: Data(itemsJSON.utf8)) else {
            throw UnreadableRow(table: Self.schema, row: id?.uuidString ?? "?", field: "items", value: String(itemsJSON.prefix(40)),
                                expected: ["a list of KPIs with targets as JSON"])
        }
        return items
    }

    func setItems(_ items: [Item]) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        itemsJSON = (try? encoder.encode(items)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }
}

/// One person's vote and comment on a proposed set (changed by answering again).
public final class KPISetResponse: Model, @unchecked Sendable {
    public static let schema = "kpi_set_responses"

    public enum Vote: String, StoredChoice { case agree, disagree, comment }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "set_id") public var set: KPISet
    @Parent(key: "person_id") public var person: Person
    @Choice(key: "vote") public var vote: Vote
    @Field(key: "comment") public var comment: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}
