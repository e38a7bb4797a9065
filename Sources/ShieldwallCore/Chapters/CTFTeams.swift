import Foundation

/// Teams in a capture-the-flag: players who give the same team name (ignoring case and spaces around it) score
/// together; a player without a team plays alone. A challenge counts once per team (its first solve), a hint
/// opened by one teammate is opened for all and costs once.
public enum CTFTeams {
    public static let maxSize = 4
    public static let maxNameLength = 30

    /// The key two spellings of one team share: "Red Kites " and "red kites" are the same team.
    public static func key(_ name: String) -> String { "team:" + name.trimmingCharacters(in: .whitespaces).lowercased() }

    /// A hint a player opened: which, and its cost.
    public struct HintUnlock: Sendable, Equatable {
        public var player: String
        public var hint: String
        public var cost: Int
        public init(player: String, hint: String, cost: Int) { self.player = player; self.hint = hint; self.cost = cost }
    }

    /// Player id → who they score for: their team's key, or their own id.
    public static func entrants(_ teams: [String: String?]) -> [String: String] {
        teams.reduce(into: [:]) { result, pair in
            let team = pair.value?.trimmingCharacters(in: .whitespaces) ?? ""
            result[pair.key] = team.isEmpty ? pair.key : key(team)
        }
    }

    /// The scoreboard with every player folded into their entrant (`CTFScoreboard.rank` on teams and lone players).
    public static func rank(entrants: [String: String], challenges: [CTFScoreboard.Challenge], solves: [CTFScoreboard.Solve],
                            unlocks: [HintUnlock]) -> [CTFScoreboard.Row] {
        let moved = solves.compactMap { s in entrants[s.player].map { CTFScoreboard.Solve(player: $0, challenge: s.challenge, at: s.at) } }
        var seen = Set<String>()
        let costs = unlocks.compactMap { u -> CTFScoreboard.Unlock? in
            guard let entrant = entrants[u.player], seen.insert(entrant + "\u{0}" + u.hint).inserted else { return nil }
            return CTFScoreboard.Unlock(player: entrant, cost: u.cost)
        }
        return CTFScoreboard.rank(players: Array(Set(entrants.values)), challenges: challenges, solves: moved, unlocks: costs)
    }

    public enum JoinProblem: Error, Sendable, Equatable { case full, alreadyScored, over }

    /// Whether a player may take up (or leave) a team now: not after the end, not once they have solved or opened
    /// anything (points do not move between teams), and not into a team that has `maxSize` players already.
    public static func canJoin(phase: ChapterAccess.CTFPhase, hasScored: Bool, teamSize: Int) -> JoinProblem? {
        if phase == .ended { return .over }
        if hasScored { return .alreadyScored }
        if teamSize >= maxSize { return .full }
        return nil
    }
}
