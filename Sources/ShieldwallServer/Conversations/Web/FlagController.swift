import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Posts reported to the facilitator: the open reports of a community, and marking one dealt with.
struct FlagController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.communityFlags, use: list)
        routes.post(SiteURL.communityFlagResolve, use: resolve)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let (community, standing, _) = try await CommunityStandings.content(req)
        try req.requireFacilitator(standing)
        let threads = try await ConversationThread.query(on: req.db).filter(\.$community.$id == (try community.requireID())).all(\.$id)
        let flags = threads.isEmpty ? [] : try await PostFlag.query(on: req.db).filter(\.$thread.$id ~~ threads.compactMap { $0 })
            .filter(\.$resolvedAt == nil).sort(\.$createdAt).with(\.$thread).with(\.$reporter).with(\.$post).all()
        return FlagView.list(try await req.pageContext(), try CommunityCard(community), flags: flags)
    }

    @Sendable func resolve(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunityStandings.content(req)
        try req.requireFacilitator(standing)
        guard let id = req.parameters.get(.flagID, as: UUID.self),
              let flag = try await PostFlag.query(on: req.db).join(ConversationThread.self, on: \PostFlag.$thread.$id == \ConversationThread.$id)
                .filter(ConversationThread.self, \.$community.$id == (try community.requireID())).filter(\.$id == id).first()
        else { throw Abort(.notFound, reason: req.t("flags.not-found")) }
        flag.resolvedAt = req.now
        flag.$resolvedBy.id = person.personID
        try await flag.update(on: req.db)
        return req.seeOther(SiteURL.communityFlags(community.slug).path, flash: "flash.flag-resolved")
    }
}

enum FlagView {
    static func list(_ ctx: PageContext, _ card: CommunityCard, flags: [PostFlag]) -> Response {
        Layout.page(ctx, title: ctx.t("flags.title", ["community": card.name]), content: [
            .p(.a(.href(SiteURL.communityDiscussions(card.slug).path), .text(ctx.t("discussions.back")))),
            .p(.text(ctx.t("flags.intro"))),
            Table.render(caption: ctx.t("flags.caption"),
                         headers: [ctx.t("flags.thread"), ctx.t("flags.what"), ctx.t("flags.reason"), ctx.t("flags.by"), ctx.t("flags.at"), ""],
                         rows: flags.map { f in
                            let threadID = f.$thread.id
                            return [
                                .a(.href(SiteURL.thread(threadID).path + (f.$post.id.map { "#post-\($0)" } ?? "")), .text(f.thread.title)),
                                .text(f.post.map { String($0.body.prefix(140)) } ?? ctx.t("flags.opening-post")),
                                .text(f.reason), .text(f.reporter.displayName), Format.time(f.createdAt),
                                Forms.button(ctx, action: SiteURL.communityFlagResolve(card.slug, f.id ?? UUID()).path, text: ctx.t("flags.resolve")),
                            ]
                         }, empty: ctx.t("flags.empty")),
        ])
    }
}
