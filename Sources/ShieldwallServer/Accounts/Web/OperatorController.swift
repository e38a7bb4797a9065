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

    @Sendable func home(req: Request) async throws -> Response {
        _ = try Self.requireOperator(req)
        let figures = try await OperatorHomePage.build(sources: req.shieldwall.links.operatorFigures, on: req.db, now: req.now)
        return OperatorView.home(try await req.pageContext(), figures)
    }

    @Sendable func organisations(req: Request) async throws -> Response {
        _ = try Self.requireOperator(req)
        return OperatorView.organisations(try await req.pageContext(), try await OperatorOrganisationsPage.build(on: req.db))
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
            var created = try await req.db.transaction { tx in
                let ctx = ActionContext(db: tx, services: req.shieldwall, hasher: req.password.async, address: req.clientAddress)
                let org = try await OrganisationActions.create(input, by: person, ctx: ctx)
                return try await InvitationActions.save(email: form.admin_email, kind: .organisation(try org.requireID(), .admin),
                                                        by: person, ctx: ctx)
            }
            created.mailed = await ActionContext(req).mailAfterSaving([created.mail])
            var page = try await OperatorOrganisationsPage.build(on: req.db)
            page.created = created
            return OperatorView.organisations(try await req.pageContext(), page)
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            var errors = failure.messages(ctx.localiser)
            if let e = errors.removeValue(forKey: "email") { errors["admin_email"] = e }
            var page = try await OperatorOrganisationsPage.build(on: req.db)
            page.form = form
            page.errors = errors
            return OperatorView.organisations(ctx, page, status: .unprocessableEntity)
        }
    }

    @Sendable func invitations(req: Request) async throws -> Response {
        _ = try Self.requireOperator(req)
        return OperatorView.invitations(try await req.pageContext(), try await OperatorInvitationsPage.build(on: req.db, now: req.now))
    }

    @Sendable func invite(req: Request) async throws -> Response {
        let person = try Self.requireOperator(req)
        let form = try req.content.decode(OperatorInviteForm.self)
        do {
            let kind: InvitationActions.Kind
            switch form.kind {
            case "expert": kind = .expert
            case "operator": kind = .operator
            default: throw ValidationFailure(field: "kind", key: "error.invitation-kind")
            }
            let created = try await InvitationActions.create(email: form.email, kind: kind, by: person, ctx: ActionContext(req))
            var page = try await OperatorInvitationsPage.build(on: req.db, now: req.now)
            page.created = created
            return OperatorView.invitations(try await req.pageContext(), page)
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            var page = try await OperatorInvitationsPage.build(on: req.db, now: req.now)
            page.form = form
            page.errors = failure.messages(ctx.localiser)
            return OperatorView.invitations(ctx, page, status: .unprocessableEntity)
        }
    }

    @Sendable func outbox(req: Request) async throws -> Response {
        _ = try Self.requireOperator(req)
        let page = try await OutboxPage.build(sendmailConfigured: req.shieldwall.configuration.sendmailCommand != nil, on: req.db)
        return OperatorView.outbox(try await req.pageContext(), page)
    }

    @Sendable func settings(req: Request) async throws -> Response {
        _ = try Self.requireOperator(req)
        return OperatorView.settings(try await req.pageContext(), OperatorSettingsPage(settings: try await InstanceSettings.load(on: req.db), errors: [:]))
    }

    @Sendable func saveSettings(req: Request) async throws -> Response {
        _ = try Self.requireOperator(req)
        let form = try req.content.decode(OperatorSettingsForm.self)
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
        if let days = form.alert_retention_days.map({ $0.trimmingWhitespace() }) {
            if let value = Int(days), InstanceSettings.alertRetentionRange.contains(value) { settings.alertRetentionDays = value }
            else { problems.add("alert_retention_days", "error.range", ["min": "\(InstanceSettings.alertRetentionRange.lowerBound)",
                                                                       "max": "\(InstanceSettings.alertRetentionRange.upperBound)"]) }
        }
        if let places = form.report_places {
            switch ReportPlace.parse(places) {
            case .success: settings.reportPlaces = places.trimmingWhitespace()
            case .failure(.badLine(let line)): problems.add("report_places", "operator.settings.report-places.bad-line", ["line": String(line)])
            case .failure(.tooMany(let max)): problems.add("report_places", "operator.settings.report-places.too-many", ["max": String(max)])
            }
        }
        do {
            try problems.throwIfAny()
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            return OperatorView.settings(ctx, OperatorSettingsPage(settings: settings, errors: failure.messages(ctx.localiser)), status: .unprocessableEntity)
        }
        try await settings.save(on: req.db)
        return req.seeOther(SiteURL.operatorSettings.path, flash: "flash.settings-saved")
    }

    @Sendable func audit(req: Request) async throws -> Response {
        _ = try Self.requireOperator(req)
        let page = try await AuditPage.build(AuditEvent.query(on: req.db), before: OrganisationController.before(req),
                                             title: req.t("audit.title-instance"), basePath: SiteURL.operatorAudit.path)
        return AuditView.list(try await req.pageContext(), page)
    }
}
