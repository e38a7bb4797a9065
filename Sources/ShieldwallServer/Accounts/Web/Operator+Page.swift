import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The operator's console: the instance's figures and the way to everything else.
struct OperatorHomePage: Sendable {
    let organisations: Int
    let people: Int
    let experts: Int
    let openInvitations: Int
    let outbox: Int
    /// From the domains above Accounts (`OperatorFigureSource`).
    let more: [OperatorFigure]

    static func build(sources: [any OperatorFigureSource], on db: any Database, now: Date) async throws -> OperatorHomePage {
        var more: [OperatorFigure] = []
        for source in sources { more += try await source.figures(on: db, now: now) }
        return OperatorHomePage(
            organisations: try await Organisation.query(on: db).count(),
            people: try await Person.query(on: db).count(),
            experts: try await Person.query(on: db).filter(\.$organisation.$id == nil).filter(\.$isOperator == false).count(),
            openInvitations: try await Invitation.query(on: db).filter(\.$acceptedAt == nil).filter(\.$revokedAt == nil)
                .filter(\.$expiresAt > now).count(),
            outbox: try await OutboxMessage.query(on: db).count(), more: more)
    }
}

/// A new organisation with its first admin, as the operator types it.
struct NewOrganisationForm: Content {
    var name: String?
    var staff_count: String?
    var sector: String?
    var region: String?
    var admin_email: String?
}

/// Every organisation, and adding one (its first admin's invitation link shown once).
struct OperatorOrganisationsPage: Sendable {
    struct Row: Sendable {
        let summary: OrganisationSummary
        let people: Int
    }

    let rows: [Row]
    var form = NewOrganisationForm()
    var created: InvitationActions.Created?
    var errors: [String: String] = [:]

    static func build(on db: any Database) async throws -> OperatorOrganisationsPage {
        let orgs = try await Organisation.query(on: db).sort(\.$name).all()
        var counts: [UUID: Int] = [:]
        for id in try await Person.query(on: db).filter(\.$organisation.$id != nil).values(\.$organisation.$id) {
            if let id { counts[id, default: 0] += 1 }
        }
        return OperatorOrganisationsPage(rows: try orgs.map { Row(summary: try OrganisationSummary($0), people: counts[try $0.requireID()] ?? 0) })
    }
}

/// Inviting an expert or another operator.
struct OperatorInviteForm: Content {
    var email: String?
    var kind: String?
}

/// Invitations of experts and operators not yet taken up.
struct OperatorInvitationsPage: Sendable {
    let pending: [InvitationSummary]
    var form = OperatorInviteForm()
    var created: InvitationActions.Created?
    var errors: [String: String] = [:]

    static func build(on db: any Database, now: Date) async throws -> OperatorInvitationsPage {
        OperatorInvitationsPage(pending: try await Invitation.query(on: db).filter(\.$organisation.$id == nil).filter(\.$acceptedAt == nil)
            .filter(\.$revokedAt == nil).sort(\.$createdAt, .descending).all().map { try InvitationSummary($0, now: now) })
    }
}

/// Mail that was not handed to a mail command: the newest 200.
struct OutboxPage: Sendable {
    struct Mail: Sendable {
        let to: String
        let subject: String
        let body: String
        let at: Date
    }

    let messages: [Mail]
    let sendmailConfigured: Bool

    static func build(sendmailConfigured: Bool, on db: any Database) async throws -> OutboxPage {
        let messages = try await OutboxMessage.query(on: db).sort(\.$createdAt, .descending).limit(200).all()
        return OutboxPage(messages: messages.map { Mail(to: $0.recipient, subject: $0.subject, body: $0.body, at: $0.createdAt) },
                          sendmailConfigured: sendmailConfigured)
    }
}

/// The instance's settings as the operator changes them.
struct OperatorSettingsForm: Content {
    var open_registration: String?
    var auto_approve_communities: String?
    var session_idle_minutes: String?
    var session_absolute_hours: String?
    var benchmark_minimum_firms: String?
    var report_places: String?
    var alert_retention_days: String?
}

struct OperatorSettingsPage: Sendable {
    let settings: InstanceSettings
    let errors: [String: String]
}
