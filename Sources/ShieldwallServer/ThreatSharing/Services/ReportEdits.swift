import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Editing a shared report's words (the author or the facilitator) and a comment (its author or the
/// facilitator). The words before are kept as a revision everyone who sees the report can read; the
/// report's `modified` time moves, so STIX and TAXII consumers receive the new version. Marking,
/// anonymity and recipients are not edited: who may see a report is decided once (withdraw and share
/// again to change it).
enum ReportEdits {
    static func canEdit(_ report: ThreatReport, person: SignedIn, standing: CommunityStanding) -> Bool {
        report.$author.id == person.personID || CommunityAccess.canFacilitate(standing)
    }

    /// A comment: its writer, or the facilitator, while they take part (the rule for any words one wrote).
    static func canEditComment(authorID: UUID, viewerID: UUID?, standing: CommunityStanding) -> Bool {
        guard let viewerID else { return false }
        return ConversationAccess.canEdit(authorID: authorID, viewerID: viewerID, standing)
    }

    static func edit(_ report: ThreatReport, _ input: ReportActions.Input, by person: SignedIn, ctx: ActionContext) async throws {
        var problems = ProblemList()
        let words = ReportActions.checkWords(input, &problems)
        try problems.throwIfAny()
        let before = ReportActions.Words(title: report.title, summary: report.summary, narrative: report.narrative,
                                         whatHappened: report.whatHappened, impact: report.impact, whatHelped: report.whatHelped)
        guard words != before else { return }
        try await ctx.db.transaction { tx in
            try await ReportRevision(before: report, editorID: person.personID, at: ctx.now).create(on: tx)
            report.title = words.title
            report.summary = words.summary
            report.narrative = words.narrative
            report.whatHappened = words.whatHappened
            report.impact = words.impact
            report.whatHelped = words.whatHelped
            report.modifiedAt = ctx.now
            report.addedAt = ctx.now
            try await report.update(on: tx)
            try await SearchIndex.put(report: report, on: tx)
            try await ThreatDataVersion.bump(on: tx)
        }
    }

    static func editComment(_ comment: ReportComment, body text: String?, by person: SignedIn, standing: CommunityStanding,
                            ctx: ActionContext) async throws {
        guard canEditComment(authorID: comment.$author.id, viewerID: person.personID, standing: standing) else {
            throw Refusal(.forbidden, "report.error.comment-edit-who")
        }
        var problems = ProblemList()
        let body = problems.text("body", text, maxLength: 10_000)
        try problems.throwIfAny()
        guard body != comment.body else { return }
        try await ctx.db.transaction { tx in
            try await CommentRevision(commentID: try comment.requireID(), editorID: person.personID, body: comment.body, at: ctx.now).create(on: tx)
            comment.body = body
            comment.editedAt = ctx.now
            try await comment.update(on: tx)
        }
    }
}
