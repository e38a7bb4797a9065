import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// An Ask-Me-Anything: its event collects questions beforehand, members vote them up ("me too"), the
/// experts answer them in their threads during and after the event, and the page stays as a record
/// (answered and still open, most wanted first).
struct AMAController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.communityEventQuestions, use: page)
        routes.post(SiteURL.communityEventQuestions, use: ask)
        routes.post(SiteURL.threadVote, use: vote)
    }

    /// The AMA event named by the path, in a community whose content the viewer may see; 404 for other kinds of event.
    static func load(_ req: Request) async throws -> (Community, CommunityStanding, SignedIn, CommunityEvent) {
        let (community, standing, person) = try await CommunityStandings.content(req)
        let event = try await EventController.event(req, in: community)
        guard event.kind == .ama else { throw Abort(.notFound, reason: req.t("ama.not-an-ama")) }
        return (community, standing, person, event)
    }

    @Sendable func page(req: Request) async throws -> Response {
        let (community, standing, person, event) = try await Self.load(req)
        let page = try await AMAPage.build(event, community: community, scope: try await ConversationScope.of(person, req),
                                           viewer: person.personID, canAsk: CommunityAccess.canParticipate(standing) && !event.cancelled, on: req.db)
        return AMAView.page(try await req.pageContext(), page)
    }

    @Sendable func ask(req: Request) async throws -> Response {
        let (community, standing, person, event) = try await Self.load(req)
        try req.require(CommunityAccess.canParticipate(standing))
        let form = try req.content.decode(AMAQuestionForm.self)
        do {
            _ = try await ConversationActions.askAMA(title: form.title, body: form.body, event: event, in: community, standing: standing, by: person,
                                                     ctx: ActionContext(req))
            return req.seeOther(SiteURL.communityEventQuestions(community.slug, try event.requireID()).path, flash: "flash.ama-question-sent")
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            let page = try await AMAPage.build(event, community: community, scope: try await ConversationScope.of(person, req),
                                               viewer: person.personID, canAsk: true, form: form, errors: failure.messages(ctx.localiser), on: req.db)
            return AMAView.page(ctx, page, status: .unprocessableEntity)
        }
    }

    @Sendable func vote(req: Request) async throws -> Response {
        let (thread, standing, person) = try await ThreadEditController.load(req)
        try await ConversationActions.toggleVote(thread, standing: standing, by: person, ctx: ActionContext(req))
        if let eventID = thread.$event.id {
            return req.seeOther(SiteURL.communityEventQuestions(thread.community.slug, eventID).path + "#q-\(try thread.requireID())")
        }
        return req.seeOther(SiteURL.thread(try thread.requireID()).path)
    }
}
