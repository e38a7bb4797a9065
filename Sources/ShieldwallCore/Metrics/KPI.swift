import Foundation

/// One measure a community can agree on: what it means and how its value is got, in plain words.
public struct KPIDefinition: Codable, Sendable, Equatable {
    public enum Unit: String, Codable, Sendable, CaseIterable {
        case percent, score, days
        case yesNo = "yes-no"

        /// The range a value may take.
        public var range: ClosedRange<Double> {
            switch self {
            case .percent, .score, .yesNo: 0...100
            case .days: 0...365
            }
        }
    }

    public enum Source: String, Codable, Sendable { case computed, entered }
    public enum Better: String, Codable, Sendable { case higher, lower }

    public let id: String
    public let title: String
    public let definition: String
    public let measured: String
    public let unit: Unit
    public let source: Source
    public let better: Better
    /// The target offered when a facilitator proposes the KPI.
    public let target: Double

    /// Whether `value` meets `target`.
    public func meets(_ value: Double, target: Double) -> Bool {
        better == .higher ? value >= target : value <= target
    }
}

/// The shipped KPIs (`Resources/metrics/LANGUAGE/kpis.yaml`), in their order.
public struct KPILibrary: Sendable {
    public let kpis: [KPIDefinition]

    public init(_ kpis: [KPIDefinition]) throws {
        var seen = Set<String>()
        for k in kpis {
            func fail(_ reason: String) -> ShippedFileError { ShippedFileError(file: "metrics/en/kpis.yaml", id: k.id, reason: reason) }
            guard seen.insert(k.id).inserted else { throw fail("KPI id used twice") }
            guard !k.title.trimmingWhitespace().isEmpty, !k.definition.trimmingWhitespace().isEmpty else { throw fail("it needs a title and a definition") }
            guard k.unit.range.contains(k.target) else { throw fail("its target is outside its unit's range") }
        }
        self.kpis = kpis
    }

    public func kpi(_ id: String) -> KPIDefinition? { kpis.first { $0.id == id } }

    public static func bundled() throws -> KPILibrary {
        try bundled(language: "en").library
    }

    /// The languages besides English the KPIs are worded in (`metrics/LANGUAGE/kpis.yaml`).
    public static func bundledLanguages() throws -> [String] {
        ShippedFile.languages(of: try ShippedFile.folder("metrics")).filter { $0 != "en" }
    }

    /// The KPIs in `language`: its words over the English file, which keeps ids, units, sources and targets; and how
    /// many texts had to stay English.
    public static func bundled(language: String) throws -> (library: KPILibrary, missing: Int) {
        struct File: Decodable { let kpis: [KPIDefinition] }
        let metrics = try ShippedFile.folder("metrics")
        let files = ShippedFile.Translated(folder: metrics.appendingPathComponent("en"), language: language,
                                           translations: metrics.appendingPathComponent(language))
        let file: File = try ShippedFile.decode(try files.text("kpis.yaml"), name: "kpis.yaml")
        return (try KPILibrary(file.kpis), files.missing)
    }
}

/// Calendar months as `yyyy-MM`, and what a month typed for a KPI value may be.
public enum KPIMonth {
    /// How far back a firm may enter or correct a value.
    public static let furthestBack = 24

    public static func of(_ date: Date) -> String { String(CalendarDay.string(date).prefix(7)) }

    /// The month's first day, or nil when the text is not a month.
    public static func start(_ month: String) -> Date? {
        guard month.count == 7 else { return nil }
        return CalendarDay.date(month + "-01")
    }

    /// The first moment of the month after.
    public static func end(_ month: String) -> Date? {
        guard let start = start(month) else { return nil }
        return CalendarDay.calendar.date(byAdding: .month, value: 1, to: start)
    }

    /// The `count` months up to and including `last`, oldest first.
    public static func months(endingWith last: String, count: Int) -> [String] {
        guard let start = start(last) else { return [] }
        return (0..<max(count, 0)).reversed().compactMap { back in
            CalendarDay.calendar.date(byAdding: .month, value: -back, to: start).map(of)
        }
    }

    public enum Problem: String, Sendable, Equatable {
        case notAMonth = "not-a-month", inTheFuture = "in-the-future", tooOld = "too-old"
    }

    /// A month a value is entered for: a real month, not after the current one, at most `furthestBack` months ago.
    public static func check(_ month: String, today: Date) -> Problem? {
        guard start(month) != nil else { return .notAMonth }
        let current = of(today)
        if month > current { return .inTheFuture }
        if let oldest = months(endingWith: current, count: furthestBack + 1).first, month < oldest { return .tooOld }
        return nil
    }
}

public enum KPIValueProblem: Error, Sendable, Equatable {
    case notANumber
    case outOfRange(ClosedRange<Double>)
}

extension KPIDefinition {
    /// A value typed for this KPI: a number in its unit's range (`yes`/`no` for yes-no ones).
    public func read(_ text: String) -> Result<Double, KPIValueProblem> {
        let t = text.trimmingWhitespace().lowercased().replacingOccurrences(of: "%", with: "")
        if unit == .yesNo {
            if ["yes", "100", "1"].contains(t) { return .success(100) }
            if ["no", "0"].contains(t) { return .success(0) }
            return .failure(.notANumber)
        }
        guard let value = Double(t.replacingOccurrences(of: ",", with: ".")), value.isFinite else { return .failure(.notANumber) }
        guard unit.range.contains(value) else { return .failure(.outOfRange(unit.range)) }
        return .success((value * 10).rounded() / 10)
    }
}
