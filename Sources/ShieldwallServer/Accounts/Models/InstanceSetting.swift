import Fluent
import Foundation

/// One instance-wide setting the operator can change at run time, stored as text by key.
public final class InstanceSetting: Model, @unchecked Sendable {
    public static let schema = "instance_settings"

    @ID(custom: "key", generatedBy: .user) public var id: String?
    @Field(key: "value") public var value: String

    public init() {}

    public init(key: String, value: String) {
        self.id = key
        self.value = value
    }
}

extension InstanceSetting {
    /// Listed here so that Fluent need not find them by reflection for every row it reads; kept equal to the
    /// declarations above by `ModelPropertiesTests`.
    public var properties: [any AnyProperty] { [$id, $value] }
}
