import Fluent
import Foundation
import ShieldwallCore

/// An external course: offered to the whole instance (no community) by the operator, or in one community by its
/// facilitator or experts; a draft until its author publishes it.
public final class TrainingCourse: Model, @unchecked Sendable {
    public static let schema = "training_courses"

    public enum Status: String, StoredChoice { case draft, published, withdrawn }

    @ID(key: .id) public var id: UUID?
    @OptionalParent(key: "community_id") public var community: Community?
    @Choice(key: "status") public var status: Status
    @Field(key: "provider") public var provider: String
    @Field(key: "minutes") public var minutes: Int
    /// `[ExternalCourseVersion]` as JSON, one per language, at least one.
    @Field(key: "versions") public var versionsJSON: String
    @Parent(key: "author_id") public var author: Person
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    var key: CourseKey? { id.map(CourseKey.external) }

    /// The versions, or an error naming the row (stored versions are only ever written by `setVersions`).
    func versions() throws -> [ExternalCourseVersion] {
        guard let list = try? JSONDecoder().decode([ExternalCourseVersion].self, from: Data(versionsJSON.utf8)), !list.isEmpty else {
            throw UnreadableRow(table: Self.schema, row: id?.uuidString ?? "?", field: "versions", value: String(versionsJSON.prefix(40)),
                                expected: ["a list of course versions as JSON"])
        }
        return list
    }

    func setVersions(_ list: [ExternalCourseVersion]) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        versionsJSON = (try? encoder.encode(list.sorted { $0.language < $1.language })).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    var offer: (community: UUID?, published: Bool) { ($community.id, status == .published) }
}
