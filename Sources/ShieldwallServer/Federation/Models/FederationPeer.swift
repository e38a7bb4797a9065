import Fluent
import Foundation
import ShieldwallCore

/// Another instance this one pulls intelligence from over TAXII 2.1: where, with what credentials (sealed,
/// `SealedSecret`), which collections into which local community, up to which marking; and how pulling it goes.
public final class FederationPeer: Model, @unchecked Sendable {
    public static let schema = "federation_peers"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    /// The TAXII API root, ending in a slash: `https://peer.example/taxii2/api/`.
    @Field(key: "api_root") public var apiRoot: String
    /// For HTTP basic; without one the secret goes as a bearer token.
    @OptionalField(key: "username") public var username: String?
    @OptionalField(key: "secret_sealed") public var secretSealed: String?
    /// The collection ids pulled, comma-separated.
    @Field(key: "collections") public var collectionsText: String
    @Parent(key: "community_id") public var community: Community
    @Choice(key: "highest_tlp") public var highestTLP: TLP
    /// The receiving community's facilitator who agreed to take TLP:AMBER from this peer, and when.
    @OptionalParent(key: "amber_agreed_by_id") public var amberAgreedBy: Person?
    @OptionalField(key: "amber_agreed_at") public var amberAgreedAt: Date?
    /// Whether its CLEAR and GREEN reports may be served on to this instance's own peers.
    @Field(key: "reshare") public var reshare: Bool
    @Field(key: "interval_minutes") public var intervalMinutes: Int
    @Field(key: "paused") public var paused: Bool
    @Parent(key: "created_by_id") public var createdBy: Person
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "next_pull_at") public var nextPullAt: Date
    /// Set while one process pulls it, so that several `serve` processes never pull one peer at once.
    @OptionalField(key: "claimed_at") public var claimedAt: Date?
    @OptionalField(key: "last_attempt_at") public var lastAttemptAt: Date?
    @OptionalField(key: "last_success_at") public var lastSuccessAt: Date?
    @OptionalField(key: "last_error") public var lastError: String?
    @Field(key: "failures") public var failures: Int
    @Field(key: "objects_pulled") public var objectsPulled: Int
    @Field(key: "last_objects") public var lastObjects: Int
    @Field(key: "last_withheld") public var lastWithheld: Int

    public init() {}

    var collections: [String] { collectionsText.split(separator: ",").map(String.init) }
    var amberAgreed: Bool { amberAgreedAt != nil }
}

/// How far one collection of a peer has been read: the `X-TAXII-Date-Added-Last` of the last page imported.
public final class FederationCursor: Model, @unchecked Sendable {
    public static let schema = "federation_cursors"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "peer_id") public var peer: FederationPeer
    @Field(key: "collection_id") public var collectionID: String
    @OptionalField(key: "added_after") public var addedAfter: Date?

    public init() {}
}

/// Where a pulled report came from: which peer, which of its collections, when it was last pulled.
public final class ReportOrigin: Model, @unchecked Sendable {
    public static let schema = "report_origins"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "report_id") public var report: ThreatReport
    @Parent(key: "peer_id") public var peer: FederationPeer
    @Field(key: "collection_id") public var collectionID: String
    @Field(key: "pulled_at") public var pulledAt: Date

    public init() {}
}
