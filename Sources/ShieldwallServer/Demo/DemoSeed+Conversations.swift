import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A few months of conversation in both communities, written through the real actions (search index,
/// notifications, expert marks, accepted answers) at their past times: MFA, backups, a phishing
/// e-mail, choosing an IT provider, Cyber Essentials; polls closed and open; questions still waiting.
extension DemoSeed {
    struct ReplyPlan { let author: String; let body: String; let hoursLater: Double; var accepted = false }
    struct ThreadPlan {
        let community: Int
        let author: String
        let kind: ThreadKind
        let title: String
        let body: String
        let tags: String
        let daysAgo: Double
        var replies: [ReplyPlan] = []
        var poll: (question: String, options: [String], days: Int, voters: [(String, Int)])? = nil
        var pinned = false
    }

    static let threadPlans: [ThreadPlan] = [
        ThreadPlan(community: 0, author: "lucia@cornercafe.example", kind: .question, title: "How do I turn on 2-step verification for our Gmail?",
                   body: "Our café e-mail is one Gmail account that three of us share. Fiona said at the meeting we should turn on 2-step verification. Where is it, and what happens when someone else needs to log in?",
                   tags: "mfa, email", daysAgo: 62, replies: [
                    ReplyPlan(author: "fiona.grant@experts.example", body: "Good call — a shared inbox is the one thing attackers want most.\n\n1. Sign in at **myaccount.google.com** → *Security* → *2-Step Verification*.\n2. Choose the *Google Authenticator* app on **one** phone that stays at the café (or a security key on the keyring).\n3. Print the backup codes and keep them in the safe.\n\nFor colleagues, better still: give each person their own account and *delegate* the shared inbox. See the NCSC guide: [Turn on 2SV](https://www.ncsc.gov.uk/cyberaware/home).", hoursLater: 5, accepted: true),
                    ReplyPlan(author: "lucia@cornercafe.example", body: "Done! It took ten minutes. The backup codes are in the safe with the float.", hoursLater: 30),
                   ]),
        ThreadPlan(community: 0, author: "megan@woolandweft.example", kind: .question, title: "Where should my web shop's backups live?",
                   body: "The shop runs on WooCommerce. My hosting company says it takes backups. Is that enough, or do I need my own copy?",
                   tags: "backups, web-shop", daysAgo: 47, replies: [
                    ReplyPlan(author: "marcus.boateng@experts.example", body: "Not enough on its own: if the hosting account is taken over, or the host goes bust, the backups go with it.\n\nKeep **one copy somewhere else** (a backup plugin that sends to cloud storage you own), and **test a restore** once a quarter — a backup you have never restored is a hope, not a backup.", hoursLater: 20, accepted: true),
                    ReplyPlan(author: "priya@airevalley-accounts.example", body: "We do the same for client files: a weekly copy to a separate cloud account only I can delete from. @megan-clarke happy to show you at the next meeting.", hoursLater: 26),
                   ]),
        ThreadPlan(community: 0, author: "elaine@harrogate-guesthouse.example", kind: .question, title: "Is this 'Booking.com' e-mail about a guest complaint real?",
                   body: "We got an e-mail saying a guest complained and I must 'verify the property' through a link within 24 hours. The sender looks like booking.com but the link goes somewhere odd. What do I do?",
                   tags: "phishing", daysAgo: 13, replies: [
                    ReplyPlan(author: "marcus.boateng@experts.example", body: "That's a well-known phishing run against guest houses. **Don't click.** Log in to the extranet the way you always do (bookmark or app) — if there is a real complaint it will be there.\n\nForward the e-mail to report@phishing.gov.uk, and share it in our threat feed so others watch out.", hoursLater: 2, accepted: true),
                    ReplyPlan(author: "dan@brightside-lettings.example", body: "We had the same one pretending to be Rightmove last week. Thanks for posting.", hoursLater: 9),
                   ]),
        ThreadPlan(community: 0, author: "sarah@hartleys-bakery.example", kind: .announcement, title: "Next meeting: bring your laptop for an MFA clinic",
                   body: "At the next monthly meeting Fiona and Marcus will sit with anyone who wants to turn on 2-step verification for e-mail, banking and the card terminal portal. Bring the phone you will use for codes.",
                   tags: "mfa, meeting", daysAgo: 20, pinned: true),
        ThreadPlan(community: 0, author: "neil@otleybikes.example", kind: .discussion, title: "What do you use to back up the shop laptop?",
                   body: "After Megan's question I realised our only copy of the customer list is on the shop laptop. Quick poll before I buy anything:",
                   tags: "backups", daysAgo: 40, replies: [
                    ReplyPlan(author: "grace@ilkleyflorist.example", body: "OneDrive came with our Microsoft 365 — it was already there, I just had to switch it on.", hoursLater: 4),
                   ], poll: ("What do you back up to?", ["A cloud service", "A USB drive I take home", "Nothing yet"], 14,
                             [("grace@ilkleyflorist.example", 0), ("megan@woolandweft.example", 0), ("lucia@cornercafe.example", 2),
                              ("dan@brightside-lettings.example", 1), ("elaine@harrogate-guesthouse.example", 2)])),
        ThreadPlan(community: 0, author: "grace@ilkleyflorist.example", kind: .question, title: "Do I need antivirus on a Mac?",
                   body: "Everyone says Macs don't get viruses. Is the built-in protection enough for a two-person florist?",
                   tags: "malware, mac", daysAgo: 2),
        ThreadPlan(community: 1, author: "steve@dalehaulage.example", kind: .question, title: "Choosing an IT provider: what should we ask them?",
                   body: "Our IT person is retiring. We are talking to three local firms. Beyond price, what should a haulier with 38 staff ask?",
                   tags: "it-provider, suppliers", daysAgo: 52, replies: [
                    ReplyPlan(author: "yusuf.ali@experts.example", body: "Ask each of them, in writing:\n\n- Who has admin access to our systems, and is it protected with MFA?\n- How do you patch our machines, and how fast for critical updates?\n- Where are our backups, how often are they tested, and can *we* get a copy?\n- What happens in an incident at 2 a.m. on a Sunday?\n- Are you Cyber Essentials certified yourselves?\n\nAnd get the right to your own data and passwords in the contract.", hoursLater: 7, accepted: true),
                    ReplyPlan(author: "helen@pennine-precision.example", body: "We added a clause that they must tell us within 24 hours if *they* are breached. Worth copying.", hoursLater: 28),
                   ]),
        ThreadPlan(community: 1, author: "andrew@kirkfasteners.example", kind: .discussion, title: "A customer now asks for Cyber Essentials — worth doing?",
                   body: "One of our automotive customers wants Cyber Essentials by next year. Has anyone here been through it? How long did it take?",
                   tags: "cyber-essentials", daysAgo: 36, replies: [
                    ReplyPlan(author: "fiona.grant@experts.example", body: "Worth it: the five controls are the basics that stop most attacks anyway. Run our self-assessment first — it shows which Cyber Essentials controls you would fail today.", hoursLater: 6),
                    ReplyPlan(author: "rachel@moorlandcoatings.example", body: "Took us about six weeks, most of it replacing two old Windows 7 PCs on the shop floor.", hoursLater: 50),
                   ]),
        ThreadPlan(community: 1, author: "jess@hallamlaser.example", kind: .question, title: "Lost phone, locked out of the MFA app — what now?",
                   body: "Our office manager lost her phone and with it the authenticator for the accounts system. How do we get back in, and how do we avoid this next time?",
                   tags: "mfa", daysAgo: 6, replies: [
                    ReplyPlan(author: "yusuf.ali@experts.example", body: "Use the recovery codes if you saved them; if not, the provider's account recovery (it takes a few days — by design). Next time: two factors per person (app plus a security key), and recovery codes printed and locked away.", hoursLater: 3),
                   ]),
        ThreadPlan(community: 1, author: "karen@wentworthtooling.example", kind: .question, title: "Should visiting drivers use our office Wi-Fi?",
                   body: "Drivers waiting for loads ask for the Wi-Fi password. It's the same network as our CNC machines. Is that a problem?",
                   tags: "network, wifi", daysAgo: 1),
        ThreadPlan(community: 1, author: "helen@pennine-precision.example", kind: .discussion, title: "Next workshop: which topic first?",
                   body: "Yusuf has offered a hands-on workshop. Vote for the topic you need most; the poll closes in three weeks.",
                   tags: "workshop", daysAgo: 3, poll: ("Which workshop first?", ["Backups and restore drills", "Segmenting the shop-floor network", "Phishing drills for staff"], 21,
                             [("steve@dalehaulage.example", 1), ("andrew@kirkfasteners.example", 1), ("jess@hallamlaser.example", 2)])),
    ]

    /// An Ask-Me-Anything per community: one held last month (questions answered, kept as a record), one coming up (collecting).
    struct AMAPlan {
        let community: Int
        let host: String
        let title: String
        let daysFromNow: Double
        let questions: [(author: String, title: String, voters: [String], answer: String?)]
    }

    static let amaPlans: [AMAPlan] = [
        AMAPlan(community: 0, host: "marcus.boateng@experts.example", title: "Ask Marcus anything: scams against small shops", daysFromNow: -25, questions: [
            ("grace@ilkleyflorist.example", "What do I do if a customer pays by a card that turns out to be stolen?",
             ["lucia@cornercafe.example", "neil@otleybikes.example"], "Call your card acquirer straight away and keep the receipts; report it to Action Fraud. For phone orders, only ship to the card's billing address."),
            ("dan@brightside-lettings.example", "A 'tenant' wants to pay the deposit from abroad and get a refund of the overpayment. Scam?",
             ["priya@airevalley-accounts.example", "elaine@harrogate-guesthouse.example", "megan@woolandweft.example"], "Classic overpayment fraud: the first payment bounces after you refund. Never refund an overpayment until the money has truly cleared — ask your bank how long that is."),
            ("neil@otleybikes.example", "Is it safe to use the shop Wi-Fi for the card terminal?", ["lucia@cornercafe.example"], nil),
        ]),
        AMAPlan(community: 1, host: "yusuf.ali@experts.example", title: "Ask Yusuf anything: networks on the shop floor", daysFromNow: 9, questions: [
            ("andrew@kirkfasteners.example", "Can our old CNC controllers be kept off the internet but still get job files?",
             ["chris@donvalleycastings.example", "jess@hallamlaser.example"], nil),
            ("steve@dalehaulage.example", "Do the trackers in our lorries need updates like PCs do?", ["olu@swiftpallets.example"], nil),
        ]),
    ]

    static func seedAMAs(app: Application, now: Date, signed: (String) throws -> SignedIn, context: (Date) -> ActionContext) async throws {
        let db = app.db
        let communities = try await Community.query(on: db).sort(\.$createdAt).all()
        for plan in amaPlans where plan.community < communities.count {
            let community = communities[plan.community]
            let start = now.addingTimeInterval(plan.daysFromNow * 86_400)
            let event = CommunityEvent(communityID: try community.requireID(), kind: .ama, title: plan.title,
                                       description: "Send your questions beforehand and press “Me too” on the ones you want answered.",
                                       startsAt: start, endsAt: start.addingTimeInterval(3600), timeZone: "Europe/London", location: "Online",
                                       capacity: nil, seriesID: nil, createdByID: community.$requestedBy.id, createdAt: start.addingTimeInterval(-14 * 86_400))
            try await event.create(on: db)
            try await EventActions.index(event, on: db)
            for (n, q) in plan.questions.enumerated() {
                let asker = try signed(q.author)
                let askedAt = start.addingTimeInterval(-Double(10 - n) * 86_400)
                let thread = try await ConversationActions.start(.init(kind: ThreadKind.question.rawValue, title: q.title, body: q.title, tags: "ama", poll: nil),
                                                                 in: community, standing: try await CommunityStandings.standing(of: asker, in: community, on: db),
                                                                 by: asker, event: try event.requireID(), ctx: context(askedAt))
                for voter in q.voters {
                    let person = try signed(voter)
                    try await ConversationActions.toggleVote(thread, standing: try await CommunityStandings.standing(of: person, in: community, on: db),
                                                             by: person, ctx: context(askedAt.addingTimeInterval(3600)))
                }
                if let answer = q.answer {
                    let host = try signed(plan.host)
                    _ = try await ConversationActions.reply(to: thread, body: answer, standing: try await CommunityStandings.standing(of: host, in: community, on: db),
                                                            by: host, ctx: context(start.addingTimeInterval(Double(n + 1) * 600)))
                }
            }
        }
    }

    static func seedConversations(app: Application, now: Date) async throws {
        let db = app.db
        let people = Dictionary(uniqueKeysWithValues: try await Person.query(on: db).all().map { ($0.email, $0) })
        let communities = try await Community.query(on: db).sort(\.$createdAt).all()
        func signed(_ email: String) throws -> SignedIn {
            guard let person = people[email] else { throw Abort(.internalServerError, reason: "demo: no person \(email)") }
            return try SignedIn(person: person, organisation: nil, sessionID: nil, stage: .full)
        }
        func context(at date: Date) -> ActionContext {
            var services = app.shieldwall
            services.time = ManualTime(date)
            return ActionContext(db: db, services: services, hasher: app.password.async(on: app.threadPool, hopTo: app.eventLoopGroup.next()),
                                 address: "demo")
        }
        for plan in threadPlans where plan.community < communities.count {
            let community = communities[plan.community]
            let at = now.addingTimeInterval(-plan.daysAgo * 86_400)
            let author = try signed(plan.author)
            let poll = plan.poll.map { PollActions.Input(question: $0.question, options: $0.options.joined(separator: "\n"), multiple: false,
                                                         closesInDays: $0.days) }
            let thread = try await ConversationActions.start(
                .init(kind: plan.kind.rawValue, title: plan.title, body: plan.body, tags: plan.tags, poll: poll), in: community,
                standing: try await CommunityStandings.standing(of: author, in: community, on: db), by: author, ctx: context(at: at))
            thread.$community.value = community
            for reply in plan.replies {
                let person = try signed(reply.author)
                let post = try await ConversationActions.reply(to: thread, body: reply.body,
                                                               standing: try await CommunityStandings.standing(of: person, in: community, on: db),
                                                               by: person, ctx: context(at: at.addingTimeInterval(reply.hoursLater * 3600)))
                if reply.accepted {
                    try await ConversationActions.accept(try post.requireID(), in: thread, standing: try await CommunityStandings.standing(of: author, in: community, on: db),
                                                         by: author, ctx: context(at: at.addingTimeInterval(reply.hoursLater * 3600 + 7200)))
                }
            }
            if let poll = plan.poll {
                let options = try await PollOption.query(on: db).join(Poll.self, on: \PollOption.$poll.$id == \Poll.$id)
                    .filter(Poll.self, \.$thread.$id == (try thread.requireID())).sort(\.$position).all()
                for (n, (email, choice)) in poll.voters.enumerated() where choice < options.count {
                    let voter = try signed(email)
                    try await PollActions.vote(in: thread, choices: [try options[choice].requireID().uuidString],
                                               standing: try await CommunityStandings.standing(of: voter, in: community, on: db), by: voter,
                                               ctx: context(at: at.addingTimeInterval(Double(n + 1) * 3600)))
                }
            }
            if plan.pinned {
                thread.pinned = true
                try await thread.update(on: db)
            }
        }
        try await seedAMAs(app: app, now: now, signed: signed, context: context)
        try await seedResources(app: app, now: now, signed: signed, context: context)
    }

    static let resourcePlans: [(community: Int, by: String, input: ResourceActions.Input, daysAgo: Double)] = [
        (0, "fiona.grant@experts.example", .init(kind: "link", title: "NCSC Small Business Guide", description: "The five things that stop most attacks, in plain words.",
                                                 url: "https://www.ncsc.gov.uk/collection/small-business-guide", tags: "basics"), 90),
        (0, "marcus.boateng@experts.example", .init(kind: "guide", title: "What to do in the first hour of a scam",
                                                    description: "Print it and pin it next to the till.",
                                                    body: "1. **Stop**: don't pay, don't click, don't reply.\n2. Call your bank on the number on your card.\n3. Change the password of the account involved, from another device.\n4. Report it to Action Fraud (0300 123 2040).\n5. Tell the community, so nobody else falls for it.",
                                                    tags: "incident, scams"), 40),
        (0, "sarah@hartleys-bakery.example", .init(kind: "file", title: "One-page incident contact sheet", description: "Who to call when something goes wrong — fill in and print.",
                                                   tags: "incident, template", fileName: "incident-contacts.txt",
                                                   fileBytes: Array("INCIDENT CONTACT SHEET\n\nOur bank (fraud line): ...........\nOur IT help: ...........\nAction Fraud: 0300 123 2040\nOur insurer: ...........\nCommunity facilitator: ...........\n".utf8)), 33),
        (1, "yusuf.ali@experts.example", .init(kind: "file", title: "Questions to ask an IT provider", description: "The checklist from the thread, as a CSV to tick off.",
                                               tags: "it-provider, suppliers", fileName: "it-provider-questions.csv",
                                               fileBytes: Array("question,asked,answer\nWho has admin access and is it protected with MFA?,,\nHow fast are critical updates installed?,,\nWhere are backups and how often are restores tested?,,\nWhat happens in an incident at night or at the weekend?,,\nAre you Cyber Essentials certified?,,\n".utf8)), 45),
        (1, "helen@pennine-precision.example", .init(kind: "link", title: "Cyber Essentials: what it asks of you", description: "The requirements, from the scheme's own site.",
                                                     url: "https://www.ncsc.gov.uk/cyberessentials/overview", tags: "cyber-essentials"), 30),
    ]

    static func seedResources(app: Application, now: Date, signed: (String) throws -> SignedIn, context: (Date) -> ActionContext) async throws {
        let communities = try await Community.query(on: app.db).sort(\.$createdAt).all()
        for plan in resourcePlans where plan.community < communities.count {
            let community = communities[plan.community]
            let person = try signed(plan.by)
            _ = try await ResourceActions.add(plan.input, in: community, standing: try await CommunityStandings.standing(of: person, in: community, on: app.db),
                                              by: person, ctx: context(now.addingTimeInterval(-plan.daysAgo * 86_400)))
        }
    }
}
