import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Playbooks, adoptions and runs through the API, with the same rules as the pages (`PlaybookScope`,
/// `PlaybookActions`).
struct PlaybookAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(APIURL.communityPlaybooks, use: list)
        routes.post(APIURL.communityPlaybooks, use: create)
        routes.get(APIURL.communityPlaybook, use: show)
        routes.put(APIURL.communityPlaybook, use: save)
        routes.put(APIURL.communityPlaybookAdoption, use: adopt)
        routes.post(APIURL.communityPlaybookRuns, use: start)
        routes.get(APIURL.playbookRun, use: run)
        routes.post(APIURL.playbookRunStep, use: tick)
        routes.post(APIURL.playbookRunClose, use: close)
        routes.post(APIURL.playbookRunReport, use: share)
    }

    struct Summary: Content {
        let key: String
        let title: String
        let summary: String
        /// `shipped`, `adapted` or `own`.
        let source: String
        let adopted: Bool
    }

    struct Detail: Content {
        let source: String
        let playbook: Playbook
        /// The caller's firm's contacts, when it adopted the playbook.
        let contacts: [String: String]?
    }

    struct RunDTO: Content {
        struct Step: Content {
            let id: String
            let phase: String
            let text: String
            let call: String?
            let doneAt: Date?
            let doneBy: String?
            let note: String?
        }
        let id: UUID
        let key: String
        let title: String
        let startedAt: Date
        let closedAt: Date?
        let summary: String
        let reportId: UUID?
        let contacts: [String: String]
        let steps: [Step]
    }

    @Sendable func list(req: Request) async throws -> [Summary] {
        let person = try req.requireAPIPerson()
        let (community, standing) = try await CommunityStandings.load(req)
        try req.require(PlanAccess.canRead(standing))
        let page = try await PlaybooksPage.build(community, standing: standing, viewer: person, on: req.db)
        return page.rows.map { Summary(key: $0.key, title: $0.title, summary: $0.summary, source: $0.source.rawValue, adopted: $0.adopted) }
    }

    @Sendable func show(req: Request) async throws -> Detail {
        let (community, standing, person, entry) = try await PlaybookScope.loadAPI(req)
        let page = try await PlaybookPage.build(community, entry: entry, standing: standing, viewer: person, on: req.db)
        return Detail(source: entry.source.rawValue, playbook: entry.playbook, contacts: page.adopted ? page.contacts : nil)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let person = try req.requireAPIPerson()
        let (community, standing) = try await CommunityStandings.load(req)
        try req.require(PlanAccess.canRead(standing))
        let words = try req.content.decode(PlaybookForm.self).words
        let playbook = try await PlaybookActions.save(words, key: nil, in: community, standing: standing, by: person, ctx: ActionContext(req))
        return try await Detail(source: PlaybookScope.Entry.Source.own.rawValue, playbook: playbook, contacts: nil)
            .encodeResponse(status: .created, for: req)
    }

    @Sendable func save(req: Request) async throws -> Detail {
        let (community, standing, person, entry) = try await PlaybookScope.loadAPI(req)
        let words = try req.content.decode(PlaybookForm.self).words
        let playbook = try await PlaybookActions.save(words, key: entry.key, in: community, standing: standing, by: person, ctx: ActionContext(req))
        return Detail(source: (entry.source == .own ? PlaybookScope.Entry.Source.own : .adapted).rawValue, playbook: playbook, contacts: nil)
    }

    struct AdoptionBody: Content { var contacts: [String: String]? }

    @Sendable func adopt(req: Request) async throws -> HTTPStatus {
        let (community, _, person, entry) = try await PlaybookScope.loadAPI(req)
        let body = try req.content.decode(AdoptionBody.self)
        try await PlaybookActions.adopt(entry, contacts: body.contacts ?? [:], in: community, by: person, ctx: ActionContext(req))
        return .noContent
    }

    @Sendable func start(req: Request) async throws -> Response {
        let (community, _, person, entry) = try await PlaybookScope.loadAPI(req)
        let run = try await PlaybookActions.start(entry, in: community, by: person, ctx: ActionContext(req))
        return try await Self.dto(run, on: req.db).encodeResponse(status: .created, for: req)
    }

    static func dto(_ run: PlaybookRun, on db: any Database) async throws -> RunDTO {
        let page = try await PlaybookRunPage.build(run, on: db)
        let steps = page.playbook.phases.flatMap { phase in
            phase.steps.map { s in
                let tick = page.ticks[s.id]
                return RunDTO.Step(id: s.id, phase: phase.title, text: s.text, call: s.call?.rawValue, doneAt: tick?.at, doneBy: tick?.by, note: tick?.note)
            }
        }
        return RunDTO(id: page.id, key: page.playbook.id, title: page.playbook.title, startedAt: page.startedAt, closedAt: page.closedAt,
                      summary: page.summary, reportId: page.reportID, contacts: page.contacts, steps: steps)
    }

    @Sendable func run(req: Request) async throws -> RunDTO {
        try await Self.dto(try await PlaybookScope.run(req, person: try req.requireAPIPerson()), on: req.db)
    }

    struct TickBody: Content { var note: String? }

    @Sendable func tick(req: Request) async throws -> RunDTO {
        let person = try req.requireAPIPerson()
        let run = try await PlaybookScope.run(req, person: person)
        try await PlaybookActions.tick(run, step: req.parameters.get(.stepID) ?? "", note: try req.content.decode(TickBody.self).note, by: person,
                                       ctx: ActionContext(req))
        return try await Self.dto(run, on: req.db)
    }

    struct CloseBody: Content { var summary: String? }

    @Sendable func close(req: Request) async throws -> RunDTO {
        let person = try req.requireAPIPerson()
        let run = try await PlaybookScope.run(req, person: person)
        try await PlaybookActions.close(run, summary: try req.content.decode(CloseBody.self).summary, by: person, ctx: ActionContext(req))
        return try await Self.dto(run, on: req.db)
    }

    struct LessonBody: Content {
        var title: String?
        var summary: String?
        var whatHappened: String?
        var impact: String?
        var whatHelped: String?
        var tlp: String?
        var anonymous: Bool?
    }

    struct Shared: Content { let reportId: UUID }

    @Sendable func share(req: Request) async throws -> Response {
        let person = try req.requireAPIPerson()
        let run = try await PlaybookScope.run(req, person: person)
        let b = try req.content.decode(LessonBody.self)
        let lesson = LessonDraft(title: b.title, summary: b.summary, whatHappened: b.whatHappened, impact: b.impact, whatHelped: b.whatHelped,
                                 tlp: b.tlp, anonymous: b.anonymous ?? true)
        let id = try await PlaybookActions.share(run, lesson: lesson, by: person, ctx: ActionContext(req))
        return try await Shared(reportId: id).encodeResponse(status: .created, for: req)
    }
}
