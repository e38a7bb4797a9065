import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The Milton Keynes Cyber Chapter, facilitated by Marcus: a published public page; a capture-the-flag three weeks ago
/// with its scoreboard and write-ups; a workshop six weeks ago whose visitors' data has already gone; a coming
/// hands-on workshop that is full, with two on the waiting list and one still to confirm; and an employer-led talk.
/// Its mentors, learners, talent pool and lab are in `DemoSeed+ChapterPeople`.
extension DemoSeed {
    static let chapterName = "Milton Keynes Cyber Chapter"

    static func seedChapters(app: Application, now: Date) async throws {
        let db = app.db
        guard let marcus = try await Person.query(on: db).filter(\.$email == experts[1].1).first(), let marcusID = marcus.id else { return }
        let day: TimeInterval = 86_400
        let started = now.addingTimeInterval(-120 * day)
        let chapter = Community(name: chapterName, slug: Slug.make(from: chapterName), kind: .cityChapter,
                                description: "Everyone in Milton Keynes who wants to be safer online: owners, staff, students, parents, professionals.",
                                requestedByID: marcusID, status: .active, createdAt: started)
        chapter.tags = "city chapter, Milton Keynes, events"
        chapter.setupStep = 4
        chapter.charterVersion = 1
        chapter.decidedAt = started
        try await chapter.create(on: db)
        let id = try chapter.requireID()
        try await CharterVersion(communityID: id, version: 1, text: CommunityActions.charterTemplate(for: chapterName, language: "en"),
                                 authorID: marcusID, createdAt: started).create(on: db)
        try await CommunityPerson(communityID: id, personID: marcusID, role: .facilitator, joinedAt: started).create(on: db)
        try await CharterAcceptance(communityID: id, personID: marcusID, version: 1, acceptedAt: started).create(on: db)
        var firmIDs: [String: UUID] = [:]
        for name in ["Ridings Print Co", "Brightside Lettings"] {
            guard let org = try await Organisation.query(on: db).filter(\.$name == name).first(), let orgID = org.id else { continue }
            firmIDs[name] = orgID
            try await CommunityOrganisation(communityID: id, organisationID: orgID, joinedAt: started.addingTimeInterval(10 * day)).create(on: db)
            for person in try await Person.query(on: db).filter(\.$organisation.$id == orgID).all() {
                try await CharterAcceptance(communityID: id, personID: try person.requireID(), version: 1, acceptedAt: started.addingTimeInterval(11 * day)).create(on: db)
            }
        }
        try await ChapterPage(communityID: id, published: true, about: """
            Milton Keynes Cyber Chapter brings together everyone in the city who wants to be safer online — shop owners and their staff, \
            students, career changers, teachers and parents. Local professionals volunteer their evenings.

            **What we do:** live demonstrations of real attacks (and how to stop them), hands-on workshops, capture-the-flag nights for \
            beginners and old hands, and mentors for newcomers. Member firms meet the people who will be their next hires.

            Public events are free and open to all: register below with your name and e-mail address, no account needed.
            """, updatedAt: now.addingTimeInterval(-30 * day)).create(on: db)

        func event(_ kind: CommunityEvent.Kind, _ title: String, _ description: String, startsIn days: Double, hours: Double, capacity: Int?,
                   location: String, host: UUID? = nil, materials: String = "") async throws -> CommunityEvent {
            let start = Calendar.current.startOfDay(for: now.addingTimeInterval(days * day)).addingTimeInterval(18 * 3600)
            let e = CommunityEvent(communityID: id, kind: kind, title: title, description: description, startsAt: start,
                                   endsAt: start.addingTimeInterval(hours * 3600), timeZone: "Europe/London", location: location, capacity: capacity,
                                   seriesID: nil, createdByID: marcusID, createdAt: now.addingTimeInterval(min(days - 30, -1) * day))
            try await e.create(on: db)
            try await EventActions.index(e, on: db)
            try await PublicEvent(eventID: try e.requireID(), communityID: id, hostID: host, materials: materials, publishedAt: e.createdAt).create(on: db)
            return e
        }
        func register(_ e: CommunityEvent, _ name: String, handle: String? = nil, confirmed: Bool = true, minutesAfter: Double,
                      keepInTouch: Bool = false) async throws -> EventRegistration {
            let at = e.createdAt.addingTimeInterval(minutesAfter * 60)
            let email = name.lowercased().replacingOccurrences(of: " ", with: ".") + "@visitor.example"
            let r = EventRegistration(eventID: try e.requireID(), name: name, email: email, address: "demo", tokenDigest: SecretToken.generate().digest,
                                      handle: handle, keepInTouch: keepInTouch, at: at)
            if confirmed {
                r.status = .confirmed
                r.confirmedAt = at.addingTimeInterval(300)
            }
            try await r.create(on: db)
            return r
        }

        // Six weeks ago: a workshop whose visitors' names and addresses have gone (30 days after it).
        let past = try await event(.workshop, "Passwords that survive a breach", "A password manager set up together, step by step.", startsIn: -42,
                                   hours: 2, capacity: 20, location: "MK Central Library, Community Room",
                                   materials: "- [Slides (PDF)](https://example.org/mk-chapter/passwords-slides.pdf)\n- Take-away: the NCSC's *Three random words* guidance")
        for (n, name) in ["Amira Khan", "Ben Olsen", "Chloe Park", "Dev Patel", "Ella Jones", "Finn Hughes", "Grace Li", "Hugo Brandt"].enumerated() {
            let r = try await register(past, name, minutesAfter: Double(n * 90))
            r.attended = n != 5
            r.name = nil; r.email = nil; r.address = nil; r.tokenDigest = nil
            r.erasedAt = past.endsAt.addingTimeInterval(Double(VisitorRules.retentionDays) * day)
            try await r.update(on: db)
        }

        // Three weeks ago: a capture-the-flag, with its scoreboard and write-ups.
        let ctf = try await event(.ctf, "Capture the flag: beginners' night", "Six challenges for beginners and a few harder ones. Bring a laptop; teams of friends welcome.",
                                  startsIn: -21, hours: 3, capacity: 40, location: "Milton Keynes College, Lab C12",
                                  materials: "Photos and the organisers' notes: the write-ups are with each challenge on the scoreboard page.")
        let ctfID = try ctf.requireID()
        let challenges: [(String, String, String, Int, String, [(Int, String)], String)] = [
            ("Fake invoice", "phishing", "An invoice arrived from a supplier. Which line gives the fraud away? The flag is that line's bank sort code.", 100,
             "flag{40-11-62}", [(25, "Compare with last month's invoice from the same supplier.")],
             "The sort code changed from 20-45-77 to 40-11-62 while the supplier's name stayed the same: the classic payment-diversion fraud. Always phone a known number before paying new bank details."),
            ("Where was this taken?", "osint", "A photo posted by a shop's new employee. Which street was it taken on?", 150,
             "flag{midsummer-boulevard}", [(30, "Look at the bus stop sign."), (50, "The shop opposite is on the city's main boulevard.")],
             "The bus stop sign reads *Midsummer Blvd*. Staff photos often give away more than people think: where they work, when, and who with."),
            ("Weak login", "web", "The demo shop's admin page lets you try passwords forever. Find the admin's password.", 200,
             "flag{summer2026!}", [(40, "Seasons and years are favourites.")],
             "No lockout and a guessable password: a list of 100 common passwords finds it in seconds. Rate limits and a second factor stop it."),
            ("Log detective", "forensics", "A web server's log from the night of an attack. From which address did the attack come?", 250,
             "flag{203.0.113.77}", [],
             "Sort the log by address: one address sent 4,000 requests in ten minutes, all to the login page."),
        ]
        var challengeIDs: [UUID] = []
        var hintIDs: [[UUID]] = []
        for c in challenges {
            let row = CTFChallenge(eventID: ctfID, title: c.0, category: c.1, description: c.2, points: c.3, flag: FlagDigest.make(c.4), writeup: c.6,
                                   createdAt: ctf.createdAt)
            try await row.create(on: db)
            challengeIDs.append(try row.requireID())
            var ids: [UUID] = []
            for h in c.5 {
                let hint = CTFHint(challengeID: try row.requireID(), text: h.1, cost: h.0)
                try await hint.create(on: db)
                ids.append(try hint.requireID())
            }
            hintIDs.append(ids)
        }
        // Who solved what, and when (minutes after the start); hints they opened.
        let players: [(String, String, [(Int, Double)], [(Int, Int)])] = [
            ("Priya Shah", "byte_me", [(0, 12), (1, 40), (2, 75), (3, 130)], []),
            ("Tom Reeves", "mk_dons_sec", [(0, 8), (2, 60), (3, 110), (1, 150)], [(1, 0)]),
            ("Sofia Marques", "sofi", [(0, 20), (1, 55), (2, 95)], [(2, 0)]),
            ("Jake Turner", "jt", [(0, 15), (2, 90)], [(0, 0)]),
            ("Noor Haddad", "noor", [(0, 35), (1, 120)], [(1, 0), (1, 1)]),
            ("Liam Carter", "newbie_liam", [(0, 70)], [(0, 0)]),
        ]
        for (n, p) in players.enumerated() {
            let r = try await register(ctf, p.0, handle: p.1, minutesAfter: Double(n * 120), keepInTouch: n % 2 == 0)
            r.attended = true
            try await r.update(on: db)
            let player = CTFPlayer(eventID: ctfID, handle: p.1, registrationID: try r.requireID(), personID: nil, joinedAt: r.confirmedAt ?? r.registeredAt)
            if ["jt", "noor"].contains(p.1) { player.team = "MK Owls" }  // two friends who played as a team
            try await player.create(on: db)
            let playerID = try player.requireID()
            for (challenge, minutes) in p.2 {
                let at = ctf.startsAt.addingTimeInterval(minutes * 60)
                try await CTFAttempt(eventID: ctfID, challengeID: challengeIDs[challenge], playerID: playerID, correct: false, at: at.addingTimeInterval(-120)).create(on: db)
                try await CTFAttempt(eventID: ctfID, challengeID: challengeIDs[challenge], playerID: playerID, correct: true, at: at).create(on: db)
            }
            for (challenge, hint) in p.3 {
                try await CTFHintUnlock(hintID: hintIDs[challenge][hint], playerID: playerID, at: ctf.startsAt.addingTimeInterval(600)).create(on: db)
            }
        }
        for (name, email) in [("Rosa Bianchi", "rosa.bianchi@visitor.example"), ("Sam Okafor", "sam.okafor@visitor.example")] {
            try await ChapterContact(communityID: id, name: name, email: email, unsubscribeToken: SecretToken.generate().value,
                                     createdAt: now.addingTimeInterval(-60 * day)).create(on: db)
        }

        // In ten days: a hands-on workshop, full, two waiting and one still to confirm.
        let workshop = try await event(.workshop, "Hands-on: phishing-proof your inbox",
                                       "Bring your laptop or phone: we set up the filters, the second factor and the reporting button together.",
                                       startsIn: 10, hours: 2, capacity: 12, location: "MK Central Library, Community Room")
        let names = ["Aisha Bello", "Bruno Costa", "Cara Doyle", "Dan Evans", "Eve Fischer", "Femi Ade", "Gina Ross", "Hal Ito", "Iris Novak",
                     "Jon Kaur", "Kemi Lowe", "Leo Moss", "Mia Nash", "Ned Ortiz"]
        for (n, name) in names.enumerated() { _ = try await register(workshop, name, minutesAfter: Double(n * 45)) }
        _ = try await register(workshop, "Olga Petrov", confirmed: false, minutesAfter: Double(names.count * 45))

        // In three weeks: a talk led by a member firm (an employer-led session).
        _ = try await event(.webinar, "A day in our print works' security: what a small IT team watches",
                            "Ridings Print Co's IT lead shows the alerts they get in a week, and talks about apprenticeships.",
                            startsIn: 21, hours: 1, capacity: nil, location: "Online", host: firmIDs["Ridings Print Co"])
        try await seedChapterPeople(app: app, chapterID: id, facilitator: marcus, firmIDs: firmIDs, now: now)
    }
}
