import Foundation

/// Signing in: the e-mail typed (never the password), where to go after, and what went wrong.
struct SignInPage: Sendable {
    let email: String
    let next: String
    let error: String?
}

/// The second step: a code from the authenticator app, or a recovery code.
struct SignInCodePage: Sendable {
    let next: String
    let error: String?
}
