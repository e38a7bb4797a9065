import Foundation

/// Every page address once. Views build links from these cases; a test checks that each one reaches
/// a registered route, so a renamed route cannot leave dead links behind.
enum SiteURL: Sendable {
    case home
    case stylesheet
    case signIn, signInCode, signOut
    case register
    case invitation(token: String)
    case account, accountPassword, accountLanguage
    case accountMFA, accountMFAStart, accountMFAConfirm, accountMFADisable, accountRecoveryCodes
    case accountTokens, accountTokenRevoke(UUID)
    case accountSessions, accountSessionRevoke(UUID), accountSignOutEverywhere
    case organisation(UUID), organisationInvitations(UUID), organisationInvitationRevoke(UUID, UUID)
    case organisationAudit(UUID), organisationSettings(UUID)
    case operatorHome, operatorOrganisations, operatorInvitations, operatorOutbox, operatorSettings, operatorAudit

    var path: String {
        switch self {
        case .home: return "/"
        case .stylesheet: return "/static/app.css"
        case .signIn: return "/sign-in"
        case .signInCode: return "/sign-in/code"
        case .signOut: return "/sign-out"
        case .register: return "/register"
        case .invitation(let token): return "/invitations/\(token)"
        case .account: return "/account"
        case .accountPassword: return "/account/password"
        case .accountLanguage: return "/account/language"
        case .accountMFA: return "/account/mfa"
        case .accountMFAStart: return "/account/mfa/start"
        case .accountMFAConfirm: return "/account/mfa/confirm"
        case .accountMFADisable: return "/account/mfa/disable"
        case .accountRecoveryCodes: return "/account/mfa/recovery-codes"
        case .accountTokens: return "/account/tokens"
        case .accountTokenRevoke(let id): return "/account/tokens/\(id.uuidString)/revoke"
        case .accountSessions: return "/account/sessions"
        case .accountSessionRevoke(let id): return "/account/sessions/\(id.uuidString)/revoke"
        case .accountSignOutEverywhere: return "/account/sessions/sign-out-everywhere"
        case .organisation(let id): return "/organisations/\(id.uuidString)"
        case .organisationInvitations(let id): return "/organisations/\(id.uuidString)/invitations"
        case .organisationInvitationRevoke(let org, let inv): return "/organisations/\(org.uuidString)/invitations/\(inv.uuidString)/revoke"
        case .organisationAudit(let id): return "/organisations/\(id.uuidString)/audit"
        case .organisationSettings(let id): return "/organisations/\(id.uuidString)/settings"
        case .operatorHome: return "/operator"
        case .operatorOrganisations: return "/operator/organisations"
        case .operatorInvitations: return "/operator/invitations"
        case .operatorOutbox: return "/operator/outbox"
        case .operatorSettings: return "/operator/settings"
        case .operatorAudit: return "/operator/audit"
        }
    }

    /// One example of every case, for the test that checks links against routes.
    static var examples: [SiteURL] {
        let a = UUID(), b = UUID()
        return [.home, .stylesheet, .signIn, .signInCode, .signOut, .register, .invitation(token: "t"),
                .account, .accountPassword, .accountLanguage, .accountMFA, .accountMFAStart, .accountMFAConfirm,
                .accountMFADisable, .accountRecoveryCodes, .accountTokens, .accountTokenRevoke(a), .accountSessions,
                .accountSessionRevoke(a), .accountSignOutEverywhere, .organisation(a), .organisationInvitations(a),
                .organisationInvitationRevoke(a, b), .organisationAudit(a), .organisationSettings(a),
                .operatorHome, .operatorOrganisations, .operatorInvitations, .operatorOutbox, .operatorSettings,
                .operatorAudit]
    }
}
