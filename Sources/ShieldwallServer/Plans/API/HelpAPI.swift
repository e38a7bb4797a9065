import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Calls for help through the API, with the same rules as the pages (`HelpScope`, `HelpActions`).
struct HelpAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(APIURL.helpRequests, use: list)
        routes.post(APIURL.helpRequests, use: raise)
        routes.get(APIURL.helpRequest, use: show)
        routes.post(APIURL.helpRequestActions, use: act)
    }

    struct Summary: Content {
        let id: UUID
        let organisation: String
        let description: String
        /// `open`, `taken` or `resolved`.
        let status: String
        let takenBy: String?
        let createdAt: Date
    }

    struct Event: Content {
        let kind: String
        let person: String
        let body: String
        let at: Date
    }

    struct Detail: Content {
        let id: UUID
        let organisation: String
        let raisedBy: String
        let description: String
        let affected: String
        let contact: String
        let tlp: String
        let status: String
        let takenBy: String?
        let playbook: String?
        let timeline: [Event]
    }

    @Sendable func list(req: Request) async throws -> [Summary] {
        let person = try req.requireAPIPerson()
        return try await HelpScope.visible(to: person, on: req.db).map { r in
            Summary(id: try r.requireID(), organisation: r.organisation.name, description: r.description, status: r.status.rawValue,
                    takenBy: r.takenBy?.displayName, createdAt: r.createdAt)
        }
    }

    static func detail(_ request: HelpRequest, standing: HelpScope.Standing, on db: any Database) async throws -> Detail {
        let page = try await HelpRequestPage.build(request, standing: standing, language: CatalogueSet.baseLanguage, on: db)
        return Detail(id: page.id, organisation: page.firm, raisedBy: page.raisedBy, description: page.description, affected: page.affected,
                      contact: page.contact, tlp: page.tlp.rawValue, status: page.status.rawValue, takenBy: page.takenBy, playbook: request.playbook,
                      timeline: page.timeline.map { Event(kind: $0.kind.rawValue, person: $0.person, body: $0.body, at: $0.at) })
    }

    @Sendable func raise(req: Request) async throws -> Response {
        let person = try req.requireAPIPerson()
        let words = try req.content.decode(HelpForm.self).words
        let request = try await HelpActions.raise(words, by: person, ctx: ActionContext(req))
        return try await Self.detail(request, standing: HelpScope.Standing(isFirm: true, isHelper: false), on: req.db)
            .encodeResponse(status: .created, for: req)
    }

    @Sendable func show(req: Request) async throws -> Detail {
        let person = try req.requireAPIPerson()
        let (request, standing) = try await HelpScope.load(req, person: person)
        return try await Self.detail(request, standing: standing, on: req.db)
    }

    @Sendable func act(req: Request) async throws -> Detail {
        let person = try req.requireAPIPerson()
        let (request, standing) = try await HelpScope.load(req, person: person)
        let body = try req.content.decode(HelpActionForm.self)
        try await HelpActions.act(request, action: body.action, body: body.body, standing: standing, by: person, ctx: ActionContext(req))
        return try await Self.detail(request, standing: standing, on: req.db)
    }
}
