import Fluent
import Foundation
import ShieldwallCore

/// "I need help now": a firm's urgent call to the experts and facilitators of its communities.
public final class HelpRequest: Model, @unchecked Sendable {
    public static let schema = "help_requests"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "organisation_id") public var organisation: Organisation
    @Parent(key: "raised_by_id") public var raisedBy: Person
    /// The first of the firm's communities when it was raised: its notifications belong there. The helpers of
    /// all the firm's communities are told.
    @Parent(key: "community_id") public var community: Community
    @Field(key: "description") public var description: String
    @Field(key: "affected") public var affected: String
    /// How to reach the person who asked (a phone number, "in the shop till six").
    @Field(key: "contact") public var contact: String
    @Choice(key: "tlp") public var tlp: TLP
    @Choice(key: "status") public var status: HelpRequestRules.Status
    @OptionalParent(key: "taken_by_id") public var takenBy: Person?
    @OptionalField(key: "first_response_at") public var firstResponseAt: Date?
    @OptionalField(key: "resolved_at") public var resolvedAt: Date?
    /// The library playbook the words point to, if any.
    @OptionalField(key: "playbook") public var playbook: String?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(organisationID: UUID, communityID: UUID, raisedBy: UUID, description: String, affected: String, contact: String, tlp: TLP, playbook: String?,
                at date: Date) {
        self.$organisation.id = organisationID
        self.$raisedBy.id = raisedBy
        self.$community.id = communityID
        self.description = description
        self.affected = affected
        self.contact = contact
        self.tlp = tlp
        self.status = .open
        self.playbook = playbook
        self.createdAt = date
    }
}

extension HelpRequest {
    /// Listed here so that Fluent need not find them by reflection for every row it reads; kept equal to the
    /// declarations above by `ModelPropertiesTests`.
    public var properties: [any AnyProperty] {
        [
            $id, $organisation, $raisedBy, $community, $description, $affected, $contact, $tlp, $status, $takenBy, $firstResponseAt,
            $resolvedAt, $playbook, $createdAt,
        ]
    }
}

/// One entry of a request's timeline: raised, taken, advice or a question, resolved, reopened.
public final class HelpEvent: Model, @unchecked Sendable {
    public static let schema = "help_events"

    public enum Kind: String, StoredChoice { case raised, taken, note, resolved, reopened }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "request_id") public var request: HelpRequest
    @Choice(key: "kind") public var kind: Kind
    @Parent(key: "person_id") public var person: Person
    @Field(key: "body") public var body: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(requestID: UUID, kind: Kind, person: UUID, body: String, at date: Date) {
        self.$request.id = requestID
        self.kind = kind
        self.$person.id = person
        self.body = body
        self.createdAt = date
    }
}
