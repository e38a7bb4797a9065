import Fluent
import Foundation

/// One failed sign-in (wrong password or second-factor code), counted for throttling.
public final class SignInFailure: Model, @unchecked Sendable {
    public static let schema = "sign_in_failures"

    @ID(key: .id) public var id: UUID?
    @Field(key: "address") public var address: String
    @Field(key: "email") public var email: String
    @Field(key: "at") public var at: Date

    public init() {}

    public init(address: String, email: String, at: Date) {
        self.address = address
        self.email = email
        self.at = at
    }
}
