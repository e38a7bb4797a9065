import Fluent
import Foundation
import Plot
import ShieldwallCore
import Vapor

/// Staff check-ins: each person takes them and sees their own answers and feedback; the firm's
/// admin sees completion and weak topics per person, never the answers.
struct CoachController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.coach, use: list)
        routes.get(SiteURL.coachTeam, use: team)
        routes.get(SiteURL.coachCheckIn, use: show)
        routes.post(SiteURL.coachCheckIn, use: answer)
    }

    func checkIn(_ req: Request) throws -> CoachCheckIn {
        guard let id = req.parameters.get(.checkInID), let checkIn = try AssessmentContent.checkIns().first(where: { $0.id == id }) else {
            throw Abort(.notFound, reason: req.t("coach.error.not-found"))
        }
        return checkIn
    }

    @Sendable func list(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let results = try await AssessmentScope.ownCheckIns(of: person, on: req.db).sort(\.$completedAt, .descending).all()
        var latest: [String: CoachResult] = [:]
        for r in results where latest[r.checkInID] == nil { latest[r.checkInID] = r }
        let ctx = try await req.pageContext()
        let isAdmin = person.organisationID.map { AssessmentAccess.canSeeTeamCoaching(firm: $0.uuidString, viewer: person.viewer) } ?? false
        return Layout.page(ctx, title: ctx.t("coach.title"), content: [
            .p(.text(ctx.t("coach.intro"))),
            .if(isAdmin, .p(.a(.href(SiteURL.coachTeam.path), .text(ctx.t("coach.team-link"))))),
            Table.render(caption: ctx.t("coach.title"), headers: [ctx.t("coach.checkin"), ctx.t("coach.last-result"), ""],
                         rows: try AssessmentContent.checkIns().map { c in [
                            .text(c.title),
                            .text(latest[c.id].map { "\($0.correct) / \($0.total) · \(Format.dateTime($0.completedAt))" } ?? ctx.t("coach.not-yet")),
                            .a(.href(SiteURL.coachCheckIn(c.id).path), .text(ctx.t(latest[c.id] == nil ? "coach.take" : "coach.again"))),
                         ] }, empty: ""),
        ])
    }

    @Sendable func show(req: Request) async throws -> Response {
        _ = try req.requirePerson()
        return try await render(req, try checkIn(req), chosen: [:], outcome: nil, errors: [:])
    }

    func render(_ req: Request, _ c: CoachCheckIn, chosen: [String: String], outcome: CoachCheckIn.Outcome?, errors: [String: String],
                status: HTTPStatus = .ok) async throws -> Response {
        let ctx = try await req.pageContext()
        let feedback = Dictionary(uniqueKeysWithValues: (outcome?.feedback ?? []).map { ($0.questionID, $0) })
        return Layout.page(ctx, title: c.title, status: status, content: [
            .p(.a(.href(SiteURL.coach.path), .text(ctx.t("coach.back")))),
            .p(.text(c.intro)),
            .unwrap(outcome) { o in .p(.class("flash"), .id("coach-outcome"), .text(ctx.t("coach.outcome", ["correct": String(o.correct), "total": String(o.total)]))) },
            Forms.errorSummary(ctx, errors),
            .form(.method(.post), .action(SiteURL.coachCheckIn(c.id).path), Forms.csrf(ctx),
                .forEach(c.questions) { q in
                    Forms.radios(q.id, legend: q.text, options: q.options.map { (value: $0.id, text: $0.text) }, selected: chosen[q.id],
                                 error: errors[q.id],
                                 after: feedback[q.id].map { f in .p(.class(f.correct ? "feedback right" : "feedback wrong"), .text(f.text)) } ?? .empty)
                },
                Forms.submit(ctx.t(outcome == nil ? "coach.check" : "coach.check-again"))),
        ])
    }

    @Sendable func answer(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let c = try checkIn(req)
        var form = try req.content.decode([String: String].self)
        form.removeValue(forKey: Forms.csrfField)
        do {
            let outcome = try await CoachActions.record(c, answers: form, person: person, on: req.db, now: req.now)
            return try await render(req, c, chosen: form, outcome: outcome, errors: [:])
        } catch let failure as ValidationFailure {
            return try await render(req, c, chosen: form, outcome: nil, errors: failure.messages(req.localiser), status: .unprocessableEntity)
        }
    }

    @Sendable func team(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        guard let org = person.organisationID, AssessmentAccess.canSeeTeamCoaching(firm: org.uuidString, viewer: person.viewer) else {
            throw Abort(.notFound, reason: req.t("assessment.error.no-firm"))
        }
        let checkIns = try AssessmentContent.checkIns()
        let summary = try await CoachActions.team(of: org, checkIns: checkIns, on: req.db)
        let ctx = try await req.pageContext()
        return Layout.page(ctx, title: ctx.t("coach.team-title"), content: [
            .p(.a(.href(SiteURL.coach.path), .text(ctx.t("coach.back")))),
            .p(.text(ctx.t("coach.team-intro"))),
            Table.render(caption: ctx.t("coach.team-title"), headers: [ctx.t("coach.person"), ctx.t("coach.done"), ctx.t("coach.weak")],
                         rows: summary.map { s in [
                            .text(s.name), .text("\(s.done) / \(checkIns.count)"),
                            .text(s.weakTopics.isEmpty ? "—" : s.weakTopics.map { ctx.t("coach.topic.\($0)") }.joined(separator: ", ")),
                         ] }, empty: ""),
        ])
    }
}
