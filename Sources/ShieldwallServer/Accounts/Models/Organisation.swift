import Fluent
import Foundation
import ShieldwallCore

/// A member firm: micro, small or medium by staff count (see `OrganisationSize`).
public final class Organisation: Model, @unchecked Sendable {
    public static let schema = "organisations"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "staff_count") public var staffCount: Int
    @Choice(key: "size") public var size: OrganisationSize
    @Field(key: "sector") public var sector: String
    @Field(key: "region") public var region: String
    /// When set, every person of the organisation must use a second factor.
    @Field(key: "require_mfa") public var requireMFA: Bool
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(id: UUID? = nil, name: String, staffCount: Int, size: OrganisationSize, sector: String, region: String,
                requireMFA: Bool = false, createdAt: Date) {
        self.id = id
        self.name = name
        self.staffCount = staffCount
        self.size = size
        self.sector = sector
        self.region = region
        self.requireMFA = requireMFA
        self.createdAt = createdAt
    }
}

extension Organisation {
    /// Listed here so that Fluent need not find them by reflection for every row it reads; kept equal to the
    /// declarations above by `ModelPropertiesTests`.
    public var properties: [any AnyProperty] { [$id, $name, $staffCount, $size, $sector, $region, $requireMFA, $createdAt] }
}
