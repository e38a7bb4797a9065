import Foundation

/// A firm's review of a provider it uses or used, and what the directory may show of reviews: scores only once
/// enough firms reviewed (the benchmark's k), and a firm's name only to people who share a community with it.
public enum ProviderReviews {
    /// What a review rates, 1 (poor) to 5 (very good).
    public enum Rating: String, CaseIterable, Codable, Sendable {
        case pricingClarity = "pricing-clarity"
        case responsiveness
        case securityPractice = "security-practice"
        case overall
    }

    /// Security practice in plain words: what a firm can tell without being an expert.
    public enum PracticeQuestion: String, CaseIterable, Codable, Sendable {
        /// Does the provider use multi-factor authentication on its access to your systems?
        case usesMFA = "uses-mfa"
        /// Did it give you your own administrator account?
        case ownAdminAccount = "own-admin-account"
        /// Does it tell you when it changes something?
        case tellsChanges = "tells-changes"
        /// Does it (or would it) hand back your data when you leave?
        case handsBackData = "hands-back-data"
    }

    public enum Answer: String, CaseIterable, Codable, Sendable { case yes, no, unknown }

    public static let ratingRange = 1...5
    public static let maxText = 4_000

    /// A review as a firm writes it.
    public struct Draft: Sendable, Equatable {
        public var ratings: [Rating: Int]
        public var practice: [PracticeQuestion: Answer]
        public var text: String
        /// The firm's name is never shown with it, to anyone (operators included).
        public var anonymous: Bool

        public init(ratings: [Rating: Int], practice: [PracticeQuestion: Answer], text: String, anonymous: Bool) {
            self.ratings = ratings
            self.practice = practice
            self.text = text
            self.anonymous = anonymous
        }
    }

    public enum Problem: Error, Equatable, Sendable {
        /// Only a firm's admin speaks for the firm.
        case notFirmAdmin
        /// The firm must say it uses or used the provider.
        case notAUser
        /// One review per firm per provider: the firm edits the one it wrote.
        case alreadyReviewed
        case missingRating(Rating)
        case ratingOutOfRange(Rating)
        case tooLong(max: Int)
        /// A provider's own people answer reviews; they do not write them.
        case providerCannotReview
    }

    /// Why this firm may not write a new review, or nil. `declaresUse` is the firm's "we use or used them".
    public static func mayReview(firmOf viewer: Viewer, declaresUse: Bool, hasReviewed: Bool, speaksForProvider: Bool) -> Problem? {
        if speaksForProvider { return .providerCannotReview }
        guard let firm = viewer.organisationID, viewer.isAdmin(of: firm) else { return .notFirmAdmin }
        if !declaresUse { return .notAUser }
        if hasReviewed { return .alreadyReviewed }
        return nil
    }

    /// Every problem of a draft: each rating present and 1–5, the text not too long. Unanswered practice
    /// questions are "don't know".
    public static func problems(_ draft: Draft) -> [Problem] {
        var out: [Problem] = []
        for rating in Rating.allCases {
            guard let value = draft.ratings[rating] else { out.append(.missingRating(rating)); continue }
            if !ratingRange.contains(value) { out.append(.ratingOutOfRange(rating)) }
        }
        if draft.text.count > maxText { out.append(.tooLong(max: maxText)) }
        return out
    }

    /// A stored review, as the scores need it.
    public struct Scored: Sendable, Equatable {
        public var firm: String
        public var ratings: [Rating: Int]
        public var practice: [PracticeQuestion: Answer]

        public init(firm: String, ratings: [Rating: Int], practice: [PracticeQuestion: Answer]) {
            self.firm = firm
            self.ratings = ratings
            self.practice = practice
        }
    }

    /// What a provider's page shows of its reviews' ratings.
    public struct Scores: Sendable, Equatable {
        public let reviewingFirms: Int
        /// Mean per rating, one decimal; empty when fewer than `threshold` firms reviewed.
        public let averages: [Rating: Double]
        /// Per question: how many firms answered yes, of those who knew (yes or no).
        public let practice: [PracticeQuestion: (yes: Int, known: Int)]
        public let threshold: Int

        public var isShown: Bool { reviewingFirms >= threshold }

        public static func == (a: Scores, b: Scores) -> Bool {
            a.reviewingFirms == b.reviewingFirms && a.averages == b.averages && a.threshold == b.threshold
                && a.practice.mapValues { [$0.yes, $0.known] } == b.practice.mapValues { [$0.yes, $0.known] }
        }
    }

    /// The scores over `reviews` (one per firm; a firm counted once however it appears), shown only from `k` firms
    /// (the instance's benchmark k, never below `CommunityBenchmark.minimumFirms`): below it, nothing that could be
    /// traced to one firm's ratings.
    public static func scores(_ reviews: [Scored], k setting: Int? = nil) -> Scores {
        let threshold = CommunityBenchmark.threshold(setting)
        var byFirm: [String: Scored] = [:]
        for review in reviews { byFirm[review.firm] = review }
        let counted = Array(byFirm.values)
        guard counted.count >= threshold else { return Scores(reviewingFirms: counted.count, averages: [:], practice: [:], threshold: threshold) }
        var averages: [Rating: Double] = [:]
        for rating in Rating.allCases {
            let values = counted.compactMap { $0.ratings[rating] }
            guard !values.isEmpty else { continue }
            averages[rating] = (Double(values.reduce(0, +)) / Double(values.count) * 10).rounded() / 10
        }
        var practice: [PracticeQuestion: (yes: Int, known: Int)] = [:]
        for question in PracticeQuestion.allCases {
            let answers = counted.compactMap { $0.practice[question] }.filter { $0 != .unknown }
            practice[question] = (answers.filter { $0 == .yes }.count, answers.count)
        }
        return Scores(reviewingFirms: counted.count, averages: averages, practice: practice, threshold: threshold)
    }

    /// Who a review shows as its author.
    public enum Author: Sendable, Equatable {
        case firm(String)
        /// "A member firm": anonymous by choice, or the viewer shares no community with the firm.
        case memberFirm
    }

    /// A review's author as `viewer` sees it: the firm's name for its own people and for people who share a
    /// community with it, "a member firm" for everyone else — and for everyone, operators included, when the firm
    /// chose to stay anonymous (its own people still see that it is theirs).
    public static func author(firm: String, firmName: String, anonymous: Bool, viewer: Viewer, sharesCommunity: Bool) -> Author {
        if viewer.belongs(to: firm) { return .firm(firmName) }
        if anonymous { return .memberFirm }
        return sharesCommunity ? .firm(firmName) : .memberFirm
    }

    /// The name the moderation queue shows: the firm's, unless it chose to stay anonymous — then not even the
    /// operator learns it.
    public static func moderationAuthor(firmName: String, anonymous: Bool) -> Author {
        anonymous ? .memberFirm : .firm(firmName)
    }

    public static let maxAnswer = 2_000
    public static let maxReportNote = 1_000

    /// Why someone reports a review.
    public enum ReportReason: String, CaseIterable, Codable, Sendable {
        case misleading, abusive
        case personalData = "personal-data"
        case notACustomer = "not-a-customer"
        case other
    }

    /// The operator's decision on a reported review.
    public enum ModerationDecision: String, CaseIterable, Codable, Sendable {
        /// The review is no longer shown (nor counted in the scores); its firm sees it and why.
        case hide
        /// The review stays; the reports are closed.
        case keep
        /// A hidden review is shown again.
        case restore
    }
}

