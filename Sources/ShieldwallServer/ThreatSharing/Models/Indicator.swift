import Fluent
import Foundation
import ShieldwallCore

/// One observable value, once per instance in its canonical spelling; reports link to it, firms sight it.
public final class Indicator: Model, @unchecked Sendable {
    public static let schema = "indicators"

    @ID(key: .id) public var id: UUID?
    @Choice(key: "type") public var type: IndicatorType
    @Field(key: "value") public var value: String
    @Field(key: "created_at") public var createdAt: Date
    /// A false positive, retracted everywhere at once by an expert or facilitator, with the reason.
    @OptionalField(key: "retracted_at") public var retractedAt: Date?
    @OptionalParent(key: "retracted_by_id") public var retractedBy: Person?
    @OptionalField(key: "retraction_reason") public var retractionReason: String?

    public init() {}

    public init(_ value: IndicatorValue, createdAt: Date) {
        self.type = value.type
        self.value = value.value
        self.createdAt = createdAt
    }

    public var indicatorValue: IndicatorValue { IndicatorValue(type: type, value: value) }
}

public final class ReportIndicator: Model, @unchecked Sendable {
    public static let schema = "report_indicators"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "report_id") public var report: ThreatReport
    @Parent(key: "indicator_id") public var indicator: Indicator
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(reportID: UUID, indicatorID: UUID, createdAt: Date) {
        self.$report.id = reportID
        self.$indicator.id = indicatorID
        self.createdAt = createdAt
    }
}
