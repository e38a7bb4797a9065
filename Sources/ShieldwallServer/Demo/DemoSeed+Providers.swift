import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Fifteen providers the demo's firms use, added by the operator, and one proposed by a firm's staff that waits
/// for approval. Written through `ProviderActions`, as people would.
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
    }
}
