import Foundation

/// What a firm answered: its profile and one option per question.
public struct AssessmentAnswers: Sendable, Equatable {
    /// Profile question id → option id.
    public var profile: [String: String]
    /// Question id → option id (possibly "not-sure").
    public var answers: [String: String]

    public init(profile: [String: String] = [:], answers: [String: String] = [:]) {
        self.profile = profile
        self.answers = answers
    }
}

/// Why one answer cannot be saved.
public enum AnswerProblem: Error, Sendable, Equatable {
    case unknownQuestion(String)
    case doesNotApply(String)
    case unknownOption(question: String, option: String)
}

extension QuestionBank {
    /// A question applies unless the profile says otherwise; an unanswered profile question keeps it in.
    public func applies(_ question: AssessmentQuestion, profile: [String: String]) -> Bool {
        for (profileID, values) in question.appliesWhen ?? [:] {
            if let answer = profile[profileID], !values.contains(answer) { return false }
        }
        return true
    }

    public func applicable(in area: AssessmentArea, profile: [String: String]) -> [AssessmentQuestion] {
        area.questions.filter { applies($0, profile: profile) }
    }

    /// Checks one answer against the bank and the profile given so far.
    public func check(question id: String, option: String, profile: [String: String]) -> AnswerProblem? {
        if let p = profileQuestion(id) {
            return p.options.contains { $0.id == option } ? nil : .unknownOption(question: id, option: option)
        }
        guard let q = question(id) else { return .unknownQuestion(id) }
        guard applies(q, profile: profile) else { return .doesNotApply(id) }
        return q.option(option) == nil ? .unknownOption(question: id, option: option) : nil
    }
}

/// Scores, readiness and ranked recommendations, computed from answers alone.
public struct AssessmentResult: Sendable, Equatable {
    public struct AreaScore: Sendable, Equatable {
        public let areaID: String
        /// 0–100, or nil when no question of the area applies.
        public let score: Int?
        public let applicable: Int
        public let answered: Int
        public let met: Int
    }

    public struct RankedRecommendation: Sendable, Equatable {
        public let recommendation: Recommendation
        /// The unmet questions leading here.
        public let questionIDs: [String]
        public let blocksCyberEssentials: Bool
    }

    public enum Readiness: Sendable, Equatable {
        case ready
        /// Area id → the essential questions not met (or not answered) in that Cyber Essentials control.
        case notReady(blockers: [String: [String]])
    }

    public let areas: [AreaScore]
    /// The mean of the area scores that apply.
    public let overall: Int?
    public let unanswered: [String]
    public let recommendations: [RankedRecommendation]
    public let readiness: Readiness

    public var nextSteps: [RankedRecommendation] { Array(recommendations.prefix(3)) }

    public func score(of area: String) -> Int? { areas.first { $0.areaID == area }?.score }

    public init(bank: QuestionBank, answers: AssessmentAnswers) {
        var areaScores: [AreaScore] = []
        var unanswered: [String] = []
        var leadsTo: [String: [String]] = [:]
        var order: [String] = []
        var essentialRecs = Set<String>()
        var blockers: [String: [String]] = [:]
        for area in bank.areas {
            let questions = bank.applicable(in: area, profile: answers.profile)
            var points = 0, max = 0, answered = 0, met = 0
            for q in questions {
                max += q.maxPoints
                guard let option = answers.answers[q.id].flatMap(q.option) else {
                    unanswered.append(q.id)
                    if area.cyberEssentials && q.isEssential { blockers[area.id, default: []].append(q.id) }
                    continue
                }
                answered += 1
                points += option.points
                if option.met { met += 1; continue }
                if area.cyberEssentials && q.isEssential { blockers[area.id, default: []].append(q.id) }
                if let rec = q.recommendation(for: option) {
                    if leadsTo[rec] == nil { order.append(rec) }
                    leadsTo[rec, default: []].append(q.id)
                    if area.cyberEssentials && q.isEssential { essentialRecs.insert(rec) }
                }
            }
            let score = max == 0 ? nil : Int((Double(points) * 100 / Double(max)).rounded())
            areaScores.append(AreaScore(areaID: area.id, score: score, applicable: questions.count, answered: answered, met: met))
        }
        let scored = areaScores.compactMap(\.score)
        areas = areaScores
        overall = scored.isEmpty ? nil : Int((Double(scored.reduce(0, +)) / Double(scored.count)).rounded())
        self.unanswered = unanswered
        readiness = blockers.isEmpty ? .ready : .notReady(blockers: blockers)
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        recommendations = order.compactMap { id -> RankedRecommendation? in
            guard let rec = bank.recommendations[id] else { return nil }
            return RankedRecommendation(recommendation: rec, questionIDs: leadsTo[id] ?? [], blocksCyberEssentials: essentialRecs.contains(id))
        }.sorted { a, b in
            if a.recommendation.priority != b.recommendation.priority { return a.recommendation.priority > b.recommendation.priority }
            if a.blocksCyberEssentials != b.blocksCyberEssentials { return a.blocksCyberEssentials }
            return (position[a.recommendation.id] ?? 0) < (position[b.recommendation.id] ?? 0)
        }
    }
}

/// "What changed since last time": per area the difference, and the questions that became met or unmet.
public struct AssessmentChange: Sendable, Equatable {
    public let areaDeltas: [(areaID: String, before: Int?, after: Int?)]
    public let nowMet: [String]
    public let noLongerMet: [String]

    public static func == (a: Self, b: Self) -> Bool {
        a.nowMet == b.nowMet && a.noLongerMet == b.noLongerMet
            && a.areaDeltas.map { "\($0.areaID)\($0.before ?? -1)\($0.after ?? -1)" } == b.areaDeltas.map { "\($0.areaID)\($0.before ?? -1)\($0.after ?? -1)" }
    }

    public init(bank: QuestionBank, before: AssessmentAnswers, after: AssessmentAnswers) {
        let old = AssessmentResult(bank: bank, answers: before), new = AssessmentResult(bank: bank, answers: after)
        areaDeltas = bank.areas.map { ($0.id, old.score(of: $0.id), new.score(of: $0.id)) }
        func met(_ a: AssessmentAnswers, _ q: AssessmentQuestion) -> Bool { a.answers[q.id].flatMap(q.option)?.met ?? false }
        var nowMet: [String] = [], noLonger: [String] = []
        for q in bank.questions where bank.applies(q, profile: after.profile) {
            let was = met(before, q), now = met(after, q)
            if now && !was { nowMet.append(q.id) }
            if was && !now { noLonger.append(q.id) }
        }
        self.nowMet = nowMet
        noLongerMet = noLonger
    }
}
