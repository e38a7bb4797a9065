import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Starting threads, replying, editing with history, accepting answers, "helpful", moderation and
/// reports to the facilitator. Each action checks `ConversationAccess`, validates everything before
/// writing, writes in one transaction (search index and notifications included), then sends e-mail.
enum ConversationActions {
    struct ThreadInput: Sendable {
        var kind: String?
        var title: String?
        var body: String?
        var tags: String?
        var poll: PollActions.Input?
    }

    struct ValidThread {
        let kind: ThreadKind
        let title: String
        let body: String
        let tags: [String]
    }

    static func validate(_ input: ThreadInput, requireKind: Bool = true) throws -> ValidThread {
        var problems = ProblemList()
        let kind = ThreadKind(rawValue: input.kind ?? "")
        if requireKind && kind == nil { problems.add("kind", "error.choose-one") }
        let title = problems.text("title", input.title, maxLength: ConversationLimits.title)
        if !title.isEmpty && title.count < ConversationLimits.titleMinimum {
            problems.add("title", "thread.error.title-short", ["min": String(ConversationLimits.titleMinimum)])
        }
        let body = problems.text("body", input.body, maxLength: ConversationLimits.body)
        let tags = problems.tags("tags", input.tags)
        try problems.throwIfAny()
        return ValidThread(kind: kind ?? .discussion, title: title, body: body, tags: tags)
    }

    static func validBody(_ text: String?, field: String = "body") throws -> String {
        var problems = ProblemList()
        let body = problems.text(field, text, maxLength: ConversationLimits.body)
        try problems.throwIfAny()
        return body
    }

    /// - Parameter event: the Ask-Me-Anything the question is for (its questions page lists it).
    /// A question for an Ask-Me-Anything: a short question needs no more words, the title stands for the body too.
    static func askAMA(title: String?, body: String?, event: CommunityEvent, in community: Community, standing: CommunityStanding,
                       by person: SignedIn, ctx: ActionContext) async throws -> ConversationThread {
        let text = (body ?? "").trimmingWhitespace().isEmpty ? title : body
        return try await start(.init(kind: ThreadKind.question.rawValue, title: title, body: text, tags: "ama", poll: nil), in: community,
                               standing: standing, by: person, event: try event.requireID(), ctx: ctx)
    }

    static func start(_ input: ThreadInput, in community: Community, standing: CommunityStanding, by person: SignedIn,
                      event: UUID? = nil, ctx: ActionContext) async throws -> ConversationThread {
        let v = try validate(input)
        guard ConversationAccess.canStart(v.kind, standing) else {
            throw Refusal(.forbidden, v.kind == .announcement ? "thread.error.announcements-who" : "error.community-not-found")
        }
        let poll = try input.poll.map { try PollActions.validate($0, now: ctx.now) }
        let communityID = try community.requireID()
        let thread = ConversationThread(communityID: communityID, authorID: person.personID, kind: v.kind, title: v.title,
                                        body: v.body, tags: v.tags, at: ctx.now)
        thread.$event.id = event
        let mail = try await ctx.db.transaction { tx -> [Notifier.Pending] in
            try await thread.create(on: tx)
            let threadID = try thread.requireID()
            if let poll { try await PollActions.create(poll, in: threadID, on: tx, now: ctx.now) }
            try await SearchIndex.put(.thread, ref: threadID, thread: nil, community: communityID, title: v.title, body: v.body, on: tx)
            var pending = try await Notifier.mentions(in: v.body, community: communityID, thread: threadID, by: person.personID, on: tx, now: ctx.now)
            if v.kind == .question {
                pending += try await Notifier.experts(of: communityID, thread: threadID, by: person.personID,
                                                      except: Set(pending.map(\.personID)), on: tx, now: ctx.now)
            }
            return pending
        }
        await Notifier.mailNow(mail, ctx: ctx)
        return thread
    }

    static func reply(to thread: ConversationThread, body text: String?, standing: CommunityStanding, by person: SignedIn,
                      ctx: ActionContext) async throws -> ThreadPost {
        let body = try validBody(text)
        guard ConversationAccess.canReply(locked: thread.locked, standing) else {
            throw Refusal(.forbidden, "thread.error.locked")
        }
        let threadID = try thread.requireID()
        let communityID = thread.$community.id
        let expert = ConversationAccess.isExpertAnswer(standing.role)
        let post = ThreadPost(threadID: threadID, authorID: person.personID, body: body, expert: expert, at: ctx.now)
        let mail = try await ctx.db.transaction { tx -> [Notifier.Pending] in
            try await post.create(on: tx)
            thread.replyCount += 1
            thread.lastActivityAt = ctx.now
            if expert && thread.kind == .question && thread.firstExpertAnswerAt == nil && thread.$author.id != person.personID {
                thread.firstExpertAnswerAt = ctx.now
            }
            try await thread.update(on: tx)
            try await SearchIndex.put(.post, ref: try post.requireID(), thread: threadID, community: communityID, title: "", body: body, on: tx)
            var pending: [Notifier.Pending] = []
            if thread.$author.id != person.personID {
                let kind: NotificationKind = expert && thread.kind == .question ? .answer : .reply
                pending += try await Notifier.notify([thread.$author.id], kind: kind, community: communityID, thread: threadID,
                                                     actor: person.personID, on: tx, now: ctx.now)
            }
            pending += try await Notifier.mentions(in: body, community: communityID, thread: threadID, by: person.personID,
                                                   except: [thread.$author.id], on: tx, now: ctx.now)
            return pending
        }
        await Notifier.mailNow(mail, ctx: ctx)
        return post
    }

    /// The opening post: the old words are kept as a revision, then replaced.
    static func editThread(_ thread: ConversationThread, _ input: ThreadInput, standing: CommunityStanding, by person: SignedIn,
                           ctx: ActionContext) async throws {
        guard ConversationAccess.canEdit(authorID: thread.$author.id, viewerID: person.personID, standing) else {
            throw Refusal(.forbidden, "thread.error.edit-who")
        }
        let v = try validate(input, requireKind: false)
        let threadID = try thread.requireID()
        guard v.title != thread.title || v.body != thread.body || Tags.stored(v.tags) != thread.tags else { return }
        try await ctx.db.transaction { tx in
            try await PostRevision(threadID: threadID, postID: nil, editorID: person.personID, title: thread.title, body: thread.body, at: ctx.now)
                .create(on: tx)
            thread.title = v.title
            thread.body = v.body
            thread.tags = Tags.stored(v.tags)
            thread.editedAt = ctx.now
            try await thread.update(on: tx)
            try await SearchIndex.put(.thread, ref: threadID, thread: nil, community: thread.$community.id, title: v.title, body: v.body, on: tx)
        }
    }

    static func editPost(_ post: ThreadPost, in thread: ConversationThread, body text: String?, standing: CommunityStanding,
                         by person: SignedIn, ctx: ActionContext) async throws {
        guard ConversationAccess.canEdit(authorID: post.$author.id, viewerID: person.personID, standing) else {
            throw Refusal(.forbidden, "thread.error.edit-who")
        }
        let body = try validBody(text)
        guard body != post.body else { return }
        let postID = try post.requireID()
        try await ctx.db.transaction { tx in
            try await PostRevision(threadID: post.$thread.id, postID: postID, editorID: person.personID, title: nil, body: post.body, at: ctx.now)
                .create(on: tx)
            post.body = body
            post.editedAt = ctx.now
            try await post.update(on: tx)
            try await SearchIndex.put(.post, ref: postID, thread: post.$thread.id, community: thread.$community.id, title: "", body: body, on: tx)
        }
    }

    /// Marks (or, with `nil`, unmarks) the reply that answered a question.
    static func accept(_ postID: UUID?, in thread: ConversationThread, standing: CommunityStanding, by person: SignedIn,
                       ctx: ActionContext) async throws {
        guard ConversationAccess.canAccept(kind: thread.kind, askerID: thread.$author.id, viewerID: person.personID, standing) else {
            throw Refusal(.forbidden, "thread.error.accept-who")
        }
        if let postID {
            guard try await ThreadPost.query(on: ctx.db).filter(\.$id == postID).filter(\.$thread.$id == (try thread.requireID())).first() != nil
            else { throw ValidationFailure(field: "post", key: "thread.error.no-such-reply") }
        }
        thread.acceptedPostID = postID
        try await thread.update(on: ctx.db)
    }

    /// "Helpful" on a reply, or taken back when given before. Not on one's own reply.
    static func toggleHelpful(_ post: ThreadPost, standing: CommunityStanding, by person: SignedIn, ctx: ActionContext) async throws {
        guard CommunityAccess.canParticipate(standing) else { throw Abort(.notFound) }
        guard post.$author.id != person.personID else { throw ValidationFailure(field: "post", key: "thread.error.helpful-own") }
        let postID = try post.requireID()
        try await ctx.db.transaction { tx in
            if let existing = try await PostReaction.query(on: tx).filter(\.$post.$id == postID).filter(\.$person.$id == person.personID).first() {
                try await existing.delete(on: tx)
            } else {
                try await PostReaction(postID: postID, personID: person.personID).create(on: tx)
            }
            post.helpfulCount = try await PostReaction.query(on: tx).filter(\.$post.$id == postID).count()
            try await post.update(on: tx)
        }
    }

    /// Deletes a whole thread (replies, poll, history and its notifications go with it).
    static func deleteThread(_ thread: ConversationThread, standing: CommunityStanding, by person: SignedIn, ctx: ActionContext) async throws {
        guard ConversationAccess.canDelete(authorID: thread.$author.id, viewerID: person.personID, replies: thread.replyCount, isThread: true, standing) else {
            throw Refusal(.forbidden, "thread.error.delete-who")
        }
        let threadID = try thread.requireID()
        try await ctx.db.transaction { tx in
            try await SearchIndex.removeThread(threadID, on: tx)
            try await thread.delete(on: tx)
        }
    }

    /// Deletes a reply; the thread's count, accepted answer and first expert answer follow.
    static func deletePost(_ post: ThreadPost, in thread: ConversationThread, standing: CommunityStanding, by person: SignedIn,
                           ctx: ActionContext) async throws {
        guard ConversationAccess.canDelete(authorID: post.$author.id, viewerID: person.personID, replies: 0, isThread: false, standing) else {
            throw Refusal(.forbidden, "thread.error.delete-who")
        }
        let postID = try post.requireID()
        try await ctx.db.transaction { tx in
            try await SearchIndex.remove(ref: postID, on: tx)
            try await post.delete(on: tx)
            let rest = try await ThreadPost.query(on: tx).filter(\.$thread.$id == (try thread.requireID())).sort(\.$createdAt).all()
            thread.replyCount = rest.count
            if thread.acceptedPostID == postID { thread.acceptedPostID = nil }
            if thread.kind == .question {
                thread.firstExpertAnswerAt = rest.first { $0.expert && $0.$author.id != thread.$author.id }?.createdAt
            }
            try await thread.update(on: tx)
        }
    }

    /// "Me too" on a question, or taken back when given before.
    static func toggleVote(_ thread: ConversationThread, standing: CommunityStanding, by person: SignedIn, ctx: ActionContext) async throws {
        guard CommunityAccess.canParticipate(standing) else { throw Abort(.notFound) }
        let threadID = try thread.requireID()
        if let existing = try await ThreadVote.query(on: ctx.db).filter(\.$thread.$id == threadID).filter(\.$person.$id == person.personID).first() {
            try await existing.delete(on: ctx.db)
        } else {
            do {
                try await ThreadVote(threadID: threadID, personID: person.personID).create(on: ctx.db)
            } catch let error as any DatabaseError where error.isConstraintFailure {}  // a double click: already counted
        }
    }

    static func moderate(_ thread: ConversationThread, pinned: Bool?, locked: Bool?, standing: CommunityStanding, ctx: ActionContext) async throws {
        guard ConversationAccess.canModerate(standing) else { throw Abort(.forbidden) }
        if let pinned { thread.pinned = pinned }
        if let locked { thread.locked = locked }
        try await thread.update(on: ctx.db)
    }

    static func flag(_ thread: ConversationThread, post: UUID?, reason text: String?, standing: CommunityStanding, by person: SignedIn,
                     ctx: ActionContext) async throws {
        guard CommunityAccess.canParticipate(standing) else { throw Abort(.notFound) }
        var problems = ProblemList()
        let reason = problems.text("reason", text, maxLength: ConversationLimits.flagReason)
        try problems.throwIfAny()
        let threadID = try thread.requireID()
        if let post, try await ThreadPost.query(on: ctx.db).filter(\.$id == post).filter(\.$thread.$id == threadID).first() == nil {
            throw ValidationFailure(field: "post", key: "thread.error.no-such-reply")
        }
        let mail = try await ctx.db.transaction { tx -> [Notifier.Pending] in
            try await PostFlag(threadID: threadID, postID: post, reporterID: person.personID, reason: reason, at: ctx.now).create(on: tx)
            return try await Notifier.facilitators(of: thread.$community.id, thread: threadID, by: person.personID, on: tx, now: ctx.now)
        }
        await Notifier.mailNow(mail, ctx: ctx)
    }
}

extension ProblemList {
    /// Tags as typed ("backups, MFA") → ["backups", "mfa"], or the reason they cannot be used.
    mutating func tags(_ field: String, _ text: String?) -> [String] {
        switch Tags.parse(text ?? "") {
        case .success(let parsed): return parsed
        case .failure(.tooMany(let max)): add(field, "thread.error.tags-too-many", ["max": String(max)])
        case .failure(.invalid(let word)): add(field, "thread.error.tag-invalid", ["tag": String(word.prefix(40))])
        }
        return []
    }
}
