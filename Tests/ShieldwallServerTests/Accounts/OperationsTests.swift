import Fluent
import Foundation
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

final class OperationsTests: XCTestCase {
    func testSendmailCommandGetsAWholeMessageWithoutHeaderInjection() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("sent.eml").path
        let mailer = SendmailMailer(command: "cat > '\(out)'", sender: "Shieldwall <noreply@shieldwall.example>", time: ManualTime())
        try await withApp { world in
            try await mailer.send(MailMessage(to: "ann@shop.example", subject: "Hello\r\nBcc: victim@else.example", body: "Line one\nLine two"),
                                  on: world.app.db)
        }
        let text = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertTrue(text.contains("To: ann@shop.example\r\n"))
        XCTAssertTrue(text.contains("Subject: Hello  Bcc: victim@else.example\r\n"), "the line break is flattened, no new header")
        XCTAssertFalse(text.contains("\r\nBcc:"))
        XCTAssertTrue(text.contains("\r\n\r\nLine one\r\nLine two"))

        let failing = SendmailMailer(command: "exit 75", sender: "x@y.example", time: ManualTime())
        try await withApp { world in
            do {
                try await failing.send(MailMessage(to: "a@b.example", subject: "s", body: "b"), on: world.app.db)
                XCTFail("a failing mail command is reported")
            } catch let error as SendmailMailer.Failure {
                XCTAssertEqual(error.status, 75)
            }
        }
    }

    func testAMailCommandThatHangsIsStopped() async throws {
        let hanging = SendmailMailer(command: "sleep 30", sender: "x@y.example", time: ManualTime(), timeout: 0.2)
        try await withApp { world in
            do {
                try await hanging.send(MailMessage(to: "a@b.example", subject: "s", body: "b"), on: world.app.db)
                XCTFail("a hanging mail command is reported")
            } catch let error as SendmailMailer.Failure {
                XCTAssertTrue(error.timedOut, error.description)
            }
        }
    }

    /// Mail goes out after the invitation is saved: when it fails, the invitation stands and the inviter is told.
    func testAFailedMailLeavesTheInvitationAndSaysSo() async throws {
        try await withApp { world in
            let app = world.app
            app.shieldwall.mailer = SendmailMailer(command: "cat >/dev/null; exit 75", sender: "x@y.example", time: world.time)
            let firm = try await Seed.organisation(app), other = try await Seed.organisation(app, name: "Other")
            let admin = try await Seed.person(app, email: "ann@shop.example", organisation: firm, role: .admin)
            try await Seed.person(app, email: "ola@other.example", organisation: other, role: .admin)
            let community = try await Seed.community(app, facilitator: admin, firms: [firm])
            let token = try await Seed.token(app, for: admin)

            let invited = try await app.api(.POST, "/organisations/\(try firm.requireID())/invitations", token: token,
                                            json: #"{"email": "bob@shop.example", "role": "staff"}"#)
            XCTAssertEqual(invited.status, .created)
            XCTAssertEqual(invited.json["mailed"] as? Bool, false)
            XCTAssertNotNil(invited.json["link"] as? String, "the inviter can pass the link on")
            let saved = try await Invitation.query(on: app.db).filter(\.$email == "bob@shop.example").count()
            XCTAssertEqual(saved, 1)

            let toCommunity = try await app.api(.POST, "/communities/\(community.slug)/invitations", token: token,
                                                json: #"{"organisation_id": "\#(try other.requireID())"}"#)
            XCTAssertEqual(toCommunity.status, .created)
            XCTAssertEqual(toCommunity.json["mailed"] as? Bool, false)
            let standing = try await CommunityInvitation.query(on: app.db).count()
            XCTAssertEqual(standing, 1, "the invitation stands")
            let ola = TestBrowser(app)
            try await ola.signIn("ola@other.example")
            let home = try await ola.get(SiteURL.home.path).body.string
            XCTAssertTrue(home.contains(community.name), "and shows on their home page")
        }
    }

    func testWithoutSendmailInvitationsLandInTheOperatorsOutbox() async throws {
        try await withApp { world in
            let op = try await Seed.person(world.app, email: "op@shieldwall.example", isOperator: true)
            world.app.shieldwall.mailer = OutboxMailer(time: world.time)
            let signedIn = try SignedIn(person: op, organisation: nil, sessionID: nil, stage: .full)
            _ = try await InvitationActions.create(email: "fiona@experts.example", kind: .expert, by: signedIn, ctx: ActionContext(world.app))
            let browser = TestBrowser(world.app)
            try await browser.signIn("op@shieldwall.example")
            let outbox = try await browser.get(SiteURL.operatorOutbox.path)
            XCTAssertTrue(outbox.body.string.contains("To fiona@experts.example"))
            XCTAssertTrue(outbox.body.string.contains("/invitations/"))
        }
    }

    func testOpenRegistrationCreatesAFirmAndItsAdminOrNothing() async throws {
        try await withApp { world in
            var settings = InstanceSettings()
            settings.openRegistration = true
            try await settings.save(on: world.app.db)
            let browser = TestBrowser(world.app)
            try await browser.get(SiteURL.register.path)
            let bad = try await browser.post(SiteURL.register.path, [
                "organisation_name": "Big Ltd", "staff_count": "900", "sector": "Retail", "region": "Leeds",
                "display_name": "Bob", "email": "bob@big.example", "password": "lantern otter river", "password_confirmation": "lantern otter river"])
            XCTAssertEqual(bad.status, .unprocessableEntity)
            XCTAssertTrue(bad.body.string.contains("at most 249 staff"))
            var orgs = try await Organisation.query(on: world.app.db).count()
            XCTAssertEqual(orgs, 0)
            let ok = try await browser.post(SiteURL.register.path, [
                "organisation_name": "Otley Bikes", "staff_count": "5", "sector": "Retail", "region": "Otley",
                "display_name": "Neil", "email": "neil@otleybikes.example", "password": "lantern otter river", "password_confirmation": "lantern otter river"])
            XCTAssertEqual(ok.status, .seeOther)
            orgs = try await Organisation.query(on: world.app.db).count()
            XCTAssertEqual(orgs, 1)
            let home = try await browser.get("/")
            XCTAssertTrue(home.body.string.contains("Otley Bikes"))
        }
    }

    func testAdminActionsForScripts() async throws {
        try await withApp { world in
            do {
                try await AdminActions.createOperator(email: "op@shieldwall.example", name: "Olivia", password: "short", app: world.app)
                XCTFail("weak password accepted")
            } catch let failure as AdminActions.Failure {
                XCTAssertEqual(failure.description, "password: The password needs at least 12 characters.")
            }
            try await AdminActions.createOperator(email: "Op@Shieldwall.example", name: "Olivia", password: "lantern otter river", app: world.app)
            let browser = TestBrowser(world.app)
            let signIn = try await browser.signIn("op@shieldwall.example", password: "lantern otter river")
            XCTAssertEqual(signIn.status, .seeOther)
            let generated = AdminActions.generatePassword()
            try await AdminActions.resetPassword(email: "op@shieldwall.example", password: generated, app: world.app)
            let signedOut = try await browser.get(SiteURL.account.path)
            XCTAssertEqual(signedOut.status, .seeOther, "a reset signs the person out everywhere")
            let again = try await TestBrowser(world.app).signIn("op@shieldwall.example", password: generated)
            XCTAssertEqual(again.status, .seeOther)
            let token = try await AdminActions.createToken(email: "op@shieldwall.example", name: "backup script", app: world.app)
            let me = try await world.app.api(.GET, "/me", token: token)
            XCTAssertEqual(me.json["is_operator"] as? Bool, true)
            do {
                _ = try await AdminActions.createToken(email: "nobody@x.example", name: "x", app: world.app)
                XCTFail("unknown person")
            } catch let failure as AdminActions.Failure {
                XCTAssertTrue(failure.description.contains("nobody has the address"))
            }
        }
    }

    /// Links follow the port the server really listens on unless the operator set the address; a mismatch is told.
    func testLinksUseTheAddressTheInstanceIsServedAt() {
        let derived = ShieldwallConfiguration.forListening(hostname: "127.0.0.1", port: 18082, ["SHIELDWALL_DATA": "/tmp/x"])
        XCTAssertEqual(derived.baseURL, "http://127.0.0.1:18082")
        let set = ShieldwallConfiguration.forListening(hostname: "0.0.0.0", port: 8080, ["SHIELDWALL_BASE_URL": "https://shield.example.org/"])
        XCTAssertEqual(set.baseURL, "https://shield.example.org")
        XCTAssertNil(ShieldwallConfiguration.portWarning(baseURL: "https://shield.example.org", listeningPort: 8080), "behind a proxy")
        XCTAssertEqual(ShieldwallConfiguration.portWarning(baseURL: "http://127.0.0.1:8080", listeningPort: 18082),
                       "warning: SHIELDWALL_BASE_URL is http://127.0.0.1:8080, but this server listens on port 18082: links in mail and on pages point at port 8080.")
        XCTAssertFalse(OutboxMailer(time: SystemTime()).delivers, "mail kept in the outbox is not called sent")
    }

    /// A setting that is not a number stops `serve` with the reason, rather than quietly becoming the default.
    func testAMalformedSettingIsNamedNotIgnored() {
        XCTAssertEqual(ShieldwallConfiguration.environmentProblems(["SHIELDWALL_IMPORT_INLINE_BYTES": "4MB"]),
                       ["SHIELDWALL_IMPORT_INLINE_BYTES is '4MB': give a number of bytes, 0 or more (the default is 4194304)."])
        XCTAssertFalse(ShieldwallConfiguration.environmentProblems(["SHIELDWALL_IMPORT_INLINE_BYTES": "-1"]).isEmpty)
        XCTAssertEqual(ShieldwallConfiguration.environmentProblems(["SHIELDWALL_IMPORT_INLINE_BYTES": "1000"]), [])
        XCTAssertEqual(ShieldwallConfiguration.fromEnvironment(["SHIELDWALL_IMPORT_INLINE_BYTES": "1000"]).importInlineBytes, 1000)
        XCTAssertEqual(ShieldwallConfiguration.environmentProblems([:]), [])
    }

    func testDemoSeedsABelievableWorldOnce() async throws {
        try await withApp { world in
            let summary = try await DemoSeed.run(app: world.app)
            XCTAssertEqual(summary.organisations, 20)
            let experts = try await Person.query(on: world.app.db).filter(\.$organisation.$id == nil).filter(\.$isOperator == false).count()
            XCTAssertEqual(experts, 4 + DemoSeed.chapterLearners.count, "three experts, someone from a provider and the chapter's learners")
            let sizes = Set(try await Organisation.query(on: world.app.db).all().map(\.size))
            XCTAssertEqual(sizes, [OrganisationSize.micro, .small, .medium])
            let running = try await Community.query(on: world.app.db).filter(\.$status == .active).all()
            XCTAssertEqual(running.count, 3, "two communities of firms and a city chapter")
            let active = running.filter { $0.kind != .cityChapter }
            XCTAssertEqual(active.count, 2)
            // The chapter: a published page, a past CTF with its scoreboard, a full workshop with a waiting list.
            let chapter = try XCTUnwrap(running.first { $0.kind == .cityChapter })
            let chapterPage = try await ChapterPage.query(on: world.app.db).filter(\.$community.$id == chapter.requireID()).first()
            XCTAssertEqual(chapterPage?.published, true)
            let ctf = try await CommunityEvent.query(on: world.app.db).filter(\.$kind == .ctf).first()
            let board = try await CTFActions.standing(try XCTUnwrap(ctf).requireID(), on: world.app.db)
            XCTAssertEqual(board.rows.first.flatMap { board.names[$0.player] }, "byte_me")
            XCTAssertEqual(board.rows.map(\.score).prefix(2), [700, 670], "the runner-up paid for a hint")
            XCTAssertTrue(board.names.values.contains("MK Owls"), "two friends played as a team")
            await expectEqual(try await Mentorship.query(on: world.app.db).filter(\.$endedAt == nil).count(), 3)
            await expectEqual(try await TalentProfile.query(on: world.app.db).filter(\.$published == true).count(), 5)
            await expectEqual(try await JobOpening.query(on: world.app.db).filter(\.$kind == .internship).count(), 2)
            await expectEqual(try await Lab.query(on: world.app.db).count(), 1)
            let coming = try await CommunityEvent.query(on: world.app.db).filter(\.$title == "Hands-on: phishing-proof your inbox").first()
            let workshop = try XCTUnwrap(coming)
            let places = try await RegistrationActions.places(workshop, on: world.app.db)
            XCTAssertEqual(places.values.filter { $0 == .seat }.count, 12)
            XCTAssertEqual(places.values.filter { $0 != .seat }.count, 2)
            await expectEqual(try await EventRegistration.query(on: world.app.db).filter(\.$status == .pending).count(), 1)
            await expectEqual(try await EventRegistration.query(on: world.app.db).filter(\.$erasedAt != nil).count(), 8, "visitors' data gone after 30 days")
            for community in active {
                let firms = try await CommunityOrganisation.query(on: world.app.db).filter(\.$community.$id == community.requireID()).count()
                XCTAssertTrue((8...9).contains(firms), "\(community.name): \(firms) firms")
                let experts = try await CommunityPerson.query(on: world.app.db).filter(\.$community.$id == community.requireID())
                    .filter(\.$role == .expert).count()
                XCTAssertTrue((2...3).contains(experts))
                let figures = try await HealthReport.figures(for: community, on: world.app.db, now: world.time.now)
                XCTAssertGreaterThan(figures.eventsHeld, 3, "some events are in the past")
                XCTAssertNotNil(figures.attendanceRate, "with attendance taken")
            }
            let requested = try await Community.query(on: world.app.db).filter(\.$status == .requested).count()
            XCTAssertEqual(requested, 1, "one request waits for the operator")
            // Self-assessment at every stage: the benchmark shows in both communities, one firm is Cyber Essentials ready,
            // actions exist in every state, and a new firm has a draft.
            let bank = try AssessmentContent.bank()
            for community in active {
                let benchmark = try await BenchmarkReport.figures(for: community, viewerFirm: nil, bank: bank, k: 3, on: world.app.db, now: world.time.now)
                XCTAssertTrue(benchmark.isShown, community.name)
            }
            let statuses = Set(try await PlanAction.query(on: world.app.db).all().map(\.status))
            XCTAssertEqual(statuses, Set(PlanAction.Status.allCases))
            let drafts = try await Assessment.query(on: world.app.db).filter(\.$status == .draft).count()
            XCTAssertEqual(drafts, 1)
            var ready = 0
            for assessment in try await Assessment.query(on: world.app.db).filter(\.$status == .submitted).all() {
                let answers = try await AssessmentActions.answers(of: assessment, bank: bank, on: world.app.db)
                if AssessmentResult(bank: bank, answers: answers).readiness == .ready { ready += 1 }
            }
            XCTAssertGreaterThanOrEqual(ready, 1)
            // Conversations in both communities: answered and accepted questions, questions still waiting for experts,
            // a closed and an open poll, all found by search.
            for community in active {
                let talk = try await ConversationHealth().figures(for: community.requireID(), on: world.app.db, now: world.time.now)
                XCTAssertGreaterThanOrEqual(talk.questionsAsked, 3, community.name)
                XCTAssertNotNil(talk.medianHoursToExpertAnswer)
            }
            await expectEqual(try await ConversationThread.query(on: world.app.db).filter(\.$acceptedPostID != nil).count() >= 3, true)
            await expectEqual(try await PollVoter.query(on: world.app.db).count(), 8)
            await expectEqual(try await ConversationThread.query(on: world.app.db).filter(\.$event.$id != nil).count(), 5, "AMA questions")
            await expectEqual(try await ThreadVote.query(on: world.app.db).count(), 9)
            await expectEqual(try await LibraryResource.query(on: world.app.db).count(), 5)
            // The supply chain's plan at version 3: six firms on it, two still on version 2, one never signed.
            let supply = try XCTUnwrap(active.first { $0.kind == .supplyChain })
            let maybePlan = try await PlanScope.state(of: supply.requireID(), on: world.app.db)
            let plan = try XCTUnwrap(maybePlan)
            XCTAssertEqual(plan.current?.number, 3)
            let states = try await PlanScope.signatures(of: plan.plan, communityID: supply.requireID(), on: world.app.db)
                .map { PlanSignOff.state(signed: $0.1, current: 3) }
            XCTAssertEqual(states.filter { $0 == .current }.count, 6)
            XCTAssertEqual(states.filter { $0 == .older(version: 2) }.count, 2)
            let run = try await PlaybookRun.query(on: world.app.db).firstOrFail()
            XCTAssertNotNil(run.reportID, "the run became a lesson-learned report")
            let helps = try await HelpRequest.query(on: world.app.db).sort(\.$createdAt).all()
            XCTAssertEqual(helps.map(\.status), [.resolved, .open])
            let firstAnswer = try XCTUnwrap(helps.first?.firstResponseAt).timeIntervalSince(try XCTUnwrap(helps.first?.createdAt))
            XCTAssertLessThan(firstAnswer, 3_600, "answered within the hour")
            let expert = TestBrowser(world.app)
            _ = try await expert.signIn("fiona.grant@experts.example", password: DemoSeed.password)
            let help = try await expert.get(SiteURL.help.path)
            XCTAssertTrue(help.body.string.contains("A laptop with our customer drawings was stolen"), "the open call reaches the expert")
            XCTAssertTrue(help.body.string.contains("Action Fraud"), "the UK places to report")
            let queue = try await expert.get(SiteURL.questionsQueue.path)
            XCTAssertTrue(queue.body.string.contains("Do I need antivirus on a Mac?"))
            XCTAssertTrue(queue.body.string.contains("Should visiting drivers use our office Wi-Fi?"))
            let search = try await expert.get(SiteURL.search.path + "?q=backup")
            XCTAssertTrue(search.body.string.contains("Where should my web shop"), search.body.string)
            let backups = try await expert.get(SiteURL.providers.path + "?service=backup")
            for name in ["Northern Backup Ltd", "Pennine Managed Services", "Offsite Vault"] { XCTAssertTrue(backups.body.string.contains(name), name) }
            XCTAssertFalse(backups.body.string.contains("Rhubarb Triangle Payroll"), "a proposal waits for approval")
            let approved = try await Provider.query(on: world.app.db).filter(\.$status == .approved).count()
            XCTAssertEqual(approved, 15)
            let withScores = try await expert.get(SiteURL.providers.path + "?service=managed-it")
            XCTAssertTrue(withScores.body.string.contains("Aire Valley IT"))
            let aire = try await Provider.query(on: world.app.db).filter(\.$name == "Aire Valley IT").firstOrFail().requireID()
            let page = try await expert.get(SiteURL.provider(aire).path)
            XCTAssertTrue(page.body.string.contains("Scores from 3 reviewing firms"), "three firms reviewed it")
            let ledgerly = try await Provider.query(on: world.app.db).filter(\.$name == "Ledgerly").firstOrFail().requireID()
            let few = try await expert.get(SiteURL.provider(ledgerly).path)
            XCTAssertTrue(few.body.string.contains("Not enough reviews yet"))
            let northern = try await Provider.query(on: world.app.db).filter(\.$name == "Northern Backup Ltd").firstOrFail().requireID()
            let answered = try await expert.get(SiteURL.provider(northern).path)
            XCTAssertTrue(answered.body.string.contains("Answer from Northern Backup Ltd"), "one provider answers a review")
            let circle = try await Community.query(on: world.app.db).filter(\.$name == DemoSeed.communityPlans[0].name).firstOrFail()
            let purchases = try await expert.get(SiteURL.communityPurchases(circle.slug).path)
            XCTAssertTrue(purchases.body.string.contains("7 firms, 36 people"), "seven firms in the group purchase")
            // The bakery's security dashboard: a burst to block and two of its seven devices needing attention.
            let sarah = TestBrowser(world.app)
            _ = try await sarah.signIn(DemoSeed.firms[0].admin.1, password: DemoSeed.password)
            let bakery = try await Person.query(on: world.app.db).filter(\.$email == DemoSeed.firms[0].admin.1).firstOrFail()
            let security = try await sarah.get(SiteURL.organisationSecurity(try XCTUnwrap(bakery.$organisation.id)).path)
            XCTAssertTrue(security.body.string.contains("Someone is guessing your passwords"), security.body.string)
            XCTAssertTrue(security.body.string.contains("7 devices; 2 need attention."), security.body.string)
            XCTAssertTrue(security.body.string.contains("Back-office PC has had no updates for 38 days"))
            // The bakery's training in every state, and the circle's joint session.
            let training = try await sarah.get(SiteURL.organisationTraining(try XCTUnwrap(bakery.$organisation.id)).path)
            XCTAssertTrue(training.body.string.contains("2 done, 2 due, 1 overdue."), training.body.string)
            let course = try await sarah.get(SiteURL.trainingCourse("phishing").path)
            XCTAssertTrue(course.body.string.contains("Joint sessions"), "the circle's next webinar is on phishing")
            // Six months of KPIs with the bakery below target on one, and the circle's agreed set in its plan.
            let kpis = try await sarah.get(SiteURL.organisationKPIs(try XCTUnwrap(bakery.$organisation.id)).path)
            XCTAssertTrue(kpis.body.string.contains("Below target last time: Accounts with a second step at sign-in."), kpis.body.string)
            let circleKPIs = try await sarah.get(SiteURL.communityKPIs(circle.slug).path)
            XCTAssertFalse(circleKPIs.body.string.contains("Not enough firms have a value yet.</p><div"), "the circle's medians are shown")
            XCTAssertTrue(circleKPIs.body.string.contains("id=\"agreed-set\""), circleKPIs.body.string)
            for signIn in summary.signIns {
                let response = try await TestBrowser(world.app).signIn(signIn.email, password: DemoSeed.password)
                XCTAssertEqual(response.status, .seeOther, signIn.email)
            }
            do {
                _ = try await DemoSeed.run(app: world.app)
                XCTFail("seeding twice")
            } catch is DemoSeed.AlreadySeeded {}
        }
    }

    func testHostileNamesAreShownAsTextNeverAsMarkup() async throws {
        try await withApp { world in
            let org = try await Seed.organisation(world.app, name: #"Evil "><script>alert(1)</script> Ltd"#)
            try await Seed.person(world.app, email: "ann@shop.example", name: #"Ann" onmouseover="alert(1)"#, organisation: org, role: .admin)
            let browser = TestBrowser(world.app)
            try await browser.signIn("ann@shop.example")
            let page = try await browser.get(SiteURL.organisation(try org.requireID()).path)
            let body = page.body.string
            XCTAssertFalse(body.contains("<script>alert(1)</script>"))
            // Escaped inside a value (the confirmation's hidden name field) it is text; injected it would open an attribute.
            XCTAssertNil(body.range(of: #"<[^>]*\sonmouseover=""#, options: .regularExpression), "no attribute injected into any tag")
            XCTAssertTrue(body.contains(#"">Ann" onmouseover="alert(1)</td>"#), "the name is shown as typed, as text")
            XCTAssertTrue(body.contains(#"value="Evil &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; Ltd""#), "attribute values are escaped")
            XCTAssertTrue(body.contains("Evil \"&gt;&lt;script&gt;"), "text is escaped")
        }
    }
}
