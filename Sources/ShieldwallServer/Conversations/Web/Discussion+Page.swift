import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// One line of a community's discussion list.
struct ThreadRow: Sendable {
    let id: UUID
    let kind: ThreadKind
    let title: String
    let author: String
    let tags: [String]
    let replies: Int
    let pinned: Bool
    let locked: Bool
    let answered: Bool
    let lastActivity: Date

    init(_ t: ConversationThread) throws {
        id = try t.requireID(); kind = t.kind; title = t.title; author = t.author.displayName; tags = t.tagList
        replies = t.replyCount; pinned = t.pinned; locked = t.locked; answered = t.isAnswered; lastActivity = t.lastActivityAt
    }
}

/// A community's discussions, filtered by kind, tag and "unanswered", pinned first then by last activity.
struct DiscussionListPage: Sendable {
    struct Filter: Sendable {
        var kind: ThreadKind?
        var tag: String
        var unanswered: Bool
    }

    let card: CommunityCard
    let threads: [ThreadRow]
    let filter: Filter
    let canStart: Bool
    let isExpert: Bool

    static func build(_ community: Community, standing: CommunityStanding, scope: ConversationScope, filter: Filter,
                      on db: any Database) async throws -> DiscussionListPage {
        var query = scope.threads(on: db).filter(\.$community.$id == (try community.requireID()))
        if let kind = filter.kind { query = query.filter(\.$kind == kind) }
        if !filter.tag.isEmpty { query = query.filter(\.$tags ~~ ",\(filter.tag),") }
        if filter.unanswered { query = query.unansweredQuestions() }
        let threads = try await query.sort(\.$pinned, .descending).sort(\.$lastActivityAt, .descending).limit(200).with(\.$author).all()
        return DiscussionListPage(card: try CommunityCard(community), threads: try threads.map(ThreadRow.init), filter: filter,
                                  canStart: CommunityAccess.canParticipate(standing), isExpert: ConversationAccess.isExpertAnswer(standing.role))
    }
}

/// A new thread as typed, with an optional poll.
struct ThreadForm: Content {
    var kind: String?
    var title: String?
    var body: String?
    var tags: String?
    var poll: String?
    var poll_question: String?
    var poll_options: String?
    var poll_multiple: String?
    var poll_closes: String?

    var input: ConversationActions.ThreadInput {
        let poll = self.poll == "true" ? PollActions.Input(question: poll_question, options: poll_options, multiple: poll_multiple == "true",
                                                            closesInDays: Int(poll_closes ?? "7") ?? 0) : nil
        return ConversationActions.ThreadInput(kind: kind, title: title, body: body, tags: tags, poll: poll)
    }
}

/// Starting a thread: the kinds this person may start here (only facilitators and experts announce).
struct NewThreadPage: Sendable {
    let card: CommunityCard
    let form: ThreadForm
    let kinds: [ThreadKind]
    let errors: [String: String]

    init(_ community: Community, standing: CommunityStanding, form: ThreadForm, errors: [String: String] = [:]) throws {
        card = try CommunityCard(community)
        self.form = form
        kinds = ThreadKind.allCases.filter { ConversationAccess.canStart($0, standing) }
        self.errors = errors
    }
}

/// The private Atom address of a community's threads: whether the person has one, and a new one shown once.
struct DiscussionFeedPage: Sendable {
    let card: CommunityCard
    let address: String?
    let hasAddress: Bool
}
