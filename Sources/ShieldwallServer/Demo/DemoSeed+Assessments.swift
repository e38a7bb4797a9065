import Fluent
import Foundation
import ShieldwallCore

/// Firms at every stage of the self-assessment: brand new, part-way through a draft, two or three
/// assessments showing progress, one Cyber Essentials ready; actions in every state (one overdue),
/// and staff check-ins — so both communities' benchmarks show.
extension DemoSeed {
    struct AssessmentPlan {
        let firm: String
        let profile: [String: String]
        /// Per assessment (oldest first): days ago, and the answers that fall short of the best.
        let rounds: [(daysAgo: Double, gaps: [String: String])]
    }

    static let shop = ["website": "shop", "card-payments": "online", "cloud-email": "microsoft", "remote-staff": "no", "it-provider": "no", "devices": "1-5"]
    static let office = ["website": "site", "card-payments": "none", "cloud-email": "microsoft", "remote-staff": "yes", "it-provider": "yes", "devices": "6-20"]
    static let counter = ["website": "site", "card-payments": "terminal", "cloud-email": "google", "remote-staff": "no", "it-provider": "no", "devices": "1-5"]
    static let factory = ["website": "site", "card-payments": "none", "cloud-email": "microsoft", "remote-staff": "yes", "it-provider": "yes", "devices": "21+"]

    static let early: [String: String] = ["ua-mfa-email": "no", "ua-mfa-other": "no", "ua-admin-separate": "no", "ua-password-manager": "no",
                                          "up-14-days": "partly", "bk-offline": "no", "bk-tested": "no", "ph-training": "no", "ph-payments": "sometimes",
                                          "ph-dmarc": "not-sure", "ir-plan": "no", "ir-practised": "no", "ir-contacts": "no", "dp-delete": "no",
                                          "sc-default-passwords": "not-sure", "mw-macros": "not-sure"]
    static let middle: [String: String] = ["ua-admin-separate": "partly", "ua-password-manager": "partly", "bk-tested": "no", "ph-dmarc": "no",
                                           "ir-practised": "no", "dp-delete": "no", "mw-macros": "not-sure"]

    static let assessmentPlans: [AssessmentPlan] = [
        AssessmentPlan(firm: "Hartley's Bakery", profile: counter, rounds: [(160, early), (70, middle), (10, ["bk-tested": "no", "ir-practised": "no"])]),
        AssessmentPlan(firm: "Wool & Weft", profile: shop, rounds: [(90, early.merging(["fw-shop-admin": "no", "up-website": "partly"]) { a, _ in a }),
                                                                    (20, middle.merging(["up-website": "partly"]) { a, _ in a })]),
        AssessmentPlan(firm: "Aire Valley Accountants", profile: office, rounds: [(120, middle), (30, ["ir-practised": "no"])]),
        AssessmentPlan(firm: "Brightside Lettings", profile: office, rounds: [(45, early)]),
        AssessmentPlan(firm: "Otley Bike Repairs", profile: counter, rounds: [(60, early.merging(["mw-antivirus": "partly"]) { a, _ in a })]),
        // Cyber Essentials ready, and the supply chain's lead.
        AssessmentPlan(firm: "Pennine Precision Engineering", profile: factory, rounds: [(200, middle), (100, ["bk-tested": "no"]), (15, [:])]),
        AssessmentPlan(firm: "Dale Haulage", profile: factory, rounds: [(110, early), (25, middle)]),
        AssessmentPlan(firm: "Kirk Fasteners", profile: factory, rounds: [(80, early.merging(["fw-remote-desktop": "no"]) { a, _ in a })]),
        AssessmentPlan(firm: "Moorland Coatings", profile: factory, rounds: [(150, early), (40, middle), (5, ["ph-dmarc": "no"])]),
    ]

    static func seedAssessments(on db: any Database, now: Date) async throws {
        let bank = try AssessmentContent.bank()
        let orgs = Dictionary(uniqueKeysWithValues: try await Organisation.query(on: db).all().map { ($0.name, $0) })
        let people = try await Person.query(on: db).all()
        func admin(of org: Organisation) throws -> SignedIn? {
            guard let person = people.first(where: { $0.$organisation.id == org.id && $0.organisationRole == .admin }) else { return nil }
            return try SignedIn(person: person, organisation: org, sessionID: nil, stage: .full)
        }
        for plan in assessmentPlans {
            guard let org = orgs[plan.firm], let orgID = org.id, let signed = try admin(of: org) else { continue }
            for round in plan.rounds {
                try await takeAssessment(org: orgID, by: signed, profile: plan.profile, gaps: round.gaps, bank: bank, on: db,
                                         at: now.addingTimeInterval(-round.daysAgo * 86400))
            }
        }
        // A brand new firm part-way through its first assessment: the profile and one area done.
        if let cafe = orgs["The Corner Café"], let cafeID = cafe.id, let signed = try admin(of: cafe) {
            let (draft, _) = try await AssessmentActions.start(org: cafeID, person: signed, bank: bank, on: db, now: now.addingTimeInterval(-2 * 86400))
            var pairs = counter.map { (question: $0.key, option: $0.value) }
            pairs += [("ua-mfa-email", "not-sure"), ("ua-mfa-other", "no"), ("ua-admin-separate", "no"), ("ua-leavers", "usually"),
                      ("ua-shared-accounts", "partly"), ("ua-password-manager", "no")]
            try await AssessmentActions.save(pairs, to: draft, person: signed, bank: bank, on: db, now: now.addingTimeInterval(-2 * 86400))
        }
        try await seedActions(orgs: orgs, people: people, on: db, now: now)
    }

    /// One submitted self-assessment, taken as the firm's admin does on the page: the profile, then every question that
    /// applies answered at its best except for `gaps`.
    static func takeAssessment(org: UUID, by signed: SignedIn, profile: [String: String], gaps: [String: String], bank: QuestionBank,
                               on db: any Database, at when: Date) async throws {
        let (assessment, _) = try await AssessmentActions.start(org: org, person: signed, bank: bank, on: db, now: when)
        var pairs = profile.map { (question: $0.key, option: $0.value) }
        for q in bank.questions where bank.applies(q, profile: profile) {
            pairs.append((q.id, gaps[q.id] ?? q.options.max { $0.points < $1.points }?.id ?? AnswerOption.notSureID))
        }
        try await AssessmentActions.save(pairs, to: assessment, person: signed, bank: bank, on: db, now: when)
        _ = try await AssessmentActions.submit(assessment, person: signed, bank: bank, on: db, now: when)
    }

    /// Actions in every state; the bakery has one overdue, so its home page shows it.
    static func seedActions(orgs: [String: Organisation], people: [Person], on db: any Database, now: Date) async throws {
        let bank = try AssessmentContent.bank()
        func day(_ offset: Double) -> String { PlanActions.today(now.addingTimeInterval(offset * 86400)) }
        let plans: [(firm: String, rec: String, ownerEmail: String?, due: Double?, status: PlanAction.Status, reason: String?, notes: String)] = [
            ("Hartley's Bakery", "turn-on-mfa-email", "sarah@hartleys-bakery.example", -60, .done, nil, "Security defaults on; Tom set up his phone at the second try."),
            ("Hartley's Bakery", "test-restore", "tom@hartleys-bakery.example", -5, .doing, nil, "Restored the recipes folder; the till data is next."),
            ("Hartley's Bakery", "tabletop-exercise", "sarah@hartleys-bakery.example", 21, .todo, nil, ""),
            ("Hartley's Bakery", "check-insurance", nil, nil, .notApplicable, "Our business policy already includes a cyber section with a helpline (checked with the broker).", ""),
            ("Wool & Weft", "protect-shop-admin", "megan@woolandweft.example", 10, .doing, nil, "Plugin installed; waiting for the second admin account."),
            ("Wool & Weft", "update-website", "megan@woolandweft.example", 30, .todo, nil, ""),
            ("Dale Haulage", "separate-admin-accounts", "claire@dalehaulage.example", 14, .todo, nil, ""),
            ("Moorland Coatings", "set-up-dmarc", "paul@moorlandcoatings.example", 45, .doing, nil, "p=none published; reading the first reports."),
            ("Pennine Precision Engineering", "test-restore", "mark@pennine-precision.example", -90, .done, nil, "Full restore of the file server to a spare machine: 3 h 20 min."),
        ]
        let byEmail = Dictionary(uniqueKeysWithValues: people.map { ($0.email, $0) })
        for p in plans {
            guard let org = orgs[p.firm], let orgID = org.id, let rec = bank.recommendations[p.rec] else { continue }
            let created = now.addingTimeInterval(-40 * 86400)
            let action = PlanAction(organisationID: orgID, recommendationID: rec.id, title: rec.title,
                                    createdBy: people.first { $0.$organisation.id == orgID && $0.organisationRole == .admin }?.id, at: created)
            action.$owner.id = p.ownerEmail.flatMap { byEmail[$0]?.id }
            action.dueOn = p.due.map(day)
            action.status = p.status
            action.notApplicableReason = p.reason
            action.notes = p.notes
            action.doneAt = p.status == .done ? now.addingTimeInterval((p.due ?? 0) * 86400) : nil
            try await action.create(on: db)
        }
        // Staff check-ins: one strong, one with a weak spot to talk about.
        let checkIns = try AssessmentContent.checkIns()
        for (email, checkInID, answers) in [
            ("tom@hartleys-bakery.example", "phishing", ["ph-invoice": "call", "ph-link": "urgency", "ph-clicked": "tell"]),
            ("tom@hartleys-bakery.example", "passwords", ["pw-strong": "a", "pw-reuse": "no", "pw-code": "refuse"]),
            ("kelly@northgate-motors.example", "usb", ["usb-found": "plug", "usb-charge": "no"]),
        ] {
            guard let person = byEmail[email], let personID = person.id, let checkIn = checkIns.first(where: { $0.id == checkInID }),
                  case .success(let outcome) = checkIn.mark(answers) else { continue }
            try await CoachResult(personID: personID, organisationID: person.$organisation.id, checkInID: checkInID, correct: outcome.correct,
                                  total: outcome.total, answers: answers, at: now.addingTimeInterval(-12 * 86400)).create(on: db)
        }
    }
}
