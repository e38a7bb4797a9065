import Foundation
import XCTest
@testable import ShieldwallCore

final class QuestionBankTests: XCTestCase {
    func testBundledBankLoadsAndCoversTheAreas() throws {
        let bank = try QuestionBankLoader.bundled()
        XCTAssert((40...60).contains(bank.questions.count), "\(bank.questions.count) questions")
        XCTAssertEqual(bank.areas.filter(\.cyberEssentials).map(\.id).sorted(),
                       ["firewalls", "malware", "secure-configuration", "updates", "user-access"])
        XCTAssertEqual(bank.profile.map(\.id), ["website", "card-payments", "cloud-email", "remote-staff", "it-provider", "devices"])
        for q in bank.questions {
            XCTAssertFalse(q.help.isEmpty, q.id)
            XCTAssertNotNil(q.recommendation(for: .notSure).flatMap { bank.recommendations[$0] }, "not sure on \(q.id) leads nowhere")
        }
        let used = Set(bank.questions.flatMap { q in q.options.compactMap { q.recommendation(for: $0) } })
        XCTAssertEqual(used, Set(bank.recommendations.keys), "every recommendation is reachable")
    }

    /// Writes a one-area bank to a temporary folder with `question` as its only question.
    private func brokenBank(question: String, recommendations: String = defaultRecommendation) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bank-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try """
        version: "t1"
        not_sure: Not sure counts as not met.
        profile:
          - id: website
            text: Website?
            options: [{id: none, text: "No"}, {id: shop, text: "Shop"}]
        areas: [area.yaml]
        """.write(to: folder.appendingPathComponent("bank.yaml"), atomically: true, encoding: .utf8)
        try """
        id: area
        title: AssessmentArea
        summary: An area.
        questions:
        \(question)
        recommendations:
        \(recommendations)
        """.write(to: folder.appendingPathComponent("area.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    private static let defaultRecommendation = """
          - id: rec
            title: Do it
            why: Because.
            steps: [one, two, three]
            effort: minutes
            cost: free
            impact: 3
            links: [{title: "NCSC", url: "https://www.ncsc.gov.uk/"}]
        """

    private func loadError(_ folder: URL) -> QuestionBankError? {
        do { _ = try QuestionBankLoader.load(folder: folder); return nil } catch { return error as? QuestionBankError }
    }

    func testAStepAProviderDoesLinksToThatKindOfProvider() throws {
        let bank = try QuestionBankLoader.bundled()
        XCTAssertEqual(bank.recommendations["automatic-backup"]?.providerService, ProviderService.backup.rawValue)
        XCTAssertEqual(bank.recommendations["check-insurance"]?.providerService, ProviderService.insurance.rawValue)
        XCTAssertNil(bank.recommendations["turn-on-mfa-email"]?.providerService, "a firm does this itself")
        let wrong = try brokenBank(question: """
              - id: q1
                text: Q?
                help: H.
                recommendation: rec
                options: [{id: "yes", text: "Yes", points: 2, met: true}]
            """, recommendations: Self.defaultRecommendation + "\n    provider_service: plumbing")
        XCTAssertEqual(loadError(wrong)?.id, "rec")
        XCTAssertTrue(loadError(wrong)?.reason.hasPrefix("provider_service 'plumbing' is not one of managed-it") ?? false, "\(String(describing: loadError(wrong)))")
    }

    func testABrokenBankNamesTheFileTheQuestionAndTheReason() throws {
        let unscored = try brokenBank(question: """
              - id: q1
                text: Q?
                help: H.
                recommendation: rec
                options: [{id: "yes", text: "Yes", met: true}]
            """)
        let e1 = try XCTUnwrap(loadError(unscored))
        XCTAssertEqual(e1.file, "area.yaml")
        XCTAssertEqual(e1.id, "questions.#1.options.#1")
        XCTAssertEqual(e1.reason, "'points' is missing")

        let noRecommendation = try brokenBank(question: """
              - id: q2
                text: Q?
                help: H.
                options: [{id: "yes", text: "Yes", points: 2, met: true}, {id: "no", text: "No", points: 0, met: false}]
            """)
        XCTAssertEqual(loadError(noRecommendation), QuestionBankError(file: "area.yaml", id: "q2", reason: "answer 'no' is not met but leads to no recommendation"))

        let unknownRecommendation = try brokenBank(question: """
              - id: q3
                text: Q?
                help: H.
                recommendation: nope
                options: [{id: "yes", text: "Yes", points: 2, met: true}]
            """)
        XCTAssertEqual(loadError(unknownRecommendation)?.id, "q3")

        let badProfile = try brokenBank(question: """
              - id: q4
                text: Q?
                help: H.
                recommendation: rec
                applies_when: {website: [blog]}
                options: [{id: "yes", text: "Yes", points: 2, met: true}]
            """)
        XCTAssertEqual(loadError(badProfile)?.reason, "applies_when: 'website' has no answer 'blog'")

        let duplicate = try brokenBank(question: """
              - id: website
                text: Q?
                help: H.
                recommendation: rec
                options: [{id: "yes", text: "Yes", points: 2, met: true}]
            """)
        XCTAssertEqual(loadError(duplicate), QuestionBankError(file: "area.yaml", id: "website", reason: "id already used in bank.yaml"))

        let fewSteps = try brokenBank(question: """
              - id: q5
                text: Q?
                help: H.
                recommendation: rec
                options: [{id: "yes", text: "Yes", points: 2, met: true}]
            """, recommendations: Self.defaultRecommendation.replacingOccurrences(of: "[one, two, three]", with: "[one]"))
        XCTAssertEqual(loadError(fewSteps), QuestionBankError(file: "area.yaml", id: "rec", reason: "needs 3 to 6 steps, has 1"))

        let fine = try brokenBank(question: """
              - id: q6
                text: Q?
                help: H.
                recommendation: rec
                options: [{id: "yes", text: "Yes", points: 2, met: true}, {id: "no", text: "No", points: 0, met: false}]
            """)
        XCTAssertNil(loadError(fine))
    }
}

final class AssessmentScoringTests: XCTestCase {
    var bank: QuestionBank!

    override func setUpWithError() throws { bank = try QuestionBankLoader.bundled() }

    /// Every applicable question answered with its best option, except those listed.
    func answers(profile: [String: String], except: [String: String] = [:]) -> AssessmentAnswers {
        var answers: [String: String] = [:]
        for q in bank.questions where bank.applies(q, profile: profile) {
            answers[q.id] = except[q.id] ?? q.options.max { $0.points < $1.points }?.id
        }
        return AssessmentAnswers(profile: profile, answers: answers)
    }

    let shopProfile = ["website": "shop", "card-payments": "online", "cloud-email": "microsoft", "remote-staff": "yes",
                       "it-provider": "yes", "devices": "6-20"]
    let plainProfile = ["website": "none", "card-payments": "terminal", "cloud-email": "other", "remote-staff": "no",
                        "it-provider": "no", "devices": "1-5"]

    func testProfileDecidesWhichQuestionsApply() throws {
        let shop = bank.questions.filter { bank.applies($0, profile: shopProfile) }.map(\.id)
        let plain = bank.questions.filter { bank.applies($0, profile: plainProfile) }.map(\.id)
        for id in ["fw-shop-admin", "su-payments", "up-website", "fw-remote-desktop", "sc-encryption", "su-provider-access", "bk-cloud-mail"] {
            XCTAssert(shop.contains(id), id)
            XCTAssertFalse(plain.contains(id), id)
        }
        XCTAssertEqual(bank.check(question: "fw-shop-admin", option: "yes", profile: plainProfile), .doesNotApply("fw-shop-admin"))
        XCTAssertEqual(bank.check(question: "ua-mfa-email", option: "maybe", profile: plainProfile), .unknownOption(question: "ua-mfa-email", option: "maybe"))
        XCTAssertEqual(bank.check(question: "nope", option: "yes", profile: plainProfile), .unknownQuestion("nope"))
        XCTAssertNil(bank.check(question: "ua-mfa-email", option: "not-sure", profile: plainProfile))
        XCTAssertNil(bank.check(question: "website", option: "shop", profile: [:]))
        // Unanswered profile keeps the question in.
        XCTAssertTrue(bank.applies(try XCTUnwrap(bank.question("fw-shop-admin")), profile: [:]))
    }

    func testAllMetScoresHundredAndIsReady() {
        let result = AssessmentResult(bank: bank, answers: answers(profile: shopProfile))
        XCTAssertEqual(result.overall, 100)
        XCTAssert(result.areas.allSatisfy { $0.score == 100 })
        XCTAssertEqual(result.readiness, .ready)
        XCTAssertTrue(result.recommendations.isEmpty)
        XCTAssertTrue(result.unanswered.isEmpty)
    }

    func testScoresArePointsOverMaximumPerAreaAndTheMeanOverall() {
        // user-access has 6 questions of 2 points: partly (1) + no (0) → 12 - 3 = 9 of 12 = 75.
        let result = AssessmentResult(bank: bank, answers: answers(profile: plainProfile, except: ["ua-mfa-email": "partly", "ua-admin-separate": "no"]))
        XCTAssertEqual(result.score(of: "user-access"), 75)
        let others = result.areas.filter { $0.areaID != "user-access" }.compactMap(\.score)
        XCTAssert(others.allSatisfy { $0 == 100 })
        XCTAssertEqual(result.overall, Int((Double(75 + 100 * others.count) / Double(others.count + 1)).rounded()))
        XCTAssertEqual(result.readiness, .notReady(blockers: ["user-access": ["ua-mfa-email", "ua-admin-separate"]]))
    }

    func testNotSureIsNotMetAndLeadsToTheRecommendation() {
        let result = AssessmentResult(bank: bank, answers: answers(profile: plainProfile, except: ["bk-tested": "not-sure"]))
        XCTAssertEqual(result.recommendations.map(\.recommendation.id), ["test-restore"])
        XCTAssertEqual(result.score(of: "backups"), 67)
        XCTAssertEqual(result.readiness, .ready, "backups is not a Cyber Essentials control")
    }

    func testUnansweredEssentialQuestionsBlockReadiness() {
        var a = answers(profile: plainProfile)
        a.answers["up-automatic"] = nil
        let result = AssessmentResult(bank: bank, answers: a)
        XCTAssertEqual(result.unanswered, ["up-automatic"])
        XCTAssertEqual(result.readiness, .notReady(blockers: ["updates": ["up-automatic"]]))
    }

    func testRankingPutsCheapHighImpactStepsFirst() {
        let result = AssessmentResult(bank: bank, answers: answers(profile: shopProfile, except: [
            "su-payments": "no", "ir-insurance": "no", "ua-mfa-email": "no", "dp-paper": "no", "up-automatic": "no",
            "bk-exists": "no", "ph-payments": "no",
        ]))
        let order = result.recommendations.map(\.recommendation.id)
        XCTAssertEqual(Array(order.prefix(3)).sorted(), ["automatic-updates", "payment-check", "turn-on-mfa-email"])
        XCTAssertEqual(result.nextSteps.first?.recommendation.id, "turn-on-mfa-email", "ties go to what blocks Cyber Essentials, then bank order")
        XCTAssertLessThan(order.firstIndex(of: "turn-on-mfa-email") ?? 99, order.firstIndex(of: "hosted-payments") ?? 0)
        XCTAssertEqual(order.suffix(2), ["check-insurance", "clear-desk"])
        XCTAssertTrue(result.nextSteps[0].blocksCyberEssentials)
    }

    func testAShortenedRecommendationListIsDeduplicated() {
        let result = AssessmentResult(bank: bank, answers: answers(profile: plainProfile, except: ["ua-mfa-email": "no", "ua-mfa-other": "partly"]))
        XCTAssertEqual(result.recommendations.count, 2)
    }

    func testChangeSinceLastTime() {
        let before = answers(profile: plainProfile, except: ["ua-mfa-email": "no", "bk-tested": "no"])
        let after = answers(profile: plainProfile, except: ["bk-tested": "no", "dp-paper": "no"])
        let change = AssessmentChange(bank: bank, before: before, after: after)
        XCTAssertEqual(change.nowMet, ["ua-mfa-email"])
        XCTAssertEqual(change.noLongerMet, ["dp-paper"])
        let ua = change.areaDeltas.first { $0.areaID == "user-access" }
        XCTAssertEqual(ua?.before, 83)
        XCTAssertEqual(ua?.after, 100)
    }
}

final class CommunityBenchmarkTests: XCTestCase {
    func testHiddenBelowKAndNeverBelowThree() {
        let two = CommunityBenchmark(firmScores: [["overall": 40], ["overall": 80]], own: ["overall": 40], areaIDs: ["overall"], k: 3)
        XCTAssertFalse(two.isShown)
        XCTAssertTrue(two.figures.isEmpty)
        XCTAssertEqual(CommunityBenchmark.threshold(1), 3)
        XCTAssertEqual(CommunityBenchmark.threshold(5), 5)
        let four = CommunityBenchmark(firmScores: [[:], [:], [:], [:]], own: nil, areaIDs: ["a"], k: 5)
        XCTAssertFalse(four.isShown)
    }

    func testMedianAndMiddleHalf() throws {
        let scores: [[String: Int]] = [["overall": 20, "a": 10], ["overall": 40, "a": 90], ["overall": 60], ["overall": 80, "a": 50]]
        let b = CommunityBenchmark(firmScores: scores, own: ["overall": 40, "a": 90], areaIDs: ["overall", "a"], k: 3)
        XCTAssertTrue(b.isShown)
        let overall = try XCTUnwrap(b.figures.first)
        XCTAssertEqual([overall.median, overall.lower, overall.upper, overall.firms], [50, 35, 65, 4])
        XCTAssertEqual(overall.own, 40)
        let a = try XCTUnwrap(b.figures.last)
        XCTAssertEqual([a.median, a.lower, a.upper, a.firms], [50, 30, 70, 3])
        // An area scored by fewer than k firms is left out even when the benchmark shows.
        let thin = CommunityBenchmark(firmScores: scores, own: nil, areaIDs: ["overall", "a"], k: 4)
        XCTAssertEqual(thin.figures.map(\.areaID), ["overall"])
    }
}

final class StaffCoachTests: XCTestCase {
    func testCheckInsLoadAndMark() throws {
        let checkIns = try StaffCoach.bundled()
        XCTAssertEqual(checkIns.map(\.topic), ["passwords", "phishing", "devices", "reporting"])
        let phishing = try XCTUnwrap(checkIns.first { $0.id == "phishing" })
        let outcome = try phishing.mark(["ph-invoice": "pay", "ph-link": "urgency", "ph-clicked": "tell"]).get()
        XCTAssertEqual(outcome.correct, 2)
        XCTAssertTrue(outcome.isWeak)
        XCTAssertEqual(outcome.feedback.first?.correct, false)
        XCTAssertTrue(outcome.feedback.first?.text.contains("most common fraud") ?? false)
        XCTAssertEqual(phishing.mark(["ph-invoice": "pay"]), .failure(.missing(question: "ph-link")))
        XCTAssertEqual(phishing.mark(["ph-invoice": "x", "ph-link": "urgency", "ph-clicked": "tell"]),
                       .failure(.unknownOption(question: "ph-invoice", option: "x")))
    }
}
