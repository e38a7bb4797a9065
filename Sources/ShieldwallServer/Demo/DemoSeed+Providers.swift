import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Fifteen providers the demo's firms use, added by the operator, and one proposed by a firm's staff that waits
/// for approval; reviews by the firms' admins, enough for scores on three providers and too few on two.
/// Written through `ProviderActions` and `ReviewActions`, as people would.
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
