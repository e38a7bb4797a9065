import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The community's playbooks: reading them, the facilitator writing or adapting one, a firm adopting one and
/// starting a run.
struct PlaybookController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.communityPlaybooks, use: list)
        routes.get(SiteURL.communityPlaybookNew, use: newForm)
        routes.post(SiteURL.communityPlaybookNew, use: create)
        routes.get(SiteURL.communityPlaybook, use: show)
        routes.get(SiteURL.communityPlaybookEdit, use: editForm)
        routes.post(SiteURL.communityPlaybookEdit, use: save)
        routes.post(SiteURL.communityPlaybookAdoption, use: adopt)
        routes.post(SiteURL.communityPlaybookRuns, use: start)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunityStandings.content(req)
        return PlaybooksView.list(try await req.pageContext(), try await PlaybooksPage.build(community, standing: standing, viewer: person, on: req.db))
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await Self.render(req, errors: [:], contacts: nil)
    }

    static func render(_ req: Request, errors: [String: String], contacts: [String: String]?, status: HTTPStatus = .ok) async throws -> Response {
        let (community, standing, person, entry) = try await PlaybookScope.load(req)
        var page = try await PlaybookPage.build(community, entry: entry, standing: standing, viewer: person, on: req.db)
        page.errors = errors
        if let contacts { page.contacts = contacts }
        return PlaybooksView.show(try await req.pageContext(), page, status: status)
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        let (community, standing, _) = try await CommunityStandings.content(req)
        guard PlanAccess.canEdit(standing) else { throw Refusal(.forbidden, "playbook.error.facilitator-only") }
        let page = PlaybookEditPage(card: try CommunityCard(community), key: nil, adaptsShipped: false,
                                    form: PlaybookForm(steps: "## " + req.t("playbook.steps-example-phase") + "\n- " + req.t("playbook.steps-example-step")))
        return PlaybooksView.edit(try await req.pageContext(), page)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunityStandings.content(req)
        let form = try req.content.decode(PlaybookForm.self)
        do {
            let playbook = try await PlaybookActions.save(form.words, key: nil, in: community, standing: standing, by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.communityPlaybook(community.slug, playbook.id).path, flash: "flash.playbook-saved")
        } catch let failure as ValidationFailure {
            let page = PlaybookEditPage(card: try CommunityCard(community), key: nil, adaptsShipped: false, form: form,
                                        errors: failure.messages(req.localiser))
            return PlaybooksView.edit(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    @Sendable func editForm(req: Request) async throws -> Response {
        let (community, standing, _, entry) = try await PlaybookScope.load(req)
        guard PlanAccess.canEdit(standing) else { throw Refusal(.forbidden, "playbook.error.facilitator-only") }
        let page = PlaybookEditPage(card: try CommunityCard(community), key: entry.key, adaptsShipped: entry.source != .own,
                                    form: PlaybookEditPage.form(entry.playbook))
        return PlaybooksView.edit(try await req.pageContext(), page)
    }

    @Sendable func save(req: Request) async throws -> Response {
        let (community, standing, person, entry) = try await PlaybookScope.load(req)
        let form = try req.content.decode(PlaybookForm.self)
        do {
            try await PlaybookActions.save(form.words, key: entry.key, in: community, standing: standing, by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.communityPlaybook(community.slug, entry.key).path, flash: "flash.playbook-saved")
        } catch let failure as ValidationFailure {
            let page = PlaybookEditPage(card: try CommunityCard(community), key: entry.key, adaptsShipped: entry.source != .own, form: form,
                                        errors: failure.messages(req.localiser))
            return PlaybooksView.edit(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    /// `contact_<role>` fields, as typed.
    static func contacts(_ req: Request) throws -> [String: String] {
        let fields = try req.content.decode([String: String].self)
        var out: [String: String] = [:]
        for role in ContactRole.allCases { if let value = fields["contact_\(role.rawValue)"] { out[role.rawValue] = value } }
        return out
    }

    @Sendable func adopt(req: Request) async throws -> Response {
        let (community, _, person, entry) = try await PlaybookScope.load(req)
        let contacts = try Self.contacts(req)
        do {
            try await PlaybookActions.adopt(entry, contacts: contacts, in: community, by: person, ctx: ActionContext(req))
        } catch let failure as ValidationFailure {
            return try await Self.render(req, errors: failure.messages(req.localiser), contacts: contacts, status: .unprocessableEntity)
        }
        return req.seeOther(SiteURL.communityPlaybook(community.slug, entry.key).path, flash: "flash.playbook-adopted")
    }

    @Sendable func start(req: Request) async throws -> Response {
        let (community, _, person, entry) = try await PlaybookScope.load(req)
        do {
            let run = try await PlaybookActions.start(entry, in: community, by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.playbookRun(try run.requireID()).path, flash: "flash.playbook-run-started")
        } catch let failure as ValidationFailure {
            return try await Self.render(req, errors: failure.messages(req.localiser), contacts: nil, status: .unprocessableEntity)
        }
    }
}
