import Foundation
import ShieldwallCore
import Vapor

/// Taking up an invitation: a name, a password and a language.
struct InvitationAcceptForm: Content {
    var display_name: String?
    var password: String?
    var password_confirmation: String?
    var language: String?
}

/// The page behind an invitation link: what it is for, and the form.
struct InvitationPage: Sendable {
    enum Purpose: Sendable {
        case organisation(name: String, role: Viewer.OrganisationRole)
        case `operator`
        case expert
    }

    let token: String
    let email: String
    let purpose: Purpose
    let form: InvitationAcceptForm
    let errors: [String: String]

    /// `invitation` with its organisation loaded.
    init(_ invitation: Invitation, token: String, form: InvitationAcceptForm, errors: [String: String] = [:]) {
        self.token = token
        email = invitation.email
        if let org = invitation.organisation {
            purpose = .organisation(name: org.name, role: invitation.organisationRole ?? .staff)
        } else {
            purpose = invitation.makesOperator ? .operator : .expert
        }
        self.form = form
        self.errors = errors
    }
}

/// An invitation link that cannot be used: unknown, expired, taken up or revoked.
struct InvitationUnusablePage: Sendable {
    /// Nil for a link no invitation has.
    let state: Invitation.State?
    let message: String?
}
