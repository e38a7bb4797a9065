import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A capture-the-flag's loop: the organiser adds challenges (flag kept as a digest, hints with a cost, a write-up
/// for after the end); players join, open hints, send flags (wrong ones limited by `FlagAttempts` and logged when
/// refused); the scoreboard ranks them (`CTFScoreboard`).
enum CTFActions {
    struct ChallengeForm: Content, Sendable {
        var title: String?
        var category: String?
        var description: String?
        var points: String?
        var flag: String?
        /// One hint per line: "cost | text", e.g. "25 | Look at the sender's address".
        var hints: String?
        var writeup: String?
    }

    static func phase(_ event: CommunityEvent, now: Date) -> ChapterAccess.CTFPhase {
        now < event.startsAt ? .before : (now < event.endsAt ? .running : .ended)
    }

    /// Hints as typed, line by line: which line is wrong and why.
    static func parseHints(_ text: String?, into problems: inout ProblemList) -> [(cost: Int, text: String)] {
        var hints: [(cost: Int, text: String)] = []
        for (index, raw) in (text ?? "").split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingWhitespace()
            if line.isEmpty { continue }
            let parts = line.split(separator: "|", maxSplits: 1).map { $0.trimmingWhitespace() }
            guard parts.count == 2, let cost = Int(parts[0]), (0...1000).contains(cost), !parts[1].isEmpty, parts[1].count <= 1000 else {
                problems.add("hints", "chapters.error.hint-line", ["line": String(index + 1)])
                continue
            }
            hints.append((cost, parts[1]))
        }
        if hints.count > 10 { problems.add("hints", "chapters.error.too-many-hints", ["max": "10"]) }
        return hints
    }

    static func addChallenge(_ form: ChallengeForm, to event: CommunityEvent, ctx: ActionContext) async throws -> CTFChallenge {
        var problems = ProblemList()
        if event.kind != .ctf { problems.add("title", "chapters.error.not-a-ctf") }
        let title = problems.text("title", form.title, maxLength: 120)
        let category = problems.text("category", form.category, maxLength: 40)
        let description = problems.text("description", form.description, maxLength: 5000)
        let points = Int((form.points ?? "").trimmingWhitespace())
        if points.map({ !(1...1000).contains($0) }) ?? true { problems.add("points", "error.range", ["min": "1", "max": "1000"]) }
        let flag = problems.text("flag", form.flag, maxLength: FlagDigest.maxLength)
        let writeup = problems.optionalText("writeup", form.writeup, maxLength: 10_000)
        let hints = parseHints(form.hints, into: &problems)
        try problems.throwIfAny()
        let challenge = CTFChallenge(eventID: try event.requireID(), title: title, category: category, description: description, points: points ?? 1,
                                     flag: FlagDigest.make(flag), writeup: writeup, createdAt: ctx.now)
        try await ctx.db.transaction { tx in
            try await challenge.create(on: tx)
            for hint in hints { try await CTFHint(challengeID: try challenge.requireID(), text: hint.text, cost: hint.cost).create(on: tx) }
        }
        return challenge
    }

    /// A participant of the chapter signs up to play under a handle (visitors become players when they confirm).
    static func join(_ event: CommunityEvent, handle raw: String?, person: SignedIn, ctx: ActionContext) async throws -> CTFPlayer {
        guard event.kind == .ctf else { throw Refusal(.notFound, "chapters.error.event-not-found") }
        guard phase(event, now: ctx.now) != .ended else { throw ValidationFailure(field: "handle", key: "chapters.error.ctf-over") }
        var problems = ProblemList()
        let handle = problems.text("handle", raw, maxLength: 30)
        if handle.unicodeScalars.contains(where: { !RegistrationActions.handleCharacters.contains($0) }) { problems.add("handle", "chapters.error.handle") }
        try problems.throwIfAny()
        let eventID = try event.requireID()
        let player = CTFPlayer(eventID: eventID, handle: handle, registrationID: nil, personID: person.personID, joinedAt: ctx.now)
        try await ctx.db.transaction { tx in
            let taken = try await CTFPlayer.query(on: tx).filter(\.$event.$id == eventID).values(\.$handle).contains { $0.lowercased() == handle.lowercased() }
            if taken { throw ValidationFailure(field: "handle", key: "chapters.error.handle-taken") }
            do { try await player.create(on: tx) } catch let error as any DatabaseError where error.isConstraintFailure {
                throw ValidationFailure(field: "handle", key: "chapters.error.handle-taken")
            }
        }
        return player
    }

    /// Checks a flag. Refused outside the window, for a challenge already solved, and after too many wrong flags in a
    /// minute (429, logged). Every flag checked is kept as an attempt.
    static func submit(_ flag: String?, for challenge: CTFChallenge, in event: CommunityEvent, player: CTFPlayer, ctx: ActionContext) async throws -> Bool {
        guard ChapterAccess.canPlay(phase(event, now: ctx.now), isPlayer: true) else { throw Refusal(.forbidden, "chapters.error.ctf-not-running") }
        let guess = (flag ?? "").trimmingWhitespace()
        guard !guess.isEmpty else { throw ValidationFailure(field: "flag", key: "error.required") }
        guard guess.count <= FlagDigest.maxLength else { throw ValidationFailure(field: "flag", key: "error.too-long", values: ["max": String(FlagDigest.maxLength)]) }
        let playerID = try player.requireID(), challengeID = try challenge.requireID()
        let attempts = try await CTFAttempt.query(on: ctx.db).filter(\.$player.$id == playerID)
            .filter(\.$at > ctx.now.addingTimeInterval(-FlagAttempts.window)).all()
        let team = try await teammates(of: player, on: ctx.db)
        if try await CTFAttempt.query(on: ctx.db).filter(\.$player.$id ~~ team).filter(\.$challenge.$id == challengeID)
            .filter(\.$correct == true).first() != nil {
            throw ValidationFailure(field: "flag", key: "chapters.error.already-solved")
        }
        if case .refuse(let retryAfter) = FlagAttempts.decide(wrong: attempts.filter { !$0.correct }.map(\.at), now: ctx.now) {
            try await AuditLog.record(.flagThrottled, personID: player.$person.id, email: "", organisationID: nil,
                                      detail: "player=\(player.handle) challenge=\(challengeID)", address: ctx.address, at: ctx.now, on: ctx.db)
            throw Refusal(.tooManyRequests, "chapters.error.too-many-flags", ["seconds": String(retryAfter)], headers: ["Retry-After": String(retryAfter)])
        }
        let correct = challenge.flag.matches(guess)
        try await CTFAttempt(eventID: try event.requireID(), challengeID: challengeID, playerID: playerID, correct: correct, at: ctx.now).create(on: ctx.db)
        return correct
    }

    /// The player and those who share their team (ids), for "solved already" and "hint open" across a team.
    static func teammates(of player: CTFPlayer, on db: any Database) async throws -> [UUID] {
        let own = try player.requireID()
        guard let team = player.team else { return [own] }
        return Array(Set(try await members(of: team, in: player.$event.id, on: db) + [own]))
    }

    /// The players of an event who gave this team name (whatever its case and spaces).
    private static func members(of team: String, in eventID: UUID, on db: any Database) async throws -> [UUID] {
        let key = CTFTeams.key(team)
        return try await CTFPlayer.query(on: db).filter(\.$event.$id == eventID).filter(\.$team != nil).all()
            .filter { $0.team.map(CTFTeams.key) == key }.compactMap(\.id)
    }

    /// Takes up a team (or leaves it with an empty name): before the player has solved or opened anything, and into a
    /// team that is not full.
    static func setTeam(_ raw: String?, player: CTFPlayer, in event: CommunityEvent, ctx: ActionContext) async throws {
        let name = (raw ?? "").trimmingWhitespace()
        if name.count > CTFTeams.maxNameLength {
            throw ValidationFailure(field: "team", key: "error.too-long", values: ["max": String(CTFTeams.maxNameLength)])
        }
        if name.unicodeScalars.contains(where: { !RegistrationActions.handleCharacters.contains($0) }) {
            throw ValidationFailure(field: "team", key: "chapters.error.handle")
        }
        let playerID = try player.requireID()
        let solvedAny = try await CTFAttempt.query(on: ctx.db).filter(\.$player.$id == playerID).filter(\.$correct == true).first() != nil
        let openedAny = try await CTFHintUnlock.query(on: ctx.db).filter(\.$player.$id == playerID).first() != nil
        let scored = solvedAny || openedAny
        let size = name.isEmpty ? 0 : try await members(of: name, in: event.requireID(), on: ctx.db).filter { $0 != playerID }.count
        switch CTFTeams.canJoin(phase: phase(event, now: ctx.now), hasScored: scored, teamSize: size) {
        case .over?: throw ValidationFailure(field: "team", key: "chapters.error.ctf-over")
        case .alreadyScored?: throw ValidationFailure(field: "team", key: "chapters.error.team-after-score")
        case .full?: throw ValidationFailure(field: "team", key: "chapters.error.team-full", values: ["max": String(CTFTeams.maxSize)])
        case nil: break
        }
        player.team = name.isEmpty ? nil : name
        try await player.update(on: ctx.db)
    }

    /// Opens a hint for a player and their team (its cost comes off the score once).
    static func unlock(_ hint: CTFHint, in event: CommunityEvent, player: CTFPlayer, ctx: ActionContext) async throws {
        guard ChapterAccess.canPlay(phase(event, now: ctx.now), isPlayer: true) else { throw Refusal(.forbidden, "chapters.error.ctf-not-running") }
        let hintID = try hint.requireID(), playerID = try player.requireID()
        let team = try await teammates(of: player, on: ctx.db)
        guard try await CTFHintUnlock.query(on: ctx.db).filter(\.$hint.$id == hintID).filter(\.$player.$id ~~ team).first() == nil else { return }
        do { try await CTFHintUnlock(hintID: hintID, playerID: playerID, at: ctx.now).create(on: ctx.db) }
        catch let error as any DatabaseError where error.isConstraintFailure { return }
    }

    struct Standing: Sendable {
        /// One row per entrant: a team, or a player on their own.
        let rows: [CTFScoreboard.Row]
        /// Entrant → what the scoreboard shows: the handle, or the team's name as its first player typed it.
        let names: [String: String]
        /// Entrant → the handles that play for it.
        let members: [String: [String]]
        /// Player id → entrant.
        let entrantOf: [String: String]
        /// Challenge id → the name of the entrant that solved it first.
        let firstSolves: [String: String]
        /// Challenge id → how many entrants solved it.
        let solveCounts: [String: Int]
        /// Entrant → challenge ids solved.
        let solved: [String: Set<String>]
    }

    /// The scoreboard of one event, in four queries whatever the number of players.
    static func standing(_ eventID: UUID, on db: any Database) async throws -> Standing {
        let players = try await CTFPlayer.query(on: db).filter(\.$event.$id == eventID).sort(\.$joinedAt).all()
        let challenges = try await CTFChallenge.query(on: db).filter(\.$event.$id == eventID).all()
        let entrantOf = CTFTeams.entrants(Dictionary(uniqueKeysWithValues: players.compactMap { p in p.id.map { ($0.uuidString, p.team) } }))
        let solves = try await CTFAttempt.query(on: db).filter(\.$event.$id == eventID).filter(\.$correct == true).all()
            .map { CTFScoreboard.Solve(player: $0.$player.id.uuidString, challenge: $0.$challenge.id.uuidString, at: $0.at) }
        let unlocks = try await CTFHintUnlock.query(on: db).join(CTFHint.self, on: \CTFHintUnlock.$hint.$id == \CTFHint.$id)
            .join(CTFChallenge.self, on: \CTFHint.$challenge.$id == \CTFChallenge.$id).filter(CTFChallenge.self, \.$event.$id == eventID).all()
            .map { CTFTeams.HintUnlock(player: $0.$player.id.uuidString, hint: $0.$hint.id.uuidString, cost: try $0.joined(CTFHint.self).cost) }
        var names: [String: String] = [:], members: [String: [String]] = [:]
        for p in players {
            guard let id = p.id?.uuidString, let entrant = entrantOf[id] else { continue }
            if names[entrant] == nil { names[entrant] = p.team ?? p.handle }
            members[entrant, default: []].append(p.handle)
        }
        let rows = CTFTeams.rank(entrants: entrantOf, challenges: challenges.compactMap { c in c.id.map { .init(id: $0.uuidString, points: c.points) } },
                                 solves: solves, unlocks: unlocks)
        let teamSolves = solves.compactMap { s in entrantOf[s.player].map { CTFScoreboard.Solve(player: $0, challenge: s.challenge, at: s.at) } }
        var solved: [String: Set<String>] = [:], counts: [String: Int] = [:]
        for solve in teamSolves where solved[solve.player]?.contains(solve.challenge) != true {
            solved[solve.player, default: []].insert(solve.challenge)
            counts[solve.challenge, default: 0] += 1
        }
        return Standing(rows: rows.filter { names[$0.player] != nil }, names: names, members: members, entrantOf: entrantOf,
                        firstSolves: CTFScoreboard.firstSolves(teamSolves).mapValues { names[$0.player] ?? "" }, solveCounts: counts, solved: solved)
    }
}
