import Foundation
import ShieldwallCore

/// What every page needs besides its own data: who is looking, in which language, the CSRF token
/// for its forms, and a one-time message from the previous action.
struct PageContext: Sendable {
    let localiser: Localiser
    let signedIn: SignedIn?
    let csrfToken: String
    let flash: String?
    let languages: [Catalogue]
    let openRegistration: Bool
    /// For the bell in the navigation.
    var unreadNotifications: Int = 0
    /// The page's own address when it was opened with GET: where "Cancel" on a confirmation page leads back to.
    var returnPath: String? = nil

    func t(_ key: String, _ values: [String: String] = [:]) -> String {
        localiser.text(key, values)
    }
}
