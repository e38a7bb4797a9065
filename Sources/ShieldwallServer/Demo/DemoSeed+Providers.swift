import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Fifteen providers the demo's firms use, added by the operator, and one proposed by a firm's staff that waits
/// for approval; reviews by the firms' admins, enough for scores on three providers and too few on two; someone from
/// Northern Backup who answers a review; a group purchase in the micro-business circle with seven firms interested.
/// Written through the domain's actions, as people would.
extension DemoSeed {
    /// Name, web address, services, area, client sizes, certifications as stated.
    static let providers: [(String, String, [ProviderService], String, [ClientSize], [String])] = [
        ("Northern Backup Ltd", "nbackup.example", [.backup], "West Yorkshire", [.micro, .small], ["Cyber Essentials Plus"]),
        ("Aire Valley IT", "airevalley-it.example", [.managedIT], "Leeds and Bradford", [.micro, .small], ["Cyber Essentials"]),
        ("Pennine Managed Services", "pennine-ms.example", [.managedIT, .backup], "Yorkshire", [.small, .medium], ["ISO/IEC 27001"]),
        ("Shopfront Cloud", "shopfront-cloud.example", [.onlineShop, .webHosting], "UK-wide, remote", [.micro], []),
        ("Ledgerly", "ledgerly.example", [.accountingSoftware], "UK-wide", [.micro, .small], ["ISO/IEC 27001", "SOC 2 Type II"]),
        ("Tally Books", "tallybooks.example", [.accountingSoftware], "UK-wide", [.micro], []),
        ("Calder Web Hosting", "calder-hosting.example", [.webHosting], "UK-wide", [.micro, .small], []),
        ("Yorkshire Cyber Watch", "ycwatch.example", [.securityServices], "North of England", [.small, .medium], ["CREST"]),
        ("Harbour Security Testing", "harbour-sec.example", [.securityServices], "UK-wide", [.small, .medium], ["CREST", "Cyber Essentials Plus"]),
        ("Shield Mutual Cyber", "shield-mutual.example", [.insurance], "UK-wide", [.micro, .small, .medium], []),
        ("Dales Insurance Brokers", "dales-brokers.example", [.insurance], "Yorkshire", [.micro, .small], []),
        ("Offsite Vault", "offsitevault.example", [.backup], "UK-wide, remote", [.micro], []),
        ("Kirkstall Computer Care", "kirkstall-cc.example", [.managedIT], "Leeds", [.micro], []),
        ("Basket & Till", "basket-till.example", [.onlineShop], "UK-wide", [.micro, .small], []),
        ("Wharfe Digital", "wharfe-digital.example", [.webHosting, .managedIT], "Wharfedale", [.micro], ["Cyber Essentials"]),
    ]

    static func seedProviders(app: Application, now: Date) async throws {
        let db = app.db
        guard let op = try await Person.query(on: db).filter(\.$isOperator == true).first(),
              let staff = try await Person.query(on: db).filter(\.$email == firms[0].staffPeople[0].1).first()
        else { return }
        let ctx = ActionContext(db: db, services: app.shieldwall, hasher: app.password.async(on: app.threadPool, hopTo: app.eventLoopGroup.next()),
                                address: "demo")
        let curator = try SignedIn(person: op, organisation: nil, sessionID: nil, stage: .full)
        for p in providers {
            let words = ProviderActions.Words(name: p.0, website: p.1, services: p.2.map(\.rawValue), area: p.3, clientSizes: p.4.map(\.rawValue),
                                              certifications: p.5.joined(separator: "\n"))
            _ = try await ProviderActions.propose(words, by: curator, curator: true, ctx: ctx)
        }
        let proposer = try SignedIn(person: staff, organisation: nil, sessionID: nil, stage: .full)
        let words = ProviderActions.Words(name: "Rhubarb Triangle Payroll", website: "rhubarb-payroll.example", services: ["accounting-software"],
                                          area: "Wakefield", clientSizes: ["micro"], certifications: "")
        _ = try await ProviderActions.propose(words, by: proposer, curator: false, ctx: ctx)
        try await seedProviderReviews(ctx: ctx)
        try await seedProviderAnswer(ctx: ctx, operator: curator)
        try await seedPurchase(ctx: ctx)
    }

    static let providerPerson = ("Pat Okafor (Northern Backup)", "pat@nbackup.example")

    /// The operator invites Pat from Northern Backup, who makes an account from the link and answers a review.
    static func seedProviderAnswer(ctx: ActionContext, operator curator: SignedIn) async throws {
        guard let provider = try await Provider.query(on: ctx.db).filter(\.$name == "Northern Backup Ltd").first() else { return }
        let invited = try await ClaimActions.invite(provider, email: providerPerson.1, by: curator, ctx: ctx)
        let pat = try await ClaimActions.acceptWithNewAccount(invited.claim, .init(displayName: providerPerson.0, password: password,
                                                                                   passwordConfirmation: password), ctx: ctx)
        let review = try await ProviderReview.query(on: ctx.db).filter(\.$provider.$id == provider.requireID()).filter(\.$body ~~ "set-up fee").first()
        if let review {
            _ = try await AnswerActions.answer(review, text: "Thank you for saying so. The set-up fee is now on every quote, with what it covers.",
                                               by: try SignedIn(person: pat, organisation: nil, sessionID: nil, stage: .full), ctx: ctx)
        }
    }

    /// A password manager for the micro-business circle: organised by one firm, seven firms with their numbers.
    static func seedPurchase(ctx: ActionContext) async throws {
        let circle = communityPlans[0]
        guard let community = try await Community.query(on: ctx.db).filter(\.$name == circle.name).first() else { return }
        let admins = circle.firms.compactMap { name in firms.first { $0.name == name }?.admin.1 }
        var people: [SignedIn] = []
        for email in admins {
            guard let person = try await Person.query(on: ctx.db).filter(\.$email == email).first() else { continue }
            people.append(try SignedIn(person: person, organisation: nil, sessionID: nil, stage: .full))
        }
        guard people.count >= 8 else { return }
        let organiser = people[2]
        let standing = try await CommunityStandings.standing(of: organiser, in: community, on: ctx.db)
        let deadline = PurchaseActions.dayFormatter.string(from: ctx.now.addingTimeInterval(21 * 86400))
        let purchase = try await PurchaseActions.propose(.init(
            title: "A password manager for our firms",
            details: "A business password manager with shared vaults and two-step sign-in. The supplier offers **3 € a person a month** "
                + "from 40 people, instead of 5 €. Fiona (our expert) will run a set-up evening for everyone who joins.",
            unit: "people", deadline: deadline), in: community, standing: standing, by: organiser, ctx: ctx)
        for (index, person) in people.prefix(8).enumerated() where index != 6 {
            let standing = try await CommunityStandings.standing(of: person, in: community, on: ctx.db)
            try await PurchaseActions.registerInterest(purchase, quantity: String([4, 7, 3, 9, 2, 5, 0, 6][index]), standing: standing,
                                                       firmTakesPart: true, by: person, ctx: ctx)
        }
    }

    /// Provider name → (index of the reviewing firm, overall rating, anonymous, what they wrote).
    static let providerReviews: [String: [(Int, Int, Bool, String)]] = [
        "Northern Backup Ltd": [(0, 5, false, "They tested a restore with us in the first month, and it worked."),
                                (2, 4, false, "Clear monthly price. Took a day to answer once."),
                                (5, 4, true, ""),
                                (9, 3, false, "Fine once set up, but the set-up fee was not on the quote.")],
        "Aire Valley IT": [(1, 4, false, "Gave us our own admin account when we asked, and turned on two-step sign-in for everyone."),
                           (3, 2, true, "Changed our router settings without telling us; the card terminal stopped for an afternoon."),
                           (4, 4, false, "Quick on the phone. Pricier than the rest.")],
        "Shopfront Cloud": [(6, 4, false, "The shop stayed up through the Christmas rush."),
                            (7, 3, false, "Plugins are updated, but we found out from the changelog, not from them."),
                            (8, 4, false, "")],
        "Ledgerly": [(2, 5, false, "Two-step sign-in for every user, and an export of everything when we asked.")],
        "Kirkstall Computer Care": [(0, 3, false, "Friendly, but kept the only admin password to our laptops.")],
    ]

    static func seedProviderReviews(ctx: ActionContext) async throws {
        let db = ctx.db
        for (name, reviews) in providerReviews {
            guard let provider = try await Provider.query(on: db).filter(\.$name == name).first() else { continue }
            for (index, overall, anonymous, text) in reviews where index < firms.count {
                guard let admin = try await Person.query(on: db).filter(\.$email == firms[index].admin.1).first() else { continue }
                let person = try SignedIn(person: admin, organisation: nil, sessionID: nil, stage: .full)
                let good = overall >= 4
                let words = ReviewActions.Words(
                    ratings: ["pricing-clarity": String(max(1, overall - 1)), "responsiveness": String(overall), "security-practice": String(overall),
                              "overall": String(overall)],
                    practice: ["uses-mfa": good ? "yes" : "unknown", "own-admin-account": good ? "yes" : "no",
                               "tells-changes": good ? "yes" : "no", "hands-back-data": "unknown"],
                    text: text, anonymous: anonymous, usesProvider: true)
                _ = try await ReviewActions.write(provider, words, by: person, ctx: ctx)
            }
        }
    }
}
