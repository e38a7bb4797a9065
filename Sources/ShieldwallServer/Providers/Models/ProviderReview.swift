import Fluent
import Foundation
import ShieldwallCore

/// A firm's review of a provider it uses or used: one per firm and provider, written and edited by the firm's
/// admin; each edit keeps the version it replaced (`ProviderReviewRevision`).
public final class ProviderReview: Model, @unchecked Sendable {
    public static let schema = "provider_reviews"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "provider_id") public var provider: Provider
    @Parent(key: "organisation_id") public var organisation: Organisation
    @OptionalParent(key: "author_id") public var author: Person?
    /// JSON: rating key → 1…5.
    @Field(key: "ratings") public var ratingsJSON: String
    /// JSON: question key → yes, no or unknown.
    @Field(key: "practice") public var practiceJSON: String
    @Field(key: "body") public var body: String
    /// The firm's name is never shown with it.
    @Field(key: "anonymous") public var anonymous: Bool
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date
    /// Set when the operator hid it after a report: shown then only to its firm and the operator, and not counted.
    @OptionalField(key: "hidden_at") public var hiddenAt: Date?
    @OptionalField(key: "hidden_reason") public var hiddenReason: String?

    public init() {}

    var ratings: [ProviderReviews.Rating: Int] { Self.decode(ratingsJSON, key: ProviderReviews.Rating.init(rawValue:)) }
    var practice: [ProviderReviews.PracticeQuestion: ProviderReviews.Answer] {
        Self.decode(practiceJSON, key: ProviderReviews.PracticeQuestion.init(rawValue:)).compactMapValues { (raw: String) in
            ProviderReviews.Answer(rawValue: raw)
        }
    }

    var draft: ProviderReviews.Draft { .init(ratings: ratings, practice: practice, text: body, anonymous: anonymous) }

    func apply(_ draft: ProviderReviews.Draft) {
        ratingsJSON = Self.encode(Dictionary(uniqueKeysWithValues: draft.ratings.map { ($0.key.rawValue, $0.value) }))
        practiceJSON = Self.encode(Dictionary(uniqueKeysWithValues: draft.practice.map { ($0.key.rawValue, $0.value.rawValue) }))
        body = draft.text
        anonymous = draft.anonymous
    }

    static func encode<V: Encodable>(_ map: [String: V]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(map)) ?? Data("{}".utf8), as: UTF8.self)
    }

    static func decode<K: Hashable, V: Decodable>(_ json: String, key: (String) -> K?) -> [K: V] {
        let raw = (try? JSONDecoder().decode([String: V].self, from: Data(json.utf8))) ?? [:]
        return Dictionary(raw.compactMap { k, v in key(k).map { ($0, v) } }, uniquingKeysWith: { a, _ in a })
    }
}

/// A version of a review that an edit replaced, kept so the history of what a firm said stays.
public final class ProviderReviewRevision: Model, @unchecked Sendable {
    public static let schema = "provider_review_revisions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "review_id") public var review: ProviderReview
    @Field(key: "ratings") public var ratingsJSON: String
    @Field(key: "practice") public var practiceJSON: String
    @Field(key: "body") public var body: String
    @Field(key: "anonymous") public var anonymous: Bool
    @OptionalParent(key: "edited_by_id") public var editedBy: Person?
    @Field(key: "replaced_at") public var replacedAt: Date

    public init() {}

    init(replacing review: ProviderReview, by person: UUID, at date: Date) throws {
        $review.id = try review.requireID()
        ratingsJSON = review.ratingsJSON
        practiceJSON = review.practiceJSON
        body = review.body
        anonymous = review.anonymous
        $editedBy.id = person
        replacedAt = date
    }
}
