import Fluent
import Foundation
import ShieldwallCore

/// An item of a community's resource library: a link, a short guide (markdown) or an uploaded file
/// (stored under the data directory as `stored_name`, never under the name it was uploaded with).
public final class LibraryResource: Model, @unchecked Sendable {
    public static let schema = "resources"

    public enum Kind: String, StoredChoice { case link, guide, file }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "community_id") public var community: Community
    @Parent(key: "added_by_id") public var addedBy: Person
    @Choice(key: "kind") public var kind: Kind
    @Field(key: "title") public var title: String
    @Field(key: "description") public var description: String
    @OptionalField(key: "url") public var url: String?
    @OptionalField(key: "body") public var body: String?
    @OptionalField(key: "file_name") public var fileName: String?
    @OptionalField(key: "content_type") public var contentType: String?
    @OptionalField(key: "size") public var size: Int?
    @OptionalField(key: "stored_name") public var storedName: String?
    @Field(key: "tags") public var tags: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public var tagList: [String] { Tags.read(tags) }
}
