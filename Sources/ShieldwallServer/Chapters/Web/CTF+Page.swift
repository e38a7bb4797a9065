import Fluent
import Foundation
import ShieldwallCore

/// `/chapters/SLUG/events/ID/ctf`: the challenges (to players while it runs, to everyone after with the write-ups),
/// the player's own progress, and the live scoreboard.
struct CTFPage: Sendable {
    struct Hint: Sendable {
        let id: UUID
        let cost: Int
        /// Nil until this player opened it (the organiser sees every hint).
        let text: String?
    }

    struct Challenge: Sendable {
        let id: UUID
        let title: String
        let category: String
        let points: Int
        let description: String
        let hints: [Hint]
        let solves: Int
        let firstSolver: String?
        let solvedByViewer: Bool
        let writeup: String?
    }

    struct Row: Sendable {
        let place: Int
        let handle: String
        /// A team's players; empty for someone playing alone.
        let members: [String]
        let score: Int
        let solved: Int
        let reachedAt: Date?
        let isViewer: Bool
    }

    let chapter: (name: String, slug: String)
    let event: EventSummary
    let phase: ChapterAccess.CTFPhase
    let handle: String?
    /// The team the viewer plays in, and whether they may still change it.
    let team: String?
    let canChangeTeam: Bool
    let canJoin: Bool
    let isOrganiser: Bool
    let challenges: [Challenge]
    let scoreboard: [Row]
    var result: String? = nil
    var errors: [String: String] = [:]

    static func build(_ chapter: ChapterScope.Chapter, _ event: CommunityEvent, player: CTFPlayer?, canJoin: Bool, on db: any Database, now: Date) async throws -> CTFPage {
        let eventID = try event.requireID()
        let phase = CTFActions.phase(event, now: now)
        let standing = try await CTFActions.standing(eventID, on: db)
        let playerKey = player?.id.flatMap { standing.entrantOf[$0.uuidString] }
        let showChallenges = ChapterAccess.canSeeChallenges(phase, isPlayer: player != nil, isOrganiser: chapter.isOrganiser)
        var challenges: [Challenge] = []
        if showChallenges {
            let rows = try await CTFChallenge.query(on: db).filter(\.$event.$id == eventID).sort(\.$points).sort(\.$title).all()
            let hints = rows.isEmpty ? [] : try await CTFHint.query(on: db).filter(\.$challenge.$id ~~ rows.compactMap(\.id)).all()
            let opened = try await player.asyncFlatMap { p in
                Set(try await CTFHintUnlock.query(on: db).filter(\.$player.$id ~~ CTFActions.teammates(of: p, on: db)).values(\.$hint.$id))
            } ?? []
            let writeups = ChapterAccess.canSeeWriteups(phase, isOrganiser: chapter.isOrganiser)
            challenges = try rows.map { row in
                let id = try row.requireID()
                let own = try hints.filter { $0.$challenge.id == id }.map { h in
                    let hid = try h.requireID()
                    return Hint(id: hid, cost: h.cost, text: opened.contains(hid) || chapter.isOrganiser || phase == .ended ? h.text : nil)
                }
                return Challenge(id: id, title: row.title, category: row.category, points: row.points, description: row.description, hints: own,
                                 solves: standing.solveCounts[id.uuidString] ?? 0, firstSolver: standing.firstSolves[id.uuidString],
                                 solvedByViewer: playerKey.map { standing.solved[$0]?.contains(id.uuidString) == true } ?? false,
                                 writeup: writeups && !row.writeup.isEmpty ? row.writeup : nil)
            }
        }
        let board = standing.rows.map { r in
            Row(place: r.place, handle: standing.names[r.player] ?? "", members: r.player.hasPrefix("team:") ? standing.members[r.player] ?? [] : [],
                score: r.score, solved: r.solved, reachedAt: r.reachedAt, isViewer: r.player == playerKey)
        }
        return CTFPage(chapter: (chapter.community.name, chapter.community.slug), event: try EventSummary(event, slug: chapter.community.slug),
                       phase: phase, handle: player?.handle, team: player?.team, canChangeTeam: player != nil && phase != .ended, canJoin: canJoin && player == nil && phase != .ended, isOrganiser: chapter.isOrganiser,
                       challenges: challenges, scoreboard: board)
    }
}
