import Foundation
import ShieldwallCore
import Vapor

/// The person behind a request (browser session or API token), copied out of the Fluent models into
/// a plain value so it can travel across tasks.
struct SignedIn: Sendable {
    let personID: UUID
    let email: String
    let displayName: String
    let language: String
    let organisationID: UUID?
    let viewer: Viewer
    /// The browser session, when signed in through one (not for API tokens).
    let sessionID: UUID?
    let stage: WebSession.Stage
    let mfaEnabled: Bool
    /// The organisation requires a second factor and this person has none yet.
    let mustEnrolMFA: Bool

    var isFullySignedIn: Bool { stage == .full }

    init(person: Person, organisation: Organisation?, sessionID: UUID?, stage: WebSession.Stage) throws {
        personID = try person.requireID()
        email = person.email
        displayName = person.displayName
        language = person.language
        organisationID = person.$organisation.id
        viewer = person.viewer
        self.sessionID = sessionID
        self.stage = stage
        mfaEnabled = person.mfaEnabled
        mustEnrolMFA = (organisation?.requireMFA ?? false) && !person.mfaEnabled
    }
}

extension Request {
    private struct SignedInKey: StorageKey { typealias Value = SignedIn }
    private struct CSRFKey: StorageKey { typealias Value = String }
    private struct FirmKey: StorageKey { typealias Value = Organisation }

    var signedIn: SignedIn? {
        get { storage[SignedInKey.self] }
        set { storage[SignedInKey.self] = newValue }
    }

    /// The signed-in person's firm as the session read it (with the person, in one query), for pages that show it.
    var signedInFirm: Organisation? {
        get { storage[FirmKey.self] }
        set { storage[FirmKey.self] = newValue }
    }

    /// The token this request's forms must carry back.
    var csrfToken: String {
        get { storage[CSRFKey.self] ?? "" }
        set { storage[CSRFKey.self] = newValue }
    }

    /// The signed-in person for a page, or a redirect to sign in. People whose organisation requires
    /// a second factor are sent to enrol first, except on the pages that let them do so.
    func requirePerson(allowPendingMFAEnrolment: Bool = false) throws -> SignedIn {
        guard let person = signedIn, person.isFullySignedIn else {
            throw Abort.redirect(to: SiteURL.signIn.path + "?next=" + (url.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "/"))
        }
        if person.mustEnrolMFA && !allowPendingMFAEnrolment {
            throw Abort.redirect(to: SiteURL.accountMFA.path)
        }
        return person
    }

    /// The person for an API call (bearer token), or 401.
    func requireAPIPerson() throws -> SignedIn {
        guard let person = signedIn else {
            throw Refusal(.unauthorized, "error.token-required", headers: ["WWW-Authenticate": "Bearer realm=\"shieldwall\""])
        }
        return person
    }
}
