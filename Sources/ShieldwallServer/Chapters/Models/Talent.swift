import Fluent
import Foundation

/// Someone in a chapter (a student, a career changer) who publishes what they can do for the chapter's member firms
/// to see; withdrawn at any time (the row goes).
public final class TalentProfile: Model, @unchecked Sendable {
    public static let schema = "talent_profiles"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "community_id") public var community: Community
    @Parent(key: "person_id") public var person: Person
    @Field(key: "headline") public var headline: String
    @Field(key: "skills") public var skills: String
    @Field(key: "interests") public var interests: String
    @Field(key: "availability") public var availability: String
    /// `http(s)` addresses, one per line.
    @Field(key: "links") public var links: String
    @Field(key: "published") public var published: Bool
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}
}

/// An internship or apprenticeship a member firm offers in the chapter.
public final class JobOpening: Model, @unchecked Sendable {
    public static let schema = "job_openings"

    public enum Kind: String, StoredChoice { case internship, apprenticeship }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "community_id") public var community: Community
    @Parent(key: "organisation_id") public var organisation: Organisation
    @Choice(key: "kind") public var kind: Kind
    @Field(key: "title") public var title: String
    @Field(key: "description") public var description: String
    @Field(key: "link") public var link: String
    /// A calendar day.
    @Field(key: "closes_on") public var closesOn: String
    @Field(key: "open") public var open: Bool
    @OptionalParent(key: "created_by_id") public var createdBy: Person?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}
