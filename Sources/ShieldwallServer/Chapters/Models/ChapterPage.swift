import Fluent
import Foundation

/// What a city chapter shows everyone, signed in or not, once its facilitator publishes it.
public final class ChapterPage: Model, @unchecked Sendable {
    public static let schema = "chapter_pages"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "community_id") public var community: Community
    @Field(key: "published") public var published: Bool
    /// Markdown: what the chapter is, who it is for, how to take part.
    @Field(key: "about") public var about: String
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public init(communityID: UUID, published: Bool, about: String, updatedAt: Date) {
        self.$community.id = communityID
        self.published = published
        self.about = about
        self.updatedAt = updatedAt
    }
}

/// An event of a chapter open to everyone: visitors register for it without an account.
public final class PublicEvent: Model, @unchecked Sendable {
    public static let schema = "public_events"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "event_id") public var event: CommunityEvent
    @Parent(key: "community_id") public var community: Community
    /// An employer-led session names the firm that leads it.
    @OptionalParent(key: "host_organisation_id") public var host: Organisation?
    /// Markdown: slides, recordings, links, shown with the event once it is past.
    @Field(key: "materials") public var materials: String
    @Field(key: "published_at") public var publishedAt: Date

    public init() {}

    public init(eventID: UUID, communityID: UUID, hostID: UUID?, materials: String, publishedAt: Date) {
        self.$event.id = eventID
        self.$community.id = communityID
        self.$host.id = hostID
        self.materials = materials
        self.publishedAt = publishedAt
    }
}

/// Someone who asked to hear of the chapter's future public events; one click on any such mail removes them.
public final class ChapterContact: Model, @unchecked Sendable {
    public static let schema = "chapter_contacts"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "community_id") public var community: Community
    @Field(key: "name") public var name: String
    @Field(key: "email") public var email: String
    /// The secret in every mail's unsubscribe link. Kept as it is, not as a digest: each mail carries it again, and
    /// all it allows is to stop the mails.
    @Field(key: "unsubscribe_token") public var unsubscribeToken: String
    @Field(key: "created_at") public var createdAt: Date
    /// The language of the page they registered on: the chapter's mails are in it.
    @Field(key: "language") public var language: String

    public init() {}

    public init(communityID: UUID, name: String, email: String, unsubscribeToken: String, createdAt: Date, language: String = "en") {
        self.$community.id = communityID
        self.language = language
        self.name = name
        self.email = email
        self.unsubscribeToken = unsubscribeToken
        self.createdAt = createdAt
    }
}
