import Fluent
import Foundation
import ShieldwallCore

/// A set of values a row stores by name. Written into text (a catalogue key, a CSV cell, a log line) it is its
/// stored name, `supply_chain`, never Swift's case name `supplyChain`.
public protocol StoredChoice: RawRepresentable, CaseIterable, Codable, Sendable, CustomStringConvertible where RawValue == String {}

extension StoredChoice {
    public var description: String { rawValue }
}

extension Fields {
    /// A field that holds one case of `Value`, stored as its raw string in a `.string` column on both engines.
    public typealias Choice<Value: StoredChoice> = ChoiceProperty<Self, Value>
    /// The same, where the row may hold none (NULL).
    public typealias OptionalChoice<Value: StoredChoice> = OptionalChoiceProperty<Self, Value>
}

/// A stored value that is none of its type's cases (written by hand, or by a newer Shieldwall): reading the row
/// fails and says which row and why, where a fallback would have shown it as something it is not. Fluent's own
/// `@Enum` would crash the server on such a row.
public struct UnreadableRow: Error, CustomStringConvertible, Sendable {
    public let table: String
    public let row: String
    public let field: String
    public let value: String
    public let expected: [String]

    public var description: String {
        "\(table) row \(row): \(field) holds '\(value)', which is none of \(expected.joined(separator: ", "))"
    }

    /// Checks `raw`, read from `output`, against `Value`'s cases.
    static func check<Model: Fields, Value: StoredChoice>(
        _ raw: String, as: Value.Type, field: FieldKey, of: Model.Type, in output: any DatabaseOutput
    ) throws -> Value {
        if let value = Value(rawValue: raw) { return value }
        throw UnreadableRow(table: (Model.self as? any FluentKit.Model.Type)?.schema ?? "\(Model.self)",
                            row: (try? output.decode("id", as: UUID.self))?.uuidString ?? "?", field: field.description,
                            value: raw, expected: Value.allCases.map(\.rawValue))
    }
}

@propertyWrapper
public final class ChoiceProperty<Model, Value>: @unchecked Sendable
    where Model: FluentKit.Fields, Value: StoredChoice {
    public let field: FieldProperty<Model, String>
    private var checked: Value?

    public var projectedValue: ChoiceProperty<Model, Value> { self }

    public var wrappedValue: Value {
        get {
            // As Fluent's own @Field does: reading a field never fetched nor set is a mistake in the code.
            guard let checked else { preconditionFailure("\(Model.self).\(field.key) was read before it was fetched or set") }
            return checked
        }
        set { value = newValue }
    }

    public init(key: FieldKey) {
        field = .init(key: key)
    }
}

extension ChoiceProperty: AnyProperty {}

extension ChoiceProperty: Property {
    public var value: Value? {
        get { checked }
        set {
            checked = newValue
            field.value = newValue?.rawValue
        }
    }
}

extension ChoiceProperty: AnyQueryableProperty {
    public var path: [FieldKey] { field.path }
}

extension ChoiceProperty: QueryableProperty {
    public static func queryValue(_ value: Value) -> DatabaseQuery.Value { .bind(value.rawValue) }
}

extension ChoiceProperty: AnyQueryAddressableProperty {
    public var anyQueryableProperty: any AnyQueryableProperty { self }
    public var queryablePath: [FieldKey] { path }
}

extension ChoiceProperty: QueryAddressableProperty {
    public var queryableProperty: ChoiceProperty<Model, Value> { self }
}

extension ChoiceProperty: AnyDatabaseProperty {
    public var keys: [FieldKey] { field.keys }

    public func input(to input: any DatabaseInput) { field.input(to: input) }

    public func output(from output: any DatabaseOutput) throws {
        try field.output(from: output)
        guard output.contains(field.key), let raw = field.value else { return }
        checked = try UnreadableRow.check(raw, as: Value.self, field: field.key, of: Model.self, in: output)
    }
}

extension ChoiceProperty: AnyCodableProperty {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }

    public func decode(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(Value.self)
    }
}

@propertyWrapper
public final class OptionalChoiceProperty<Model, Value>: @unchecked Sendable
    where Model: FluentKit.Fields, Value: StoredChoice {
    public let field: OptionalFieldProperty<Model, String>
    private var checked: Value?

    public var projectedValue: OptionalChoiceProperty<Model, Value> { self }

    public var wrappedValue: Value? {
        get { checked }
        set { value = .some(newValue) }
    }

    public init(key: FieldKey) {
        field = .init(key: key)
    }
}

extension OptionalChoiceProperty: AnyProperty {}

extension OptionalChoiceProperty: Property {
    public var value: Value?? {
        get { .some(checked) }
        set {
            checked = newValue ?? nil
            field.value = newValue.map { $0?.rawValue }
        }
    }
}

extension OptionalChoiceProperty: AnyQueryableProperty {
    public var path: [FieldKey] { field.path }
}

extension OptionalChoiceProperty: QueryableProperty {
    public static func queryValue(_ value: Value?) -> DatabaseQuery.Value { value.map { .bind($0.rawValue) } ?? .null }
}

extension OptionalChoiceProperty: AnyQueryAddressableProperty {
    public var anyQueryableProperty: any AnyQueryableProperty { self }
    public var queryablePath: [FieldKey] { path }
}

extension OptionalChoiceProperty: QueryAddressableProperty {
    public var queryableProperty: OptionalChoiceProperty<Model, Value> { self }
}

extension OptionalChoiceProperty: AnyDatabaseProperty {
    public var keys: [FieldKey] { field.keys }

    public func input(to input: any DatabaseInput) { field.input(to: input) }

    public func output(from output: any DatabaseOutput) throws {
        try field.output(from: output)
        guard output.contains(field.key) else { return }
        checked = try (field.value ?? nil).map { try UnreadableRow.check($0, as: Value.self, field: field.key, of: Model.self, in: output) }
    }
}

extension OptionalChoiceProperty: AnyCodableProperty {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }

    public func decode(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        value = .some(container.decodeNil() ? nil : try container.decode(Value.self))
    }
}

// The shared vocabulary of Core, stored by name.
extension TLP: StoredChoice {}
extension IndicatorType: StoredChoice {}
extension CommunityRole: StoredChoice {}
extension ParticipationStatus: StoredChoice {}
extension Viewer.OrganisationRole: StoredChoice {}
extension NotificationKind: StoredChoice {}
extension NotificationDelivery: StoredChoice {}
extension ThreadKind: StoredChoice {}
extension OrganisationSize: StoredChoice {}
extension PlanSectionKind: StoredChoice {}
extension ReportNotices: StoredChoice {}
extension HelpRequestRules.Status: StoredChoice {}
