import Fluent
import Foundation
import ShieldwallCore

/// A report shared into a community: an incident, a phishing e-mail, an advisory, a lesson learned.
/// Who sees it is decided by `ReportScope` alone (TLP and anonymity, DESIGN.md §3).
public final class ThreatReport: Model, @unchecked Sendable {
    public static let schema = "threat_reports"

    public enum Kind: String, StoredChoice { case incident, phishing, advisory, vulnerability, lessonLearned = "lesson_learned" }
    public enum Status: String, StoredChoice { case open, monitoring, resolved }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "community_id") public var community: Community
    @Parent(key: "author_id") public var author: Person
    @OptionalParent(key: "organisation_id") public var organisation: Organisation?
    @Choice(key: "kind") public var kind: Kind
    @Field(key: "title") public var title: String
    @Field(key: "summary") public var summary: String
    @Field(key: "narrative") public var narrative: String
    @Field(key: "what_happened") public var whatHappened: String
    @Field(key: "impact") public var impact: String
    @Field(key: "what_helped") public var whatHelped: String
    @Choice(key: "tlp") public var tlp: TLP
    @Field(key: "anonymous") public var anonymous: Bool
    @Choice(key: "status") public var status: Status
    /// The STIX id it is known by outside (kept from an import, so re-importing updates it).
    @Field(key: "stix_id") public var stixID: String
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "modified_at") public var modifiedAt: Date
    /// When this version arrived on this instance (TAXII `date_added`): an old bundle imported today is new here.
    /// Nil for reports from before it was kept (migration 026).
    @OptionalField(key: "added_at") public var addedAt: Date?

    public init() {}

    public func facts(recipients: Set<UUID>) -> ReportFacts {
        ReportFacts(tlp: tlp, communityID: $community.id, authorID: $author.id, authorOrganisationID: $organisation.id,
                    anonymous: anonymous, recipients: recipients)
    }
}

extension ThreatReport {
    /// Listed here so that Fluent need not find them by reflection for every row it reads; kept equal to the
    /// declarations above by `ModelPropertiesTests`.
    public var properties: [any AnyProperty] {
        [
            $id, $community, $author, $organisation, $kind, $title, $summary, $narrative, $whatHappened, $impact, $whatHelped, $tlp,
            $anonymous, $status, $stixID, $createdAt, $modifiedAt, $addedAt,
        ]
    }
}

/// For TLP:RED: the people the author named.
public final class ReportRecipient: Model, @unchecked Sendable {
    public static let schema = "report_recipients"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "report_id") public var report: ThreatReport
    @Parent(key: "person_id") public var person: Person

    public init() {}

    public init(reportID: UUID, personID: UUID) {
        self.$report.id = reportID
        self.$person.id = personID
    }
}

public final class ReportComment: Model, @unchecked Sendable {
    public static let schema = "report_comments"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "report_id") public var report: ThreatReport
    @Parent(key: "author_id") public var author: Person
    @Field(key: "body") public var body: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "edited_at") public var editedAt: Date?

    public init() {}

    public init(reportID: UUID, authorID: UUID, body: String, createdAt: Date) {
        self.$report.id = reportID
        self.$author.id = authorID
        self.body = body
        self.createdAt = createdAt
    }
}

/// A report's words before an edit.
public final class ReportRevision: Model, @unchecked Sendable {
    public static let schema = "report_revisions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "report_id") public var report: ThreatReport
    @Parent(key: "editor_id") public var editor: Person
    @Field(key: "title") public var title: String
    @Field(key: "summary") public var summary: String
    @Field(key: "narrative") public var narrative: String
    @Field(key: "what_happened") public var whatHappened: String
    @Field(key: "impact") public var impact: String
    @Field(key: "what_helped") public var whatHelped: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    /// The report as it stands, before `editor` changes it.
    public init(before report: ThreatReport, editorID: UUID, at: Date) throws {
        self.$report.id = try report.requireID()
        self.$editor.id = editorID
        title = report.title
        summary = report.summary
        narrative = report.narrative
        whatHappened = report.whatHappened
        impact = report.impact
        whatHelped = report.whatHelped
        createdAt = at
    }
}

/// A comment's words before an edit.
public final class CommentRevision: Model, @unchecked Sendable {
    public static let schema = "comment_revisions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "comment_id") public var comment: ReportComment
    @Parent(key: "editor_id") public var editor: Person
    @Field(key: "body") public var body: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(commentID: UUID, editorID: UUID, body: String, at: Date) {
        self.$comment.id = commentID
        self.$editor.id = editorID
        self.body = body
        createdAt = at
    }
}
