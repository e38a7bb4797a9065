import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The provider directory's pages: the list, proposing an entry, an entry, a curator's decision.
struct ProviderController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.providers, use: list)
        routes.post(SiteURL.providers, use: propose)
        routes.get(SiteURL.providerNew, use: new)
        routes.get(SiteURL.provider, use: show)
        routes.post(SiteURL.providerDecision, use: decide)
        routes.get(SiteURL.providerEdit, use: editForm)
        routes.post(SiteURL.providerEdit, use: edit)
        routes.post(SiteURL.providerReview, use: review)
        routes.post(SiteURL.providerCertification, use: verify)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let query = try req.query.decode(ProvidersPage.Query.self)
        return ProvidersView.list(try await req.pageContext(), try await ProvidersPage.build(person, query: query, on: req.db))
    }

    @Sendable func new(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        return ProvidersView.form(try await req.pageContext(), ProviderFormPage(curator: try await ProviderScope.canCurate(person, on: req.db)))
    }

    @Sendable func propose(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let form = try req.content.decode(ProviderForm.self)
        let curator = try await ProviderScope.canCurate(person, on: req.db)
        do {
            let provider = try await ProviderActions.propose(form.words, by: person, curator: curator, ctx: ActionContext(req))
            return req.seeOther(SiteURL.provider(try provider.requireID()).path, flash: curator ? "flash.provider-added" : "flash.provider-proposed")
        } catch let failure as ValidationFailure {
            let page = ProviderFormPage(form: form, errors: failure.messages(req.localiser), curator: curator)
            return ProvidersView.form(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    /// A curator's form to correct an entry, filled with what it says now.
    @Sendable func editForm(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let (provider, curator) = try await ProviderScope.load(req, person: person)
        guard curator else { throw Abort(.forbidden, reason: req.t("providers.error.curators-edit")) }
        let card = try ProviderCard(provider)
        return ProvidersView.form(try await req.pageContext(), ProviderFormPage(form: ProviderForm(card), curator: true, editing: (card.id, card.name)))
    }

    @Sendable func edit(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let (provider, curator) = try await ProviderScope.load(req, person: person)
        let form = try req.content.decode(ProviderForm.self)
        let id = try provider.requireID(), name = provider.name
        do {
            try await ProviderActions.edit(provider, form.words, curator: curator, ctx: ActionContext(req))
            return req.seeOther(SiteURL.provider(id).path, flash: "flash.provider-saved")
        } catch let failure as ValidationFailure {
            let page = ProviderFormPage(form: form, errors: failure.messages(req.localiser), curator: curator, editing: (id, name))
            return ProvidersView.form(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    @Sendable func show(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let (provider, curator) = try await ProviderScope.load(req, person: person)
        return ProvidersView.provider(try await req.pageContext(), try await ProviderPage.build(provider, person: person, curator: curator, on: req.db, now: req.now))
    }

    /// The operator marks a stated certification as checked, or as stated again.
    @Sendable func verify(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let (provider, _) = try await ProviderScope.load(req, person: person)
        let form = try req.content.decode(CertificationForm.self)
        try await ProviderActions.verify(provider, certification: form.name, checked: form.checked ?? false, by: person, ctx: ActionContext(req))
        return req.seeOther(SiteURL.provider(try provider.requireID()).path, flash: "flash.certification-saved")
    }

    /// The firm's review: written the first time, edited after (the replaced version is kept).
    @Sendable func review(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let (provider, curator) = try await ProviderScope.load(req, person: person)
        let form = try req.content.decode(ReviewForm.self)
        let ctx = ActionContext(req)
        do {
            if let firm = person.organisationID, let own = try await ProviderScope.review(of: try provider.requireID(), by: firm, on: req.db) {
                try await ReviewActions.edit(own, form.words, by: person, ctx: ctx)
                return req.seeOther(SiteURL.provider(try provider.requireID()).path, flash: "flash.review-saved")
            }
            _ = try await ReviewActions.write(provider, form.words, by: person, ctx: ctx)
            return req.seeOther(SiteURL.provider(try provider.requireID()).path, flash: "flash.review-sent")
        } catch let failure as ValidationFailure {
            var page = try await ProviderPage.build(provider, person: person, curator: curator, on: req.db, now: req.now)
            page.form = form
            page.errors = failure.messages(req.localiser)
            return ProvidersView.provider(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    @Sendable func decide(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let (provider, curator) = try await ProviderScope.load(req, person: person)
        let decision = try req.content.decode(ProviderDecisionForm.self).decision
        let approved = try await ProviderActions.decide(provider, decision: decision, curator: curator, by: person, ctx: ActionContext(req))
        return approved ? req.seeOther(SiteURL.provider(try provider.requireID()).path, flash: "flash.provider-approved")
            : req.seeOther(SiteURL.providers.path, flash: "flash.provider-declined")
    }
}
