import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// Guided labs: an expert writes one as text, a newcomer takes it step by step (answers checked, steps in order).
final class LabTests: XCTestCase {
    static let script = """
    ## Find the sender's real address
    Open the message *"Invoice overdue"* and show its headers. Look for `Return-Path`.
    Hint: In most mail apps it is under "Show original".
    Answer: billing@examp1e.com

    ## Report it
    Forward it to the address your firm uses for suspicious mail.
    """

    func testAnExpertWritesALabAndANewcomerTakesItStepByStep() async throws {
        try await withApp { world in
            let app = world.app, c = try await ChapterWorld.make(app, published: false)
            let (expert, _) = try await c.individual(app, email: "ex@experts.example", name: "Ezra Expert", role: .expert)
            let labs = SiteURL.communityLabs(c.slug).path

            _ = try await expert.get(labs)
            let broken = try await expert.post(labs, pairs: [("title", "Spot a fake invoice"), ("summary", "Read a message's headers."),
                                                             ("script", "Start here\n" + Self.script)])
            XCTAssertEqual(broken.status, .unprocessableEntity)
            XCTAssertTrue(broken.body.string.contains("Line 1: text before the first step"), broken.body.string)
            expectEqual(try await Lab.query(on: app.db).count(), 0, "nothing half-written")
            let made = try await expert.post(labs, pairs: [("title", "Spot a fake invoice"), ("summary", "Read a message's headers."),
                                                           ("script", Self.script)])
            XCTAssertEqual(made.status, .seeOther, made.body.string)
            let found = try await Lab.query(on: app.db).with(\.$steps).first()
            let lab = try XCTUnwrap(found)
            let steps = lab.steps.sorted { $0.position < $1.position }
            XCTAssertTrue(steps[0].answerDigest?.contains("examp1e") == false && steps[0].answerDigest?.count == 64, "the answer is kept as a digest")
            let labPage = SiteURL.communityLab(c.slug, try lab.requireID()).path
            let step = SiteURL.communityLabStep(c.slug, try lab.requireID()).path

            let first = try await c.member.get(labPage).body.string
            XCTAssertTrue(first.contains("Show a hint") && first.contains("0 of 2 steps done"), first)
            XCTAssertFalse(first.contains("Forward it to the address"), "later steps show their title only")
            let early = try await c.member.post(step, pairs: [("step", try steps[1].requireID().uuidString)])
            XCTAssertTrue(early.body.string.contains("finish the current step first"), early.body.string)
            _ = try await c.member.get(labPage)
            let wrong = try await c.member.post(step, pairs: [("step", try steps[0].requireID().uuidString), ("answer", "billing@example.com")])
            XCTAssertEqual(wrong.status, .unprocessableEntity)
            XCTAssertTrue(wrong.body.string.contains("not the answer yet"))
            _ = try await c.member.get(labPage)
            expectEqual(try await c.member.post(step, pairs: [("step", try steps[0].requireID().uuidString), ("answer", " Billing@Examp1e.com ")]).status,
                        .seeOther)
            _ = try await c.member.get(labPage)
            expectEqual(try await c.member.post(step, pairs: [("step", try steps[1].requireID().uuidString)]).status, .seeOther)
            expectTrue(try await c.member.get(labPage).body.string.contains("You have done every step of this lab."))
            expectTrue(try await c.member.get(labs).body.string.contains("1 started, 1 finished"))

            // Members take labs, they do not write or withdraw them; people outside the chapter see nothing.
            _ = try await c.member.get(labs)
            expectEqual(try await c.member.post(labs, pairs: [("title", "x"), ("summary", "y"), ("script", Self.script)]).status, .forbidden)
            _ = try await c.member.get(labPage)
            expectEqual(try await c.member.post(SiteURL.communityLabWithdraw(c.slug, try lab.requireID()).path, [:]).status, .forbidden)
            _ = try await Seed.person(app, email: "out@elsewhere.example", name: "Otto Outsider")
            let outsider = try await TestBrowser.signedIn(app, "out@elsewhere.example")
            expectEqual(try await outsider.get(labPage).status, .notFound)
            _ = try await expert.get(labPage)
            expectEqual(try await expert.post(SiteURL.communityLabWithdraw(c.slug, try lab.requireID()).path, [:]).status, .seeOther)
            expectEqual(try await LabProgress.query(on: app.db).count(), 0, "progress goes with the lab")
        }
    }
}
