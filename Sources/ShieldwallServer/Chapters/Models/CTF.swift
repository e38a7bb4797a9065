import Fluent
import Foundation
import ShieldwallCore

/// Someone taking part in a capture-the-flag: a visitor through their registration, or a signed-in participant.
/// The handle is what the scoreboard shows, and stays after a visitor's name and e-mail are gone.
public final class CTFPlayer: Model, @unchecked Sendable {
    public static let schema = "ctf_players"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "event_id") public var event: CommunityEvent
    @Field(key: "handle") public var handle: String
    /// The team they score with, as they typed it; nil when they play alone (`CTFTeams`).
    @OptionalField(key: "team") public var team: String?
    @OptionalParent(key: "registration_id") public var registration: EventRegistration?
    @OptionalParent(key: "person_id") public var person: Person?
    @Field(key: "joined_at") public var joinedAt: Date

    public init() {}

    public init(eventID: UUID, handle: String, registrationID: UUID?, personID: UUID?, joinedAt: Date) {
        self.$event.id = eventID
        self.handle = handle
        self.$registration.id = registrationID
        self.$person.id = personID
        self.joinedAt = joinedAt
    }
}

/// One challenge. Its flag is kept only as a salted digest (`FlagDigest`).
public final class CTFChallenge: Model, @unchecked Sendable {
    public static let schema = "ctf_challenges"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "event_id") public var event: CommunityEvent
    @Field(key: "title") public var title: String
    @Field(key: "category") public var category: String
    @Field(key: "description") public var description: String
    @Field(key: "points") public var points: Int
    @Field(key: "flag_salt") public var flagSalt: String
    @Field(key: "flag_digest") public var flagDigest: String
    /// Markdown, shown after the end.
    @Field(key: "writeup") public var writeup: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(eventID: UUID, title: String, category: String, description: String, points: Int, flag: FlagDigest, writeup: String, createdAt: Date) {
        self.$event.id = eventID
        self.title = title
        self.category = category
        self.description = description
        self.points = points
        self.flagSalt = flag.salt
        self.flagDigest = flag.digest
        self.writeup = writeup
        self.createdAt = createdAt
    }

    var flag: FlagDigest { FlagDigest(salt: flagSalt, digest: flagDigest) }
}

public final class CTFHint: Model, @unchecked Sendable {
    public static let schema = "ctf_hints"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "challenge_id") public var challenge: CTFChallenge
    @Field(key: "text") public var text: String
    /// Points taken from whoever opens it.
    @Field(key: "cost") public var cost: Int

    public init() {}

    public init(challengeID: UUID, text: String, cost: Int) {
        self.$challenge.id = challengeID
        self.text = text
        self.cost = cost
    }
}

public final class CTFHintUnlock: Model, @unchecked Sendable {
    public static let schema = "ctf_hint_unlocks"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "hint_id") public var hint: CTFHint
    @Parent(key: "player_id") public var player: CTFPlayer
    @Field(key: "at") public var at: Date

    public init() {}

    public init(hintID: UUID, playerID: UUID, at: Date) {
        self.$hint.id = hintID
        self.$player.id = playerID
        self.at = at
    }
}

/// A flag sent: right ones are the solves, wrong ones count towards `FlagAttempts`.
public final class CTFAttempt: Model, @unchecked Sendable {
    public static let schema = "ctf_attempts"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "event_id") public var event: CommunityEvent
    @Parent(key: "challenge_id") public var challenge: CTFChallenge
    @Parent(key: "player_id") public var player: CTFPlayer
    @Field(key: "correct") public var correct: Bool
    @Field(key: "at") public var at: Date

    public init() {}

    public init(eventID: UUID, challengeID: UUID, playerID: UUID, correct: Bool, at: Date) {
        self.$event.id = eventID
        self.$challenge.id = challengeID
        self.$player.id = playerID
        self.correct = correct
        self.at = at
    }
}
