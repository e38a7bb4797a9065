import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The supply-chain community's joint plan at version 3 (most firms signed it, two are still on version 2),
/// a firm's ransomware playbook with a finished run that became a lesson-learned report, and two calls for
/// help: one answered by an expert within the hour, one still open. Written through the services, as people
/// would, at the times they would have.
extension DemoSeed {
    static let ukReportPlaces = """
        NCSC — report a cyber incident | https://report.ncsc.gov.uk | a serious attack on your firm, or for advice on one
        Action Fraud | https://www.actionfraud.police.uk | fraud and cyber crime, in England, Wales and Northern Ireland
        ICO — report a personal data breach | https://ico.org.uk/for-organisations/report-a-breach/ | within 72 hours when personal data is at risk
        NCSC — report a scam e-mail | https://www.ncsc.gov.uk/collection/phishing-scams/report-scam-email | forward phishing to report@phishing.gov.uk
        """

    static func seedPlans(app: Application, now: Date) async throws {
        let db = app.db
        var settings = try await InstanceSettings.load(on: db)
        settings.reportPlaces = ukReportPlaces
        try await settings.save(on: db)
        let people = Dictionary(uniqueKeysWithValues: try await Person.query(on: db).all().map { ($0.email, $0) })
        guard let community = try await Community.query(on: db).filter(\.$kind == Community.Kind.supplyChain).first() else { return }
        func signed(_ email: String) throws -> SignedIn {
            guard let person = people[email] else { throw Abort(.internalServerError, reason: "demo: no person \(email)") }
            return try SignedIn(person: person, organisation: nil, sessionID: nil, stage: .full)
        }
        func context(_ daysAgo: Double) -> ActionContext {
            var services = app.shieldwall
            services.time = ManualTime(now.addingTimeInterval(-daysAgo * 86_400))
            return ActionContext(db: db, services: services, hasher: app.password.async(on: app.threadPool, hopTo: app.eventLoopGroup.next()),
                                 address: "demo")
        }
        func standing(_ person: SignedIn) async throws -> CommunityStanding {
            try await CommunityStandings.standing(of: person, in: community, on: db)
        }
        func state() async throws -> PlanState {
            guard let state = try await PlanScope.state(of: try community.requireID(), on: db) else {
                throw Abort(.internalServerError, reason: "demo: no plan")
            }
            return state
        }
        let admin = Dictionary(uniqueKeysWithValues: firms.map { ($0.name, $0.admin.1) })
        let helen = try signed("helen@pennine-precision.example")

        // Version 1 from the template, four months ago.
        try await JointPlanActions.start(community, standing: try await standing(helen), by: helen, ctx: context(120))
        try await JointPlanActions.change(try await state(), .edit(measure: "prevent-supplier-access", title: "Suppliers reach only what they need",
            text: "Hauliers and toolmakers who log in to our systems get their own accounts, with two-step sign-in, limited to the orders and drawings they need; we remove them when the work ends."),
            standing: try await standing(helen), ctx: context(119))
        var version = try await JointPlanActions.publish(try await state(), summary: "Our first plan, from the template, with supplier access in our words.",
                                                         isReview: false, standing: try await standing(helen), by: helen, ctx: context(118))
        try await PlanNotices.published(version, in: community, by: helen, ctx: context(118))
        for firm in ["Pennine Precision Engineering", "Dale Haulage", "Kirk Fasteners", "Moorland Coatings", "Don Valley Castings", "Swift Pallets"] {
            guard let email = admin[firm] else { continue }
            let person = try signed(email)
            try await JointPlanActions.sign(try await state(), version: 1, communityID: try community.requireID(), standing: try await standing(person),
                                            by: person, ctx: context(110))
        }

        // Version 2: a haulier's proposal after a fake change of bank details, accepted.
        let steve = try signed(admin["Dale Haulage"] ?? "")
        let proposal = try await JointPlanActions.propose(try await state(), .edit(measure: "business-payment-changes",
            title: "A new bank account is confirmed by phone, by two people",
            text: "Any change of a supplier's or customer's bank details is confirmed by phone on a number we already had, and approved by a second person before the next payment."),
            reason: "A fake e-mail from a 'supplier' nearly cost us £18,000 in March; one phone call stopped it.", baseVersion: 1,
            standing: try await standing(steve), by: steve, ctx: context(75))
        try await JointPlanActions.decide(proposal, accept: true, reason: "Agreed at the May meeting.", state: try await state(),
                                          standing: try await standing(helen), by: helen, ctx: context(70))
        version = try await JointPlanActions.publish(try await state(), summary: "Two people confirm every change of bank details (Dale Haulage's proposal).",
                                                     isReview: true, standing: try await standing(helen), by: helen, ctx: context(68))
        try await PlanNotices.published(version, in: community, by: helen, ctx: context(68))
        for firm in ["Pennine Precision Engineering", "Dale Haulage", "Kirk Fasteners", "Moorland Coatings", "Don Valley Castings", "Swift Pallets",
                     "Hallam Laser Cutting", "Wentworth Tooling"] {
            guard let email = admin[firm] else { continue }
            let person = try signed(email)
            try await JointPlanActions.sign(try await state(), version: 2, communityID: try community.requireID(), standing: try await standing(person),
                                            by: person, ctx: context(60))
        }

        // Version 3 after the summer review: the ransomware playbook in the Respond section, a clearer backups measure.
        try await JointPlanActions.change(try await state(), .edit(measure: "prevent-backups", title: "Backups that an attacker cannot reach",
            text: "A nightly copy of drawings, orders and accounts that is disconnected or immutable, and a restore we test every quarter."),
            standing: try await standing(helen), ctx: context(25))
        let declined = try await JointPlanActions.propose(try await state(), .remove(measure: "people-check-in"),
            reason: "Our staff are busy on the shop floor.", baseVersion: 2, standing: try await standing(try signed(admin["Wentworth Tooling"] ?? "")),
            by: try signed(admin["Wentworth Tooling"] ?? ""), ctx: context(24))
        try await JointPlanActions.decide(declined, accept: false, reason: "The check-ins take five minutes and found two reused passwords last month; let us keep them.",
                                          state: try await state(), standing: try await standing(helen), by: helen, ctx: context(22))
        version = try await JointPlanActions.publish(try await state(), summary: "Backups tested every quarter, after the review in September.",
                                                     isReview: true, standing: try await standing(helen), by: helen, ctx: context(20))
        try await PlanNotices.published(version, in: community, by: helen, ctx: context(20))
        for firm in ["Pennine Precision Engineering", "Dale Haulage", "Kirk Fasteners", "Moorland Coatings", "Don Valley Castings", "Swift Pallets"] {
            guard let email = admin[firm] else { continue }
            let person = try signed(email)
            try await JointPlanActions.sign(try await state(), version: 3, communityID: try community.requireID(), standing: try await standing(person),
                                            by: person, ctx: context(15))
        }
        try await JointPlanActions.schedule(try await state(), everyMonths: 3, nextReviewOn: CalendarDay.string(now.addingTimeInterval(70 * 86_400)),
                                            standing: try await standing(helen), ctx: context(15))

        // Kirk Fasteners' part: how the measures apply, one made an action.
        let andrew = try signed(admin["Kirk Fasteners"] ?? "")
        let communityID = try community.requireID()
        for (measure, status, note) in [("prevent-two-step-sign-in", "adopted", ""), ("prevent-updates", "adopted", ""),
                                        ("prevent-supplier-access", "adapted", "Our CNC machine supplier connects through a box we switch on when they call."),
                                        ("business-customer-data", "not-applicable", "We sell only to other firms; no private customers' data.")] {
            try await JointPlanActions.setMeasure(try await state(), measure: measure, status: status, note: note, communityID: communityID,
                                                  by: andrew, ctx: context(12))
        }
        _ = try await JointPlanActions.measureToAction(try await state(), measure: "prevent-backups", communityID: communityID, by: andrew, ctx: context(12))

        try await seedPlaybookRun(community, signed: signed, context: context)
        try await seedHelpRequests(signed: signed, context: context)
    }

    /// Kirk Fasteners adopted the ransomware playbook; a month ago it ran it, and shared the lesson.
    static func seedPlaybookRun(_ community: Community, signed: (String) throws -> SignedIn, context: (Double) -> ActionContext) async throws {
        let andrew = try signed("andrew@kirkfasteners.example"), beth = try signed("beth@kirkfasteners.example")
        guard let entry = try await PlaybookScope.playbook("ransomware", in: try community.requireID(), language: "en", on: context(0).db) else { return }
        try await PlaybookActions.adopt(entry, contacts: ["it-provider": "Barnsley IT Services, Dan: 01226 496 000",
                                                          "insurer": "Hiscox claims line, policy KF-2291: 0800 116 4700",
                                                          "out-of-hours": "Andrew Kirk: 07700 900 412"],
                                        in: community, by: andrew, ctx: context(40))
        let run = try await PlaybookActions.start(entry, in: community, by: beth, ctx: context(30))
        let minutes: [(String, Double, String, Bool)] = [
            ("disconnect", 4, "Unplugged the office PC and the drawing server; the CNC machines were not on the network.", false),
            ("call-it", 9, "Dan on his way, backups on the NAS were disconnected on Friday.", true),
            ("photo-note", 12, "", false),
            ("ask-help", 15, "Asked the community for help.", false),
            ("call-insurer", 55, "Claim opened; they sent their own responder.", true),
            ("scope", 120, "Office PC and the shared drawings folder; orders system untouched.", true),
            ("personal-data", 150, "No personal data on the drawing server.", true),
            ("restore", 1_440, "Restored from Thursday's backup.", true),
            ("lesson", 1_500, "", true),
        ]
        for (step, after, note, byAndrew) in minutes {
            try await PlaybookActions.tick(run, step: step, note: note, by: byAndrew ? andrew : beth, ctx: context(30 - after / 1_440))
        }
        try await PlaybookActions.close(run, summary: "Ransomware from a fake delivery note; restored in a day, nothing paid.", by: andrew, ctx: context(28.9))
        _ = try await PlaybookActions.share(run, lesson: LessonDraft(
            title: "Ransomware from a fake delivery note: restored in a day, nothing paid",
            summary: "A fake delivery note opened on the office PC encrypted the shared drawings folder. Disconnected backups saved us.",
            whatHappened: "A PDF 'delivery note' from a look-alike haulier address ran a macro. Within an hour the drawings folder was encrypted.",
            impact: "One day without drawings; two orders late; no ransom paid.",
            whatHelped: "The NAS backup was disconnected every Friday. Calling the insurer before touching anything. The community's expert on the phone within 20 minutes.",
            tlp: "amber", anonymous: true), by: andrew, ctx: context(28))
    }

    /// Swift Pallets asked for help last week and Yusuf answered within the hour; Hallam Laser's call this
    /// morning is still open.
    static func seedHelpRequests(signed: (String) throws -> SignedIn, context: (Double) -> ActionContext) async throws {
        let olu = try signed("olu@swiftpallets.example"), yusuf = try signed("yusuf.ali@experts.example")
        let answered = try await HelpActions.raise(.init(description: "Our accounts e-mail is sending invoices we did not write to our customers.",
                                                         affected: "accounts@ mailbox, Microsoft 365", contact: "Olu, 07700 900 517, in the office until 6",
                                                         tlp: "amber"), by: olu, ctx: context(6))
        let helper = HelpScope.Standing(isFirm: false, isHelper: true), firm = HelpScope.Standing(isFirm: true, isHelper: false)
        try await HelpActions.act(answered, action: "take", body: nil, standing: helper, by: yusuf, ctx: context(6 - 25.0 / 1_440))
        try await HelpActions.act(answered, action: "note", body: "Change the mailbox password now and sign out all sessions; then check the mailbox rules for a forwarding rule. I'm calling you.",
                                  standing: helper, by: yusuf, ctx: context(6 - 28.0 / 1_440))
        try await HelpActions.act(answered, action: "note", body: "Found a rule forwarding everything to a gmail address. Deleted, password changed, two-step sign-in on.",
                                  standing: firm, by: olu, ctx: context(6 - 90.0 / 1_440))
        try await HelpActions.act(answered, action: "resolve", body: "Customers warned by phone; nothing was paid.", standing: firm, by: olu,
                                  ctx: context(5.8))
        let jess = try signed("jess@hallamlaser.example")
        _ = try await HelpActions.raise(.init(description: "A laptop with our customer drawings was stolen from a car this morning.",
                                              affected: "One laptop, Windows, BitLocker not sure", contact: "Jess, 07700 900 633",
                                              tlp: "amber"), by: jess, ctx: context(2.0 / 24))
    }
}
