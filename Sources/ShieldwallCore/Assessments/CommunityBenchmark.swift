import Foundation

/// Where a firm stands among the firms of its community, per area — shown only when enough firms
/// contribute that no single firm's score can be read off (k, never below 3).
public struct CommunityBenchmark: Sendable, Equatable {
    public static let minimumFirms = 3
    /// Only assessments submitted within this window count.
    public static let maximumAge: TimeInterval = 365 * 24 * 3600

    public struct Figure: Sendable, Equatable {
        public let areaID: String
        public let firms: Int
        public let median: Int
        /// The middle half of the firms: 25th to 75th percentile.
        public let lower: Int
        public let upper: Int
        /// The viewer's firm, when it contributes.
        public let own: Int?
    }

    /// The k in force: the instance setting, but never below the minimum.
    public static func threshold(_ setting: Int?) -> Int { max(minimumFirms, setting ?? minimumFirms) }

    /// One latest score set per firm (area id → score; "overall" for the overall score).
    /// Figures appear for an area only when at least `k` firms have a score there.
    public let figures: [Figure]
    public let contributingFirms: Int
    public let threshold: Int

    public var isShown: Bool { contributingFirms >= threshold }

    public init(firmScores: [[String: Int]], own: [String: Int]?, areaIDs: [String], k: Int?) {
        threshold = Self.threshold(k)
        contributingFirms = firmScores.count
        let k = threshold
        guard firmScores.count >= k else { figures = []; return }
        figures = areaIDs.compactMap { area -> Figure? in
            let values = firmScores.compactMap { $0[area] }.sorted()
            guard values.count >= k else { return nil }
            return Figure(areaID: area, firms: values.count, median: Self.percentile(values, 0.5),
                          lower: Self.percentile(values, 0.25), upper: Self.percentile(values, 0.75), own: own?[area])
        }
    }

    /// Linear interpolation between closest ranks, rounded.
    static func percentile(_ sorted: [Int], _ p: Double) -> Int {
        guard sorted.count > 1 else { return sorted.first ?? 0 }
        let rank = p * Double(sorted.count - 1)
        let low = Int(rank.rounded(.down)), high = Int(rank.rounded(.up))
        return Int((Double(sorted[low]) + (Double(sorted[high]) - Double(sorted[low])) * (rank - Double(low))).rounded())
    }
}
