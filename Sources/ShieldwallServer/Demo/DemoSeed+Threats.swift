import Fluent
import Foundation
import ShieldwallCore

/// Believable shared intelligence: a phishing campaign against the micro-business circle, a
/// credential-stuffing wave against the supply chain's web shops, an expert's advisory, an anonymous
/// ransomware lesson learned and one TLP:RED report to two named people — with sightings and
/// expert confirmations, so blocklists and confidence have something to show.
extension DemoSeed {
    struct ReportPlan {
        let community: Int
        let author: String
        let daysAgo: Double
        let kind: ThreatReport.Kind
        let tlp: TLP
        let anonymous: Bool
        let title: String
        let summary: String
        let narrative: String
        var whatHappened = "", impact = "", whatHelped = ""
        var recipients: [String] = []
        let indicators: [String]
    }

    static let reportPlans: [ReportPlan] = [
        ReportPlan(community: 0, author: "sarah@hartleys-bakery.example", daysAgo: 12, kind: .phishing, tlp: .amber, anonymous: false,
                   title: "Fake HMRC tax refund e-mails", summary: "An e-mail offering a £412 tax refund asks for card details on a look-alike site. Do not click.",
                   narrative: "It arrived on Monday morning to our orders@ address, with the HMRC logo and a **deadline of 48 hours**.\n\nThe link goes to a copy of the GOV.UK sign-in page. Tom nearly typed our card number in.\n\n- Sender: `refunds@hmrc-refund-portal.com`\n- Sent from 45.95.147.236",
                   indicators: ["refunds@hmrc-refund-portal[.]com", "hxxps://hmrc-refund-portal[.]com/claim?ref=UK-88120", "hmrc-refund-portal.com", "45.95.147.236"]),
        ReportPlan(community: 0, author: "lucia@cornercafe.example", daysAgo: 10, kind: .phishing, tlp: .green, anonymous: false,
                   title: "Same HMRC refund e-mail, new address", summary: "We got the HMRC refund e-mail too, from a different sender and server.",
                   narrative: "Same wording as Sarah's. Our mail provider put it in spam, but the link was live.",
                   indicators: ["claims@hmrc-refund-portal.com", "hmrc-refund-portal.com", "45.95.147.241"]),
        ReportPlan(community: 0, author: "fiona.grant@experts.example", daysAgo: 6, kind: .advisory, tlp: .clear, anonymous: false,
                   title: "Turn on two-step sign-in for your e-mail this week", summary: "Most break-ins we see start with a stolen e-mail password. Two-step sign-in stops them.",
                   narrative: "## Why\n\nStolen passwords are tried automatically on Microsoft 365 and Google accounts.\n\n## What to do\n\n1. Sign in to your e-mail admin page.\n2. Turn on two-step verification for every account, starting with yours.\n3. Keep the backup codes in your safe.\n\nNCSC guidance: [Multi-factor authentication for your corporate online services](https://www.ncsc.gov.uk/guidance/multi-factor-authentication-online-services).",
                   indicators: []),
        ReportPlan(community: 1, author: "andrew@kirkfasteners.example", daysAgo: 9, kind: .incident, tlp: .amber, anonymous: false,
                   title: "Credential stuffing against our trade web shop", summary: "About 14,000 sign-in attempts overnight from a few hosting ranges; 3 customer accounts taken over.",
                   narrative: "Our web shop log shows bursts of `POST /account/login` with leaked e-mail/password pairs from 01:00 to 04:30.\n\nWe blocked the ranges below on the firewall and forced password resets.",
                   whatHappened: "Automated logins with passwords leaked from other sites.", impact: "Three customer accounts used to place fake orders; no payment data lost.",
                   whatHelped: "Rate limiting on the login page and the firewall block list.",
                   indicators: ["185.220.101.34", "185.220.101.47", "193.142.146.0/24", "2a0e:fb44:1:2::/64"]),
        ReportPlan(community: 1, author: "rachel@moorlandcoatings.example", daysAgo: 7, kind: .incident, tlp: .amber, anonymous: false,
                   title: "Same login attacks on our customer portal", summary: "Thousands of failed logins from the addresses Kirk Fasteners shared, plus one more.",
                   narrative: "Seen in our portal's access log after reading Andrew's report.", indicators: ["185.220.101.34", "193.142.146.0/24", "91.240.118.172"]),
        ReportPlan(community: 1, author: "chris@donvalleycastings.example", daysAgo: 20, kind: .lessonLearned, tlp: .amber, anonymous: true,
                   title: "Ransomware through an old remote-desktop account: what we learned", summary: "An unused remote-access account without two-step sign-in let ransomware in. Backups saved us.",
                   narrative: "A supplier's engineer account from 2019 was still active on our remote desktop gateway.",
                   whatHappened: "Files on the shared drive were encrypted on a Saturday night; a ransom note asked for 2 BTC.",
                   impact: "Two days without the production planning system.",
                   whatHelped: "Offline backups tested every quarter; an IT provider with an incident retainer; calling Action Fraud the same day.",
                   indicators: ["e3d9f5c0f3b1a1b2c4d6e8f0a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9", "restore-files-now.onion.ws", "5.188.206.14"]),
        ReportPlan(community: 1, author: "helen@pennine-precision.example", daysAgo: 3, kind: .incident, tlp: .red, anonymous: false,
                   title: "Attempted change of our bank details with a customer", summary: "Someone with access to our mailbox asked a customer to pay into a new account. Only for the two of you while we investigate.",
                   narrative: "Please do not share yet: we do not know whether the mailbox or the customer's side was compromised.",
                   recipients: ["yusuf.ali@experts.example", "andrew@kirkfasteners.example"],
                   indicators: ["accounts@pennine-precisions.com", "pennine-precisions.com"]),
    ]

    static func seedThreats(on db: any Database, now: Date) async throws {
        let people = Dictionary(uniqueKeysWithValues: try await Person.query(on: db).all().map { ($0.email, $0) })
        let communities = try await Community.query(on: db).sort(\.$createdAt).all()
        var reportsByTitle: [String: ThreatReport] = [:]
        for plan in reportPlans {
            guard plan.community < communities.count, let author = people[plan.author], let authorID = author.id,
                  let communityID = communities[plan.community].id else { continue }
            let at = now.addingTimeInterval(-plan.daysAgo * 86_400)
            let report = ThreatReport()
            let id = UUID()
            report.id = id
            report.$community.id = communityID
            report.$author.id = authorID
            report.$organisation.id = author.$organisation.id
            report.kind = plan.kind
            report.title = plan.title
            report.summary = plan.summary
            report.narrative = plan.narrative
            report.whatHappened = plan.whatHappened
            report.impact = plan.impact
            report.whatHelped = plan.whatHelped
            report.tlp = plan.tlp
            report.anonymous = plan.anonymous
            report.status = ThreatReport.Status.open
            report.stixID = "report--\(id.uuidString.lowercased())"
            report.createdAt = at
            report.modifiedAt = at
            report.addedAt = at
            try await report.create(on: db)
            for email in plan.recipients {
                if let recipient = people[email]?.id { try await ReportRecipient(reportID: id, personID: recipient).create(on: db) }
            }
            let values = plan.indicators.compactMap { try? IndicatorValue.normalise($0).get() }
            try await IndicatorLinks.link(values, to: id, at: at, on: db)
            try await SearchIndex.put(report: report, on: db)
            reportsByTitle[plan.title] = report
        }
        // Sightings ("we saw this too") and an expert's confirmations.
        func indicator(_ value: String) async throws -> Indicator? {
            guard case .success(let v) = IndicatorValue.normalise(value) else { return nil }
            return try await Indicator.query(on: db).filter(\.$type == v.type).filter(\.$value == v.value).first()
        }
        let sightings: [(String, String, Int, Int, Double)] = [
            ("hmrc-refund-portal.com", "megan@woolandweft.example", 0, 2, 8),
            ("45.95.147.236", "priya@airevalley-accounts.example", 0, 5, 9),
            ("185.220.101.34", "steve@dalehaulage.example", 1, 3_420, 6),
            ("193.142.146.0/24", "steve@dalehaulage.example", 1, 812, 6),
            ("185.220.101.47", "gary@ridingsprint.example", 1, 96, 5),
        ]
        for (value, email, community, count, daysAgo) in sightings {
            guard let row = try await indicator(value), let person = people[email], community < communities.count else { continue }
            let s = Sighting()
            s.$indicator.id = try row.requireID()
            s.$community.id = try communities[community].requireID()
            s.$organisation.id = person.$organisation.id
            s.$person.id = try person.requireID()
            s.count = count
            s.firstSeen = now.addingTimeInterval(-(daysAgo + 1) * 86_400)
            s.lastSeen = now.addingTimeInterval(-daysAgo * 86_400)
            s.source = count > 100 ? Sighting.Source.scan : Sighting.Source.web
            s.createdAt = s.lastSeen
            try await s.create(on: db)
        }
        if let expert = people["fiona.grant@experts.example"]?.id {
            for (value, community) in [("hmrc-refund-portal.com", 0), ("https://hmrc-refund-portal.com/claim?ref=UK-88120", 0), ("91.240.118.172", 1)] {
                guard let row = try await indicator(value), community < communities.count else { continue }
                try await IndicatorConfirmation(indicatorID: try row.requireID(), communityID: try communities[community].requireID(),
                                                personID: expert, createdAt: now.addingTimeInterval(-4 * 86_400)).create(on: db)
            }
        }
        if let report = reportsByTitle["Credential stuffing against our trade web shop"], let commenter = people["yusuf.ali@experts.example"]?.id {
            try await ReportComment(reportID: try report.requireID(), authorID: commenter,
                                    body: "Those ranges belong to a bulletproof hosting provider. Blocking the whole /24 is reasonable. Also check for new forwarding rules on the three accounts.",
                                    createdAt: now.addingTimeInterval(-8 * 86_400)).create(on: db)
        }
        // Each firm's own addresses, so no community ever blocks a member.
        for (firm, domain) in [("Hartley's Bakery", "hartleys-bakery.example"), ("Kirk Fasteners", "kirkfasteners.example")] {
            if let org = try await Organisation.query(on: db).filter(\.$name == firm).first(), let orgID = org.id {
                try await AllowlistEntry(organisationID: orgID, value: IndicatorValue(type: .domain, value: domain), note: "Our web shop and e-mail",
                                         createdAt: now).create(on: db)
            }
        }
    }
}
