import Fluent
import Foundation
import ShieldwallCore

/// A community of support: a small trusted group of firms and experts with a charter.
public final class Community: Model, @unchecked Sendable {
    public static let schema = "communities"

    /// `requested`: waiting for an operator; `setup`: the facilitator is going through the toolkit;
    /// `active`; `declined`; `archived`: read-only, kept.
    public enum Status: String, StoredChoice { case requested, setup, active, declined, archived }
    public enum Kind: String, StoredChoice { case sector, region, supplyChain = "supply_chain", cityChapter = "city_chapter" }

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "slug") public var slug: String
    @Choice(key: "kind") public var kind: Kind
    @Field(key: "description") public var description: String
    @Field(key: "tags") public var tags: String
    @Field(key: "listed") public var listed: Bool
    @Choice(key: "status") public var status: Status
    /// The last toolkit step completed (0–4).
    @Field(key: "setup_step") public var setupStep: Int
    @Field(key: "guidance_organisations") public var guidanceOrganisations: Int
    @Field(key: "guidance_experts") public var guidanceExperts: Int
    @OptionalField(key: "hard_cap") public var hardCap: Int?
    @Field(key: "charter_version") public var charterVersion: Int
    @OptionalParent(key: "requested_by_id") public var requestedBy: Person?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    @OptionalField(key: "archived_at") public var archivedAt: Date?
    /// Blocklist rule: reported or sighted by at least this many firms (or confirmed by an expert).
    @Field(key: "blocklist_min_firms") public var blocklistMinimumFirms: Int

    public init() {}

    public init(name: String, slug: String, kind: Kind, description: String, requestedByID: UUID?, status: Status, createdAt: Date) {
        self.name = name
        self.slug = slug
        self.kind = kind
        self.description = description
        self.tags = ""
        self.listed = true
        self.status = status
        self.setupStep = 0
        self.guidanceOrganisations = 9
        self.guidanceExperts = 3
        self.hardCap = nil
        self.charterVersion = 0
        self.blocklistMinimumFirms = 2
        self.$requestedBy.id = requestedByID
        self.createdAt = createdAt
    }

    public var guidance: SizeGuidance { SizeGuidance(organisations: guidanceOrganisations, experts: guidanceExperts, hardCap: hardCap) }
}

extension Community {
    /// Listed here so that Fluent need not find them by reflection for every row it reads; kept equal to the
    /// declarations above by `ModelPropertiesTests`.
    public var properties: [any AnyProperty] {
        [
            $id, $name, $slug, $kind, $description, $tags, $listed, $status, $setupStep, $guidanceOrganisations, $guidanceExperts, $hardCap,
            $charterVersion, $requestedBy, $createdAt, $decidedAt, $archivedAt, $blocklistMinimumFirms,
        ]
    }
}
