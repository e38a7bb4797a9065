import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A report's words as edited by its author or the facilitator.
struct ReportEditForm: Content {
    var title: String?
    var summary: String?
    var narrative: String?
    var what_happened: String?
    var impact: String?
    var what_helped: String?

    init(title: String? = nil, summary: String? = nil, narrative: String? = nil, what_happened: String? = nil, impact: String? = nil,
         what_helped: String? = nil) {
        self.title = title; self.summary = summary; self.narrative = narrative; self.what_happened = what_happened
        self.impact = impact; self.what_helped = what_helped
    }

    /// The report's words as they stand.
    init(_ r: ThreatReport) {
        self.init(title: r.title, summary: r.summary, narrative: r.narrative, what_happened: r.whatHappened, impact: r.impact, what_helped: r.whatHelped)
    }

    var input: ReportActions.Input {
        ReportActions.Input(title: title, summary: summary, narrative: narrative, whatHappened: what_happened, impact: impact, whatHelped: what_helped)
    }
}

struct ReportEditPage: Sendable {
    let reportID: UUID
    let reportTitle: String
    let form: ReportEditForm
    let errors: [String: String]

    init(_ report: ThreatReport, form: ReportEditForm, errors: [String: String] = [:]) throws {
        reportID = try report.requireID()
        reportTitle = report.title
        self.form = form
        self.errors = errors
    }
}

/// Every earlier version of the report's words and of its comments. Editors are named only where the report names
/// its author: an anonymous author's edits stay anonymous.
struct ReportHistoryPage: Sendable {
    struct Revision: Sendable {
        let editor: String
        let at: Date
        let title: String
        let summary: String
        let narrative: String
    }

    struct EditedComment: Sendable {
        let editor: String
        let at: Date
        let body: String
    }

    let reportID: UUID
    let reportTitle: String
    let revisions: [Revision]
    let comments: [EditedComment]

    /// `anonymousName` stands in for the author where they may not be named.
    static func build(_ report: ThreatReport, scope: ReportScope, anonymousName: String, on db: any Database) async throws -> ReportHistoryPage {
        let reportID = try report.requireID()
        let revisions = try await ReportRevision.query(on: db).filter(\.$report.$id == reportID).sort(\.$createdAt, .descending)
            .with(\.$editor).all()
        let commentIDs = try await ReportComment.query(on: db).filter(\.$report.$id == reportID).all().map { try $0.requireID() }
        let commentRevisions = commentIDs.isEmpty ? [] : try await CommentRevision.query(on: db).filter(\.$comment.$id ~~ commentIDs)
            .sort(\.$createdAt, .descending).with(\.$editor).all()
        let named = scope.canSeeAuthor(report)
        func editor(_ person: Person) -> String { person.id == report.$author.id && !named ? anonymousName : person.displayName }
        return ReportHistoryPage(
            reportID: reportID, reportTitle: report.title,
            revisions: revisions.map { Revision(editor: editor($0.editor), at: $0.createdAt, title: $0.title, summary: $0.summary, narrative: $0.narrative) },
            comments: commentRevisions.map { EditedComment(editor: $0.editor.displayName, at: $0.createdAt, body: $0.body) })
    }
}

/// Editing one comment.
struct CommentEditPage: Sendable {
    let reportID: UUID
    let reportTitle: String
    let commentID: UUID
    let body: String
    let error: String?
}
