import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Polls: made with a thread, voted once a person (race-safe: a unique row per voter), closed by time
/// or early by the thread's author or the facilitator. Results are counts only.
enum PollActions {
    struct Input: Sendable {
        var question: String?
        /// One option a line.
        var options: String?
        var multiple: Bool
        /// Days from now until it closes (1–60).
        var closesInDays: Int?
    }

    struct Valid {
        let question: String
        let options: [String]
        let multiple: Bool
        let closesAt: Date
    }

    struct Results: Sendable {
        let pollID: UUID
        let question: String
        let multiple: Bool
        let closesAt: Date
        let options: [(id: UUID, label: String, votes: Int)]
        let voters: Int
        let voted: Bool
        let closed: Bool
        var visible: Bool { PollRules.canSeeResults(voted: voted, closed: closed) }
    }

    static func validate(_ input: Input, now: Date) throws -> Valid {
        var problems = ProblemList()
        let question = problems.text("poll_question", input.question, maxLength: PollRules.questionLength)
        var options: [String] = []
        switch PollRules.options(from: input.options ?? "") {
        case .success(let o): options = o
        case .failure(let problem): problems.add("poll_options", "poll.error.\(key(problem))",
                                                 ["min": String(PollRules.minOptions), "max": String(PollRules.maxOptions)])
        }
        let days = input.closesInDays ?? 7
        if !(1...60).contains(days) { problems.add("poll_closes", "poll.error.closes-days") }
        try problems.throwIfAny()
        return Valid(question: question, options: options, multiple: input.multiple, closesAt: now.addingTimeInterval(Double(days) * 86_400))
    }

    static func key(_ problem: PollRules.Problem) -> String {
        switch problem {
        case .closed: return "closed"
        case .alreadyVoted: return "already-voted"
        case .noChoice: return "no-choice"
        case .oneOnly: return "one-only"
        case .unknownOption: return "unknown-option"
        case .tooFewOptions: return "too-few-options"
        case .tooManyOptions: return "too-many-options"
        case .optionTooLong: return "option-too-long"
        case .closesInPast: return "closes-days"
        case .duplicateOption: return "duplicate-option"
        }
    }

    static func create(_ v: Valid, in threadID: UUID, on db: any Database, now: Date) async throws {
        let poll = Poll(threadID: threadID, question: v.question, multiple: v.multiple, closesAt: v.closesAt, at: now)
        try await poll.create(on: db)
        let pollID = try poll.requireID()
        for (n, label) in v.options.enumerated() { try await PollOption(pollID: pollID, label: label, position: n).create(on: db) }
    }

    static func results(of threadID: UUID, for personID: UUID, on db: any Database, now: Date) async throws -> Results? {
        guard let poll = try await Poll.query(on: db).filter(\.$thread.$id == threadID).first() else { return nil }
        let pollID = try poll.requireID()
        let options = try await PollOption.query(on: db).filter(\.$poll.$id == pollID).sort(\.$position).all()
        var counts: [UUID: Int] = [:]
        for option in try await PollBallot.query(on: db).filter(\.$poll.$id == pollID).values(\.$option.$id) { counts[option, default: 0] += 1 }
        let voters = try await PollVoter.query(on: db).filter(\.$poll.$id == pollID).count()
        let voted = try await PollVoter.query(on: db).filter(\.$poll.$id == pollID).filter(\.$person.$id == personID).first() != nil
        return Results(pollID: pollID, question: poll.question, multiple: poll.multiple, closesAt: poll.closesAt,
                       options: try options.map { (try $0.requireID(), $0.label, counts[try $0.requireID()] ?? 0) }, voters: voters,
                       voted: voted, closed: PollRules.isClosed(closesAt: poll.closesAt, closedEarly: poll.closedEarly, now: now))
    }

    /// One vote: the voter row is unique per poll, so a second vote — even at the same instant — fails as a whole.
    static func vote(in thread: ConversationThread, choices raw: [String], standing: CommunityStanding, by person: SignedIn,
                     ctx: ActionContext) async throws {
        guard CommunityAccess.canParticipate(standing) else { throw Abort(.notFound) }
        let threadID = try thread.requireID()
        guard let current = try await results(of: threadID, for: person.personID, on: ctx.db, now: ctx.now) else {
            throw Refusal(.notFound, "poll.error.none")
        }
        let choices = raw.map { UUID(uuidString: $0) }
        let pollID = current.pollID
        if let problem = PollRules.checkVote(choices: choices.compactMap { $0 }, options: Set(current.options.map(\.id)),
                                             multiple: current.multiple, closed: current.closed, alreadyVoted: current.voted) {
            throw ValidationFailure(field: "choices", key: "poll.error.\(key(problem))")
        }
        if choices.contains(where: { $0 == nil }) { throw ValidationFailure(field: "choices", key: "poll.error.unknown-option") }
        do {
            try await ctx.db.transaction { tx in
                try await PollVoter(pollID: pollID, personID: person.personID).create(on: tx)
                for choice in Set(choices.compactMap { $0 }) { try await PollBallot(pollID: pollID, optionID: choice).create(on: tx) }
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw ValidationFailure(field: "choices", key: "poll.error.already-voted")
        }
    }

    /// The thread's author or the facilitator closes the poll before its time.
    static func close(in thread: ConversationThread, standing: CommunityStanding, by person: SignedIn, ctx: ActionContext) async throws {
        guard ConversationAccess.canClosePoll(authorID: thread.$author.id, viewerID: person.personID, standing) else {
            throw Refusal(.forbidden, "poll.error.close-who")
        }
        guard let poll = try await Poll.query(on: ctx.db).filter(\.$thread.$id == (try thread.requireID())).first() else {
            throw Refusal(.notFound, "poll.error.none")
        }
        poll.closedEarly = true
        try await poll.update(on: ctx.db)
    }
}
