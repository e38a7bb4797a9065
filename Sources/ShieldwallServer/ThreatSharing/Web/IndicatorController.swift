import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// An indicator's page (correlations, sightings, history), "we saw this too", confirmation and
/// retraction, and the firm's own sightings.
struct IndicatorController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.indicator, use: show)
        routes.post(SiteURL.indicatorSightings, use: sight)
        routes.post(SiteURL.indicatorConfirm, use: confirm)
        routes.post(SiteURL.indicatorRetract, use: retract)
        routes.get(SiteURL.sightings, use: mySightings)
    }

    /// The indicator, if it is in at least one report the viewer may see; 404 otherwise.
    static func visible(_ req: Request) async throws -> (IndicatorSummary, ReportScope, SignedIn) {
        let person = try req.requirePerson()
        let scope = try await ReportScope.of(person, req)
        let summary = try await IndicatorFacts.visible(req.parameters.get(.indicatorID, as: UUID.self), scope: scope, req: req)
        return (summary, scope, person)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (summary, scope, _) = try await Self.visible(req)
        return try await page(req, summary, scope)
    }

    func page(_ req: Request, _ summary: IndicatorSummary, _ scope: ReportScope, errors: [String: String] = [:],
              status: HTTPStatus = .ok) async throws -> Response {
        var page = try await IndicatorPage.build(summary, scope: scope, app: req.application, on: req.db)
        page.errors = errors
        return IndicatorView.show(try await req.pageContext(), page, status: status)
    }

    struct SightingForm: Content {
        var community: String?
        var count: String?
        var last_seen: String?
    }

    @Sendable func sight(req: Request) async throws -> Response {
        let (summary, scope, person) = try await Self.visible(req)
        let form = try req.content.decode(SightingForm.self)
        do {
            var problems = ProblemList()
            let count = (form.count ?? "1").isEmpty ? 1 : Int(form.count ?? "")
            if count == nil { problems.add("count", "error.sighting-count") }
            var lastSeen: Date?
            if let text = form.last_seen, !text.isEmpty {
                lastSeen = EventActions.parseLocal(text, in: TimeZone(identifier: "UTC") ?? .current)
                if lastSeen == nil { problems.add("last_seen", "error.date-invalid") }
            }
            try problems.throwIfAny()
            _ = try await IndicatorActions.sight(summary.id, .init(community: form.community.flatMap(UUID.init(uuidString:)), count: count,
                                                                  lastSeen: lastSeen), by: person, scope: scope, ctx: ActionContext(req))
            return req.seeOther(SiteURL.indicator(summary.id).path, flash: "flash.sighting-added")
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            return try await page(req, summary, scope, errors: failure.messages(ctx.localiser), status: .unprocessableEntity)
        }
    }

    struct ConfirmForm: Content { var community: String? }

    @Sendable func confirm(req: Request) async throws -> Response {
        let (summary, scope, person) = try await Self.visible(req)
        let community = try req.content.decode(ConfirmForm.self).community.flatMap(UUID.init(uuidString:))
        try await IndicatorActions.confirm(summary.id, community: community, by: person, scope: scope, ctx: ActionContext(req))
        return req.seeOther(SiteURL.indicator(summary.id).path, flash: "flash.indicator-confirmed")
    }

    struct RetractForm: Content { var reason: String? }

    @Sendable func retract(req: Request) async throws -> Response {
        let (summary, scope, person) = try await Self.visible(req)
        do {
            try await IndicatorActions.retract(summary.id, reason: try req.content.decode(RetractForm.self).reason, by: person, scope: scope,
                                               ctx: ActionContext(req))
            return req.seeOther(SiteURL.indicator(summary.id).path, flash: "flash.indicator-retracted")
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            return try await page(req, summary, scope, errors: failure.messages(ctx.localiser), status: .unprocessableEntity)
        }
    }

    /// The firm's own sightings (only its own: other firms' sightings are never shown by name).
    @Sendable func mySightings(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        return IndicatorView.mySightings(try await req.pageContext(), try await MySightingsPage.build(for: person, on: req.db))
    }
}
