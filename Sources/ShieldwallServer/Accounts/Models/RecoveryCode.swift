import Fluent
import Foundation

/// A single-use code that replaces the authenticator app once, when the phone is lost.
public final class RecoveryCode: Model, @unchecked Sendable {
    public static let schema = "recovery_codes"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "person_id") public var person: Person
    @Field(key: "code_digest") public var codeDigest: String
    @OptionalField(key: "used_at") public var usedAt: Date?

    public init() {}

    public init(personID: UUID, codeDigest: String) {
        self.$person.id = personID
        self.codeDigest = codeDigest
    }
}
