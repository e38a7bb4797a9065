import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The guided setup a new facilitator goes through, one step a page, which can be left and resumed:
/// 1 purpose and kind, 2 charter, 3 invitations, 4 engagement rhythm.
struct ToolkitController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.communitySetup, use: show)
        routes.post(SiteURL.communitySetup, use: save)
    }

    static func load(_ req: Request) async throws -> (Community, CommunityStanding, SignedIn, Int) {
        let person = try req.requirePerson()
        let (community, standing) = try await CommunityStandings.load(req)
        try req.requireFacilitator(standing)
        guard let step = req.parameters.get(.step, as: Int.self), (1...ToolkitPage.steps).contains(step) else { throw Abort(.notFound) }
        guard community.status == .setup || community.status == .active else { throw Abort(.notFound) }
        return (community, standing, person, step)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (community, standing, person, step) = try await Self.load(req)
        let page = try await ToolkitPage.build(community, standing: standing, step: step, language: person.language,
                                               aboveGuidance: req.query[String.self, at: "warn"] != nil, on: req.db, now: req.now)
        return ToolkitView.render(try await req.pageContext(), page)
    }

    @Sendable func save(req: Request) async throws -> Response {
        let (community, _, person, step) = try await Self.load(req)
        let ctx = ActionContext(req)
        do {
            switch step {
            case 1:
                let form = try req.content.decode(CommunityPurposeForm.self)
                let v = try CommunityActions.validate(.init(name: form.name, kind: form.kind, description: form.description,
                                                            tags: form.tags, listed: form.listed == "true"))
                community.name = v.name; community.kind = v.kind; community.description = v.description
                community.tags = v.tags; community.listed = form.listed == "true"
            case 2:
                let form = try req.content.decode(CharterForm.self)
                let current = try await CharterVersion.query(on: req.db).filter(\.$community.$id == community.requireID())
                    .filter(\.$version == community.charterVersion).first()?.text
                if current != form.charter?.trimmingWhitespace() {
                    try await CommunityActions.publishCharter(community, text: form.charter, by: person, ctx: ctx)
                }
            case 3:
                break
            default:
                try await createRhythm(community, try req.content.decode(RhythmForm.self), person: person, ctx: ctx)
                community.status = Community.Status.active
            }
            community.setupStep = max(community.setupStep, step)
            try await community.update(on: req.db)
        } catch let failure as ValidationFailure {
            let page = try await req.pageContext()
            let shown: ToolkitPage.Step
            switch step {
            case 1: shown = .purpose(try req.content.decode(CommunityPurposeForm.self))
            case 2: shown = .charter(text: try req.content.decode(CharterForm.self).charter ?? "")
            default: shown = .rhythm(try req.content.decode(RhythmForm.self))
            }
            return ToolkitView.render(page, ToolkitPage(card: try CommunityCard(community), step: shown, errors: failure.messages(page.localiser)),
                                      status: .unprocessableEntity)
        }
        if step == ToolkitPage.steps { return req.seeOther(SiteURL.community(community.slug).path, flash: "flash.community-ready") }
        return req.seeOther(SiteURL.communitySetup(community.slug, step + 1).path)
    }

    /// Creates every chosen series together, or none.
    func createRhythm(_ community: Community, _ form: RhythmForm, person: SignedIn, ctx: ActionContext) async throws {
        var problems: [FieldProblem] = []
        guard let months = Int(form.months ?? ""), (1...24).contains(months) else {
            throw ValidationFailure(field: "months", key: "error.range", values: ["min": "1", "max": "24"])
        }
        let l = ctx.services.catalogues.localiser(for: person.language)
        let zone = form.time_zone
        let hour: TimeInterval = 3600
        var plans: [(EventActions.Input, Recurrence, String)] = []
        func end(_ start: String?, plus seconds: TimeInterval) -> String? {
            guard let start, let tz = TimeZone(identifier: zone ?? "Europe/London"),
                  let date = EventActions.parseLocal(start, in: tz) else { return start }
            return EventActions.formatLocal(date.addingTimeInterval(seconds), in: tz)
        }
        if form.webinar == "true" {
            plans.append((.init(kind: "webinar", title: l.text("rhythm.webinar.title"), description: l.text("rhythm.webinar.description"),
                                starts: form.webinar_starts, ends: end(form.webinar_starts, plus: hour), timeZone: zone,
                                location: l.text("rhythm.online"), capacity: nil), Recurrence(everyMonths: 1, count: months), "webinar_starts"))
        }
        if form.in_person == "true" {
            plans.append((.init(kind: "in_person", title: l.text("rhythm.in-person.title"), description: l.text("rhythm.in-person.description"),
                                starts: form.in_person_starts, ends: end(form.in_person_starts, plus: 2 * hour), timeZone: zone,
                                location: form.in_person_location, capacity: nil),
                          Recurrence(everyMonths: 3, count: max(1, months / 3)), "in_person_starts"))
        }
        if form.ama == "true" {
            plans.append((.init(kind: "ama", title: l.text("rhythm.ama.title"), description: l.text("rhythm.ama.description"),
                                starts: form.ama_starts, ends: end(form.ama_starts, plus: hour), timeZone: zone,
                                location: l.text("rhythm.online"), capacity: nil),
                          Recurrence(everyMonths: 2, count: max(1, months / 2)), "ama_starts"))
        }
        for (input, _, field) in plans {
            do { _ = try EventActions.validate(input) } catch let f as ValidationFailure {
                problems += f.problems.map { FieldProblem(field: $0.field == "starts" || $0.field == "ends" ? field : $0.field, key: $0.key, values: $0.values) }
            }
        }
        if !problems.isEmpty { throw ValidationFailure(problems) }
        let chosen = plans
        try await ctx.db.transaction { tx in
            let txCtx = ActionContext(db: tx, services: ctx.services, hasher: ctx.hasher, address: ctx.address)
            for (input, recurrence, _) in chosen {
                _ = try await EventActions.createSeries(in: community, input, recurrence: recurrence, by: person, ctx: txCtx)
            }
        }
    }
}
