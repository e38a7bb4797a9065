import Fluent
import Foundation
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
        guard let id = req.parameters.get(.checkInID), let checkIn = try AssessmentContent.checkIns(req.localiser.language).first(where: { $0.id == id }) else {
            throw Abort(.notFound, reason: req.t("coach.error.not-found"))
        }
        return checkIn
    }

    @Sendable func list(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        return CoachView.list(try await req.pageContext(), try await CoachListPage.build(for: person, on: req.db))
    }

    @Sendable func show(req: Request) async throws -> Response {
        _ = try req.requirePerson()
        return CoachView.checkIn(try await req.pageContext(), CheckInPage(checkIn: try checkIn(req), chosen: [:], outcome: nil, errors: [:]))
    }

    @Sendable func answer(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let c = try checkIn(req)
        var form = try req.content.decode([String: String].self)
        form.removeValue(forKey: Forms.csrfField)
        do {
            let outcome = try await CoachActions.record(c, answers: form, person: person, on: req.db, now: req.now)
            return CoachView.checkIn(try await req.pageContext(), CheckInPage(checkIn: c, chosen: form, outcome: outcome, errors: [:]))
        } catch let failure as ValidationFailure {
            let page = CheckInPage(checkIn: c, chosen: form, outcome: nil, errors: failure.messages(req.localiser))
            return CoachView.checkIn(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    @Sendable func team(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        guard let org = person.organisationID, AssessmentAccess.canSeeTeamCoaching(firm: org.uuidString, viewer: person.viewer) else {
            throw Abort(.notFound, reason: req.t("assessment.error.no-firm"))
        }
        let checkIns = try AssessmentContent.checkIns(req.localiser.language)
        let people = try await CoachActions.team(of: org, checkIns: checkIns, on: req.db)
        return CoachView.team(try await req.pageContext(), CoachTeamPage(people: people, checkIns: checkIns.count))
    }
}
