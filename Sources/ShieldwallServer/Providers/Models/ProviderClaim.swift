import Fluent
import Foundation

/// The operator's invitation to someone from a provider to answer its reviews, and, once accepted, that person's
/// standing for the provider (until revoked). Answering is all it allows: never editing or hiding a review.
public final class ProviderClaim: Model, @unchecked Sendable {
    public static let schema = "provider_claims"
    public static let lifetime: TimeInterval = 7 * 24 * 3600

    @ID(key: .id) public var id: UUID?
    @Parent(key: "provider_id") public var provider: Provider
    @Field(key: "email") public var email: String
    @Field(key: "token_digest") public var tokenDigest: String
    @OptionalParent(key: "invited_by_id") public var invitedBy: Person?
    /// Who accepted it.
    @OptionalParent(key: "person_id") public var person: Person?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "accepted_at") public var acceptedAt: Date?
    @OptionalField(key: "revoked_at") public var revokedAt: Date?

    public init() {}

    public enum State: String, Sendable { case open, accepted, expired, revoked }

    public func state(at now: Date) -> State {
        if revokedAt != nil { return .revoked }
        if acceptedAt != nil { return .accepted }
        return expiresAt <= now ? .expired : .open
    }
}

/// A provider's one answer under a review, written (and rewritten) by the provider's people.
public final class ProviderReviewAnswer: Model, @unchecked Sendable {
    public static let schema = "provider_review_answers"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "review_id") public var review: ProviderReview
    @OptionalParent(key: "author_id") public var author: Person?
    @Field(key: "body") public var body: String
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}
}

/// Someone's report of a review (one per person and review), closed by the operator's decision.
public final class ProviderReviewReport: Model, @unchecked Sendable {
    public static let schema = "provider_review_reports"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "review_id") public var review: ProviderReview
    @Parent(key: "reporter_id") public var reporter: Person
    @Field(key: "reason") public var reason: String
    @Field(key: "note") public var note: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "decision") public var decision: String?
    @OptionalParent(key: "decided_by_id") public var decidedBy: Person?
    @OptionalField(key: "decided_at") public var decidedAt: Date?

    public init() {}
}
