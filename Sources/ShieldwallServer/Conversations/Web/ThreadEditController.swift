import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Editing a thread's opening post or a reply (the old words are kept), and the edit history.
struct ThreadEditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.threadEdit, use: editThreadForm)
        routes.post(SiteURL.threadEdit, use: editThread)
        routes.get(SiteURL.threadHistory, use: history)
        routes.get(SiteURL.postEdit, use: editPostForm)
        routes.post(SiteURL.postEdit, use: editPost)
        routes.post(SiteURL.threadDelete, use: deleteThread)
        routes.post(SiteURL.postDelete, use: deletePost)
    }

    static func load(_ req: Request) async throws -> (ConversationThread, CommunityStanding, SignedIn) {
        let person = try req.requirePerson()
        let (thread, standing) = try await ConversationScope.thread(req, for: person)
        return (thread, standing, person)
    }

    static func loadPost(_ req: Request) async throws -> (ThreadPost, ConversationThread, CommunityStanding, SignedIn) {
        let person = try req.requirePerson()
        let (post, thread, standing) = try await ConversationScope.post(req, for: person)
        return (post, thread, standing, person)
    }

    @Sendable func editThreadForm(req: Request) async throws -> Response {
        let (thread, standing, person) = try await Self.load(req)
        guard ConversationAccess.canEdit(authorID: thread.$author.id, viewerID: person.personID, standing) else {
            throw Abort(.forbidden, reason: req.t("thread.error.edit-who"))
        }
        let form = ThreadEditForm(title: thread.title, body: thread.body, tags: thread.tagList.joined(separator: ", "))
        return ThreadEditView.form(try await req.pageContext(), try ThreadEditPage(thread, form: form))
    }

    @Sendable func editThread(req: Request) async throws -> Response {
        let (thread, standing, person) = try await Self.load(req)
        let form = try req.content.decode(ThreadEditForm.self)
        do {
            try await ConversationActions.editThread(thread, .init(kind: nil, title: form.title, body: form.body, tags: form.tags),
                                                     standing: standing, by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.thread(try thread.requireID()).path, flash: "flash.thread-edited")
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            return ThreadEditView.form(ctx, try ThreadEditPage(thread, form: form, errors: failure.messages(ctx.localiser)), status: .unprocessableEntity)
        }
    }

    @Sendable func editPostForm(req: Request) async throws -> Response {
        let (post, thread, standing, person) = try await Self.loadPost(req)
        guard ConversationAccess.canEdit(authorID: post.$author.id, viewerID: person.personID, standing) else {
            throw Abort(.forbidden, reason: req.t("thread.error.edit-who"))
        }
        return ThreadEditView.form(try await req.pageContext(), try ThreadEditPage(thread, postID: try post.requireID(), form: ThreadEditForm(body: post.body)))
    }

    @Sendable func editPost(req: Request) async throws -> Response {
        let (post, thread, standing, person) = try await Self.loadPost(req)
        let form = try req.content.decode(ThreadEditForm.self)
        do {
            try await ConversationActions.editPost(post, in: thread, body: form.body, standing: standing, by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.thread(try thread.requireID()).path + "#post-\(try post.requireID())", flash: "flash.reply-edited")
        } catch let failure as ValidationFailure {
            let ctx = try await req.pageContext()
            let page = try ThreadEditPage(thread, postID: try post.requireID(), form: form, errors: failure.messages(ctx.localiser))
            return ThreadEditView.form(ctx, page, status: .unprocessableEntity)
        }
    }

    /// Every earlier version of the opening post and of each reply, newest first; readable by everyone who reads the thread.
    @Sendable func history(req: Request) async throws -> Response {
        let (thread, _, _) = try await Self.load(req)
        return ThreadEditView.history(try await req.pageContext(), try await ThreadHistoryPage.build(thread, on: req.db))
    }

    @Sendable func deleteThread(req: Request) async throws -> Response {
        let (thread, standing, person) = try await Self.load(req)
        let slug = thread.community.slug
        try await ConversationActions.deleteThread(thread, standing: standing, by: person, ctx: ActionContext(req))
        return req.seeOther(SiteURL.communityDiscussions(slug).path, flash: "flash.thread-deleted")
    }

    @Sendable func deletePost(req: Request) async throws -> Response {
        let (post, thread, standing, person) = try await Self.loadPost(req)
        try await ConversationActions.deletePost(post, in: thread, standing: standing, by: person, ctx: ActionContext(req))
        return req.seeOther(SiteURL.thread(try thread.requireID()).path, flash: "flash.reply-deleted")
    }
}
