import Foundation
import ShieldwallCore
import Vapor

/// The page behind a claim link: take it up with the signed-in account, sign in first, or make an account.
struct ProviderClaimPage: Sendable {
    enum Mode: Sendable, Equatable {
        /// Signed in with the account the link was sent to.
        case accept
        /// Signed in with another account.
        case otherAccount(String)
        /// Not signed in, and an account with the address exists.
        case signIn
        /// Not signed in, no account yet.
        case create
    }

    let token: String
    let provider: String
    let email: String
    let mode: Mode
    var form = ProviderClaimAccountForm()
    var errors: [String: String] = [:]
}

struct ProviderClaimAccountForm: Content {
    var display_name: String?
    var password: String?
    var password_confirmation: String?
}
