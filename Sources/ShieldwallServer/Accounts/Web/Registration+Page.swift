import Foundation
import Vapor

/// Open registration: a person and their new organisation, as typed.
struct RegistrationForm: Content {
    var organisation_name: String?
    var staff_count: String?
    var sector: String?
    var region: String?
    var display_name: String?
    var email: String?
    var password: String?
    var password_confirmation: String?
}

struct RegistrationPage: Sendable {
    let form: RegistrationForm
    let errors: [String: String]
}
