import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A thread's opening post or a reply as edited.
struct ThreadEditForm: Content {
    var title: String?
    var body: String?
    var tags: String?
}

/// Editing the opening post (`postID` nil: title, body, tags) or a reply (its body).
struct ThreadEditPage: Sendable {
    let threadID: UUID
    let threadTitle: String
    let postID: UUID?
    let form: ThreadEditForm
    let errors: [String: String]

    init(_ thread: ConversationThread, postID: UUID? = nil, form: ThreadEditForm, errors: [String: String] = [:]) throws {
        threadID = try thread.requireID()
        threadTitle = thread.title
        self.postID = postID
        self.form = form
        self.errors = errors
    }
}

/// Every earlier version of the opening post and of each reply, newest first.
struct ThreadHistoryPage: Sendable {
    struct Revision: Sendable {
        let id: UUID
        let postID: UUID?
        let editor: String
        let at: Date
        let title: String?
        let body: String
    }

    let threadID: UUID
    let threadTitle: String
    let revisions: [Revision]

    static func build(_ thread: ConversationThread, on db: any Database) async throws -> ThreadHistoryPage {
        let revisions = try await PostRevision.query(on: db).filter(\.$thread.$id == (try thread.requireID()))
            .sort(\.$createdAt, .descending).with(\.$editor).all()
        return ThreadHistoryPage(threadID: try thread.requireID(), threadTitle: thread.title, revisions: try revisions.map {
            Revision(id: try $0.requireID(), postID: $0.$post.id, editor: $0.editor.displayName, at: $0.createdAt, title: $0.title, body: $0.body)
        })
    }
}
