import Fluent
import Foundation
import ShieldwallCore

/// A community's own playbook, or its adaptation of a shipped one (same key), which then replaces the shipped
/// one in that community.
public final class CommunityPlaybook: Model, @unchecked Sendable {
    public static let schema = "community_playbooks"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "community_id") public var community: Community
    @Field(key: "key") public var key: String
    /// The shipped playbook this adapts, if any.
    @OptionalField(key: "based_on") public var basedOn: String?
    /// `Playbook` as JSON.
    @Field(key: "content") public var contentJSON: String
    @Parent(key: "updated_by_id") public var updatedBy: Person
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public init(communityID: UUID, playbook: Playbook, basedOn: String?, by person: UUID, at date: Date) {
        self.$community.id = communityID
        self.key = playbook.id
        self.basedOn = basedOn
        self.contentJSON = playbook.json()
        self.$updatedBy.id = person
        self.updatedAt = date
    }

    public func playbook() throws -> Playbook {
        guard let playbook = Playbook.read(json: contentJSON) else {
            throw UnreadableRow(table: Self.schema, row: id?.uuidString ?? "?", field: "content", value: String(contentJSON.prefix(40)),
                                expected: ["a playbook as JSON"])
        }
        return playbook
    }
}

/// A firm's adoption of a playbook in a community, with the firm's own people to call.
public final class PlaybookAdoption: Model, @unchecked Sendable {
    public static let schema = "playbook_adoptions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "organisation_id") public var organisation: Organisation
    @Parent(key: "community_id") public var community: Community
    @Field(key: "key") public var key: String
    /// Contact role → who and how to reach them, as JSON.
    @Field(key: "contacts") public var contactsJSON: String
    @Parent(key: "adopted_by_id") public var adoptedBy: Person
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public init(organisationID: UUID, communityID: UUID, key: String, contacts: [String: String], by person: UUID, at date: Date) {
        self.$organisation.id = organisationID
        self.$community.id = communityID
        self.key = key
        self.contactsJSON = Self.json(contacts)
        self.$adoptedBy.id = person
        self.updatedAt = date
    }

    public var contacts: [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(contactsJSON.utf8))) ?? [:]
    }

    static func json(_ contacts: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(contacts)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

/// A firm working through a playbook in an incident: the playbook and contacts as they were when it started,
/// and each step ticked with its time and note.
public final class PlaybookRun: Model, @unchecked Sendable {
    public static let schema = "playbook_runs"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "organisation_id") public var organisation: Organisation
    @Parent(key: "community_id") public var community: Community
    @Field(key: "key") public var key: String
    @Field(key: "content") public var contentJSON: String
    @Field(key: "contacts") public var contactsJSON: String
    @Parent(key: "started_by_id") public var startedBy: Person
    @Field(key: "started_at") public var startedAt: Date
    @OptionalField(key: "closed_at") public var closedAt: Date?
    @OptionalParent(key: "closed_by_id") public var closedBy: Person?
    @Field(key: "summary") public var summary: String
    /// The lesson-learned report the run became, once shared (ThreatSharing keeps it).
    @OptionalField(key: "report_id") public var reportID: UUID?

    public init() {}

    public init(organisationID: UUID, communityID: UUID, playbook: Playbook, contactsJSON: String, by person: UUID, at date: Date) {
        self.$organisation.id = organisationID
        self.$community.id = communityID
        self.key = playbook.id
        self.contentJSON = playbook.json()
        self.contactsJSON = contactsJSON
        self.$startedBy.id = person
        self.startedAt = date
        self.summary = ""
    }

    public var isOpen: Bool { closedAt == nil }

    public var contacts: [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(contactsJSON.utf8))) ?? [:]
    }

    public func playbook() throws -> Playbook {
        guard let playbook = Playbook.read(json: contentJSON) else {
            throw UnreadableRow(table: Self.schema, row: id?.uuidString ?? "?", field: "content", value: String(contentJSON.prefix(40)),
                                expected: ["a playbook as JSON"])
        }
        return playbook
    }
}

/// A step of a run, ticked.
public final class PlaybookRunStep: Model, @unchecked Sendable {
    public static let schema = "playbook_run_steps"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "run_id") public var run: PlaybookRun
    @Field(key: "step_id") public var stepID: String
    @Field(key: "note") public var note: String
    @Parent(key: "done_by_id") public var doneBy: Person
    @Field(key: "done_at") public var doneAt: Date

    public init() {}

    public init(runID: UUID, stepID: String, note: String, by person: UUID, at date: Date) {
        self.$run.id = runID
        self.stepID = stepID
        self.note = note
        self.$doneBy.id = person
        self.doneAt = date
    }
}
