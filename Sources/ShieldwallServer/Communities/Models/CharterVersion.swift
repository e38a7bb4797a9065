import Fluent
import Foundation

/// One version of a community's charter. Versions are never edited: a change is a new version,
/// which every member accepts again before they see content.
public final class CharterVersion: Model, @unchecked Sendable {
    public static let schema = "charter_versions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "community_id") public var community: Community
    @Field(key: "version") public var version: Int
    @Field(key: "text") public var text: String
    @OptionalParent(key: "author_id") public var author: Person?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(communityID: UUID, version: Int, text: String, authorID: UUID?, createdAt: Date) {
        self.$community.id = communityID
        self.version = version
        self.text = text
        self.$author.id = authorID
        self.createdAt = createdAt
    }
}

/// A person's acceptance of one charter version.
public final class CharterAcceptance: Model, @unchecked Sendable {
    public static let schema = "charter_acceptances"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "community_id") public var community: Community
    @Parent(key: "person_id") public var person: Person
    @Field(key: "version") public var version: Int
    @Field(key: "accepted_at") public var acceptedAt: Date

    public init() {}

    public init(communityID: UUID, personID: UUID, version: Int, acceptedAt: Date) {
        self.$community.id = communityID
        self.$person.id = personID
        self.version = version
        self.acceptedAt = acceptedAt
    }
}

extension CharterAcceptance {
    /// Listed here so that Fluent need not find them by reflection for every row it reads; kept equal to the
    /// declarations above by `ModelPropertiesTests`.
    public var properties: [any AnyProperty] { [$id, $community, $person, $version, $acceptedAt] }
}
