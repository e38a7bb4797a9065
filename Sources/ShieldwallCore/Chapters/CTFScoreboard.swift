import Foundation

/// A capture-the-flag scoreboard (CTFd's core loop): points for each challenge solved, minus what the hints cost,
/// ranked by score and, on equal scores, by who got there first.
public enum CTFScoreboard {
    public struct Challenge: Sendable, Equatable {
        public var id: String
        public var points: Int
        public init(id: String, points: Int) { self.id = id; self.points = points }
    }

    /// A correct flag: who sent it, for which challenge, when.
    public struct Solve: Sendable, Equatable {
        public var player: String
        public var challenge: String
        public var at: Date
        public init(player: String, challenge: String, at: Date) { self.player = player; self.challenge = challenge; self.at = at }
    }

    /// A hint a player opened, and what it cost them.
    public struct Unlock: Sendable, Equatable {
        public var player: String
        public var cost: Int
        public init(player: String, cost: Int) { self.player = player; self.cost = cost }
    }

    public struct Row: Sendable, Equatable {
        /// 1 for the leader; players with the same score reached at the same moment share a place.
        public var place: Int
        public var player: String
        public var score: Int
        public var solved: Int
        /// When they reached this score (their last solve); nil when they solved nothing.
        public var reachedAt: Date?
    }

    /// Every player in `players` gets a row (those without a solve at the bottom). A second correct flag for the same
    /// challenge counts once; solves of challenges not in `challenges` are ignored.
    public static func rank(players: [String], challenges: [Challenge], solves: [Solve], unlocks: [Unlock]) -> [Row] {
        let points = Dictionary(challenges.map { ($0.id, $0.points) }, uniquingKeysWith: { first, _ in first })
        var firsts: [String: [String: Date]] = [:]
        for solve in solves where points[solve.challenge] != nil {
            if let earlier = firsts[solve.player]?[solve.challenge], earlier <= solve.at { continue }
            firsts[solve.player, default: [:]][solve.challenge] = solve.at
        }
        let costs = Dictionary(unlocks.map { ($0.player, $0.cost) }, uniquingKeysWith: +)
        let unranked: [Row] = Set(players).union(firsts.keys).map { player in
            let solved = firsts[player] ?? [:]
            let score = solved.keys.reduce(0) { $0 + (points[$1] ?? 0) } - (costs[player] ?? 0)
            return Row(place: 0, player: player, score: score, solved: solved.count, reachedAt: solved.values.max())
        }
        let sorted = unranked.sorted { a, b in
            if a.score != b.score { return a.score > b.score }
            switch (a.reachedAt, b.reachedAt) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.player < b.player
            }
        }
        var rows: [Row] = []
        for (index, row) in sorted.enumerated() {
            var row = row
            if let previous = rows.last, previous.score == row.score, previous.reachedAt == row.reachedAt { row.place = previous.place } else { row.place = index + 1 }
            rows.append(row)
        }
        return rows
    }

    /// Who solved each challenge first ("first blood"), by challenge id.
    public static func firstSolves(_ solves: [Solve]) -> [String: Solve] {
        var firsts: [String: Solve] = [:]
        for solve in solves where firsts[solve.challenge].map({ solve.at < $0.at }) ?? true { firsts[solve.challenge] = solve }
        return firsts
    }
}
