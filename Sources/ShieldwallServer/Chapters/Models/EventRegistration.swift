import Fluent
import Foundation

/// A visitor's registration for a public event: pending until they confirm from the mail (double opt-in), then
/// confirmed (a seat or a place on the waiting list, `Seats`), or cancelled. The name, e-mail, network address and
/// token go `VisitorRules.retentionDays` after the event; the row stays for counts and attendance.
public final class EventRegistration: Model, @unchecked Sendable {
    public static let schema = "event_registrations"

    public enum Status: String, StoredChoice { case pending, confirmed, cancelled }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "event_id") public var event: CommunityEvent
    @Choice(key: "status") public var status: Status
    @OptionalField(key: "name") public var name: String?
    @OptionalField(key: "email") public var email: String?
    @OptionalField(key: "address") public var address: String?
    /// The digest of the secret in the visitor's links (confirm, cancel, play).
    @OptionalField(key: "token_digest") public var tokenDigest: String?
    /// The digest of the link in the latest reminder or "a seat is free" mail; it opens the same page.
    @OptionalField(key: "later_token_digest") public var laterTokenDigest: String?
    /// The name on the scoreboard, for a capture-the-flag.
    @OptionalField(key: "handle") public var handle: String?
    @Field(key: "keep_in_touch") public var keepInTouch: Bool
    @Field(key: "registered_at") public var registeredAt: Date
    @OptionalField(key: "confirmed_at") public var confirmedAt: Date?
    @OptionalField(key: "cancelled_at") public var cancelledAt: Date?
    @OptionalField(key: "reminded_at") public var remindedAt: Date?
    @OptionalField(key: "attended") public var attended: Bool?
    @OptionalField(key: "erased_at") public var erasedAt: Date?
    /// The language of the page they registered on: their mails are in it.
    @Field(key: "language") public var language: String

    public init() {}

    public init(eventID: UUID, name: String, email: String, address: String, tokenDigest: String, handle: String?, keepInTouch: Bool, at: Date,
                language: String = "en") {
        self.$event.id = eventID
        self.language = language
        self.status = .pending
        self.name = name
        self.email = email
        self.address = address
        self.tokenDigest = tokenDigest
        self.handle = handle
        self.keepInTouch = keepInTouch
        self.registeredAt = at
    }
}
