import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The operator's console: organisations and their first admins, experts and fellow operators,
/// the outbox, instance settings and the whole audit log.
struct OperatorController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.operatorHome, use: home)
        routes.get(SiteURL.operatorOrganisations, use: organisations)
        routes.post(SiteURL.operatorOrganisations, use: createOrganisation)
        routes.get(SiteURL.operatorInvitations, use: invitations)
        routes.post(SiteURL.operatorInvitations, use: invite)
        routes.get(SiteURL.operatorOutbox, use: outbox)
        routes.get(SiteURL.operatorSettings, use: settings)
        routes.post(SiteURL.operatorSettings, use: saveSettings)
        routes.get(SiteURL.operatorAudit, use: audit)
    }

    static func requireOperator(_ req: Request) throws -> SignedIn {
        let person = try req.requirePerson()
        guard AccountAccess.canOperate(viewer: person.viewer) else {
            throw Abort(.forbidden, reason: req.t("error.operators-only"))
        }
        return person
    }

    struct NewOrganisationForm: Content {
        var name: String?
        var staff_count: String?
        var sector: String?
        var region: String?
        var admin_email: String?
    }

    struct InviteForm: Content {
        var email: String?
        var kind: String?
    }

    struct SettingsForm: Content {
        var open_registration: String?
        var auto_approve_communities: String?
        var session_idle_minutes: String?
        var session_absolute_hours: String?
        var benchmark_minimum_firms: String?
    }

    @Sendable func home(req: Request) async throws -> Response {
        _ = try Self.requireOperator(req)
        let figures = OperatorView.Figures(
            organisations: try await Organisation.query(on: req.db).count(),
            people: try await Person.query(on: req.db).count(),
            experts: try await Person.query(on: req.db).filter(\.$organisation.$id == nil).filter(\.$isOperator == false).count(),
            openInvitations: try await Invitation.query(on: req.db).filter(\.$acceptedAt == nil).filter(\.$revokedAt == nil)
                .filter(\.$expiresAt > req.now).count(),
            outbox: try await OutboxMessage.query(on: req.db).count())
        return OperatorView.home(try await req.pageContext(), figures: figures)
    }

    static func organisationRows(_ req: Request) async throws -> [OperatorView.OrganisationRow] {
        let orgs = try await Organisation.query(on: req.db).sort(\.$name).all()
        let people = try await Person.query(on: req.db).filter(\.$organisation.$id != nil).all()
        var counts: [UUID: Int] = [:]
        for p in people { if let id = p.$organisation.id { counts[id, default: 0] += 1 } }
        return orgs.map { OperatorView.OrganisationRow(summary: OrganisationSummary($0), people: counts[$0.id ?? UUID()] ?? 0) }
    }

    @Sendable func organisations(req: Request) async throws -> Response {
        _ = try Self.requireOperator(req)
        return OperatorView.organisations(try await req.pageContext(), rows: try await Self.organisationRows(req),
                                          form: NewOrganisationForm(), created: nil, errors: [:])
    }

    /// Creates the organisation and invites its first admin; if the invitation cannot be made, the
    /// organisation is not created either.
    @Sendable func createOrganisation(req: Request) async throws -> Response {
        let person = try Self.requireOperator(req)
        let form = try req.content.decode(NewOrganisationForm.self)
        do {
            let input = OrganisationActions.Input(name: form.name, staffCount: form.staff_count, sector: form.sector, region: form.region)
            // Check everything before writing anything.
            var problems: [FieldProblem] = []
            do { _ = try OrganisationActions.validate(input) } catch let f as ValidationFailure { problems += f.problems }
            do { _ = try EmailAddress(form.admin_email ?? "") } catch {
                problems.append(FieldProblem(field: "admin_email", key: error == .empty ? "error.required" : "error.email"))
            }
            if let email = try? EmailAddress(form.admin_email ?? ""),
               try await Person.query(on: req.db).filter(\.$email == email.normalised).first() != nil {
                problems.append(FieldProblem(field: "admin_email", key: "error.email-taken"))
            }
            if !problems.isEmpty { throw ValidationFailure(problems) }
            let created = try await req.db.transaction { tx in
                let ctx = ActionContext(db: tx, services: req.shieldwall, hasher: req.password.async, address: req.clientAddress)
                let org = try await OrganisationActions.create(input, by: person, ctx: ctx)
                return try await InvitationActions.create(email: form.admin_email, kind: .organisation(try org.requireID(), .admin),
                                                          by: person, ctx: ctx)
            }
            return OperatorView.organisations(try await req.pageContext(), rows: try await Self.organisationRows(req),
                                              form: NewOrganisationForm(), created: created, errors: [:])
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            var errors = failure.messages(ctx.localiser)
            if let e = errors.removeValue(forKey: "email") { errors["admin_email"] = e }
            return OperatorView.organisations(ctx, rows: try await Self.organisationRows(req), form: form, created: nil,
                                              errors: errors, status: .unprocessableEntity)
        }
    }

    static func pendingInvitations(_ req: Request) async throws -> [InvitationSummary] {
        try await Invitation.query(on: req.db).filter(\.$organisation.$id == nil).filter(\.$acceptedAt == nil)
            .filter(\.$revokedAt == nil).sort(\.$createdAt, .descending).all().map { InvitationSummary($0, now: req.now) }
    }

    @Sendable func invitations(req: Request) async throws -> Response {
        _ = try Self.requireOperator(req)
        return OperatorView.invitations(try await req.pageContext(), pending: try await Self.pendingInvitations(req),
                                        form: InviteForm(), created: nil, errors: [:])
    }

    @Sendable func invite(req: Request) async throws -> Response {
        let person = try Self.requireOperator(req)
        let form = try req.content.decode(InviteForm.self)
        do {
            let kind: InvitationActions.Kind
            switch form.kind {
            case "expert": kind = .expert
            case "operator": kind = .operator
            default: throw ValidationFailure(field: "kind", key: "error.invitation-kind")
            }
            let created = try await InvitationActions.create(email: form.email, kind: kind, by: person, ctx: ActionContext(req))
            return OperatorView.invitations(try await req.pageContext(), pending: try await Self.pendingInvitations(req),
                                            form: InviteForm(), created: created, errors: [:])
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            return OperatorView.invitations(ctx, pending: try await Self.pendingInvitations(req), form: form, created: nil,
                                            errors: failure.messages(ctx.localiser), status: .unprocessableEntity)
        }
    }

    @Sendable func outbox(req: Request) async throws -> Response {
        _ = try Self.requireOperator(req)
        let messages = try await OutboxMessage.query(on: req.db).sort(\.$createdAt, .descending).limit(200).all()
        return OperatorView.outbox(try await req.pageContext(), messages: messages.map {
            OperatorView.MailRow(to: $0.recipient, subject: $0.subject, body: $0.body, at: $0.createdAt)
        }, sendmailConfigured: req.shieldwall.configuration.sendmailCommand != nil)
    }

    @Sendable func settings(req: Request) async throws -> Response {
        _ = try Self.requireOperator(req)
        return OperatorView.settings(try await req.pageContext(), settings: try await InstanceSettings.load(on: req.db), errors: [:])
    }

    @Sendable func saveSettings(req: Request) async throws -> Response {
        _ = try Self.requireOperator(req)
        let form = try req.content.decode(SettingsForm.self)
        var settings = try await InstanceSettings.load(on: req.db)
        var problems = ProblemList()
        settings.openRegistration = form.open_registration == "true"
        settings.autoApproveCommunities = form.auto_approve_communities == "true"
        if let idle = Int(form.session_idle_minutes ?? ""), InstanceSettings.idleRange.contains(idle) {
            settings.sessionIdleMinutes = idle
        } else {
            problems.add("session_idle_minutes", "error.range", ["min": "\(InstanceSettings.idleRange.lowerBound)", "max": "\(InstanceSettings.idleRange.upperBound)"])
        }
        if let hours = Int(form.session_absolute_hours ?? ""), InstanceSettings.absoluteRange.contains(hours) {
            settings.sessionAbsoluteHours = hours
        } else {
            problems.add("session_absolute_hours", "error.range", ["min": "\(InstanceSettings.absoluteRange.lowerBound)", "max": "\(InstanceSettings.absoluteRange.upperBound)"])
        }
        if let k = form.benchmark_minimum_firms.map({ $0.trimmingWhitespace() }) {
            if let value = Int(k), InstanceSettings.benchmarkRange.contains(value) { settings.benchmarkMinimumFirms = value }
            else { problems.add("benchmark_minimum_firms", "error.range", ["min": "\(InstanceSettings.benchmarkRange.lowerBound)", "max": "\(InstanceSettings.benchmarkRange.upperBound)"]) }
        }
        do {
            try problems.throwIfAny()
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            return OperatorView.settings(ctx, settings: settings, errors: failure.messages(ctx.localiser), status: .unprocessableEntity)
        }
        try await settings.save(on: req.db)
        return req.seeOther(SiteURL.operatorSettings.path, flash: "flash.settings-saved")
    }

    @Sendable func audit(req: Request) async throws -> Response {
        _ = try Self.requireOperator(req)
        return try await AuditView.page(AuditEvent.query(on: req.db), req: req, title: req.t("audit.title-instance"),
                                        basePath: SiteURL.operatorAudit.path)
    }
}
