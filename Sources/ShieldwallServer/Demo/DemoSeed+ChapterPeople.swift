import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The Milton Keynes chapter's own people: five students and career changers (accounts of their own, no firm) with
/// talent profiles; three mentors with three running pairs and one newcomer still asking; two internships offered by
/// member firms; and a guided lab some have finished.
extension DemoSeed {
    static let chapterLearners: [(name: String, email: String, headline: String, skills: String, interests: String, availability: String)] = [
        ("Priya Shah", "priya.shah@students.example", "Computing student, Open University, year 2", "Python, Linux, Wireshark, CTFs (byte_me)",
         "Blue team, incident response", "Summer 2027 and one day a week in term"),
        ("Tom Reeves", "tom.reeves@students.example", "Career changer: ten years in retail IT support", "Windows and Microsoft 365 administration, networking basics",
         "Helping small firms set things up safely", "Now, full time"),
        ("Sofia Marques", "sofia.marques@students.example", "Cyber security apprentice candidate, Milton Keynes College", "HTML and JavaScript, web testing basics",
         "Web security, accessibility", "From September 2027"),
        ("Noor Haddad", "noor.haddad@students.example", "Sixth-former, CyberFirst girls' competition finalist", "OSINT, Python basics",
         "OSINT, privacy", "School holidays"),
        ("Liam Carter", "liam.carter@students.example", "Returning to work after a career break", "Bookkeeping systems, Excel, a first CTF",
         "Fraud prevention for small firms", "Part time, mornings"),
    ]

    static func seedChapterPeople(app: Application, chapterID: UUID, facilitator: Person, firmIDs: [String: UUID], now: Date) async throws {
        let db = app.db
        let day: TimeInterval = 86_400
        var learners: [UUID] = []
        for (n, l) in chapterLearners.enumerated() {
            let joined = now.addingTimeInterval(-Double(80 - n * 9) * day)
            let person = Person(email: l.email, displayName: l.name, passwordHash: facilitator.passwordHash, organisationID: nil, organisationRole: nil,
                                language: "en", isOperator: false, createdAt: joined)
            try await person.create(on: db)
            let personID = try person.requireID()
            learners.append(personID)
            try await CommunityPerson(communityID: chapterID, personID: personID, role: .member, joinedAt: joined).create(on: db)
            try await CharterAcceptance(communityID: chapterID, personID: personID, version: 1, acceptedAt: joined).create(on: db)
            let profile = TalentProfile()
            profile.$community.id = chapterID
            profile.$person.id = personID
            profile.headline = l.headline
            profile.skills = l.skills
            profile.interests = l.interests
            profile.availability = l.availability
            profile.links = "https://github.example/" + l.email.split(separator: "@")[0].replacingOccurrences(of: ".", with: "-")
            profile.published = true
            profile.updatedAt = joined.addingTimeInterval(3 * day)
            try await profile.create(on: db)
        }

        // Mentors: Marcus, Yusuf (an expert of the chapter) and Gary, who runs IT at Ridings Print Co.
        let yusuf = try await Person.query(on: db).filter(\.$email == experts[2].1).first()
        let gary = try await Person.query(on: db).filter(\.$email == "gary@ridingsprint.example").first()
        if let yusuf { try await CommunityPerson(communityID: chapterID, personID: try yusuf.requireID(), role: .expert, joinedAt: now.addingTimeInterval(-100 * day)).create(on: db) }
        let mentors: [(Person?, String, Int)] = [(facilitator, "careers, incident response, policing", 2), (yusuf, "networking, linux, home labs", 2),
                                                 (gary, "careers, small-firm it, apprenticeships", 1)]
        for (person, topics, capacity) in mentors {
            guard let person else { continue }
            let offer = MentorOffer()
            offer.$community.id = chapterID
            offer.$person.id = try person.requireID()
            offer.topics = topics
            offer.capacity = capacity
            offer.note = ""
            offer.active = true
            offer.createdAt = now.addingTimeInterval(-90 * day)
            try await offer.create(on: db)
        }
        let pairs: [(Person?, Int, String, [(Double, String)])] = [
            (facilitator, 0, "A first job in a security operations centre within a year.",
             [(-40, "Talked through SOC analyst job adverts; Priya will build a home lab with a SIEM."), (-12, "Reviewed her CV; practice interview next time.")]),
            (yusuf, 1, "Move from IT support into network security; pass a first certification.",
             [(-30, "Chose a certification and a study plan of five hours a week."), (-9, "Went through subnetting and firewall rules on his home router.")]),
            (gary, 4, "Come back to work in a role that protects small firms from invoice fraud.",
             [(-20, "Showed how Ridings checks new bank details before paying; Liam is writing a one-page checklist.")]),
        ]
        for (mentor, learner, goals, meetings) in pairs {
            guard let mentor else { continue }
            let pair = Mentorship()
            pair.$community.id = chapterID
            pair.$mentor.id = try mentor.requireID()
            pair.$mentee.id = learners[learner]
            pair.goals = goals
            pair.startedAt = now.addingTimeInterval(-50 * day)
            try await pair.create(on: db)
            for (days, notes) in meetings {
                let meeting = MentorshipMeeting()
                meeting.$mentorship.id = try pair.requireID()
                meeting.heldOn = CalendarDay.string(now.addingTimeInterval(days * day))
                meeting.notes = notes
                meeting.$writtenBy.id = try mentor.requireID()
                meeting.createdAt = now.addingTimeInterval(days * day)
                try await meeting.create(on: db)
            }
        }
        let asking = MenteeRequest()
        asking.$community.id = chapterID
        asking.$person.id = learners[3]
        asking.topics = "osint, careers"
        asking.goals = "Find out which security jobs use OSINT, and what to study at university."
        asking.status = .open
        asking.createdAt = now.addingTimeInterval(-3 * day)
        try await asking.create(on: db)

        // Two internships from member firms.
        let openings: [(String, String, String, String)] = [
            ("Ridings Print Co", "IT security summer internship",
             "Ten weeks with our two-person IT team: patching, backups and the phishing reports staff send us. Paid; suits a student.",
             "https://ridingsprint.example/jobs/it-security-intern"),
            ("Brightside Lettings", "Data protection intern",
             "Three days a week for three months: help us map the tenants' data we hold and tidy who can see it.",
             "https://brightside-lettings.example/careers"),
        ]
        for (firm, title, description, link) in openings {
            guard let firmID = firmIDs[firm] else { continue }
            let admin = try await Person.query(on: db).filter(\.$organisation.$id == firmID).filter(\.$organisationRole == .admin).first()
            let opening = JobOpening()
            opening.$community.id = chapterID
            opening.$organisation.id = firmID
            opening.kind = .internship
            opening.title = title
            opening.description = description
            opening.link = link
            opening.closesOn = CalendarDay.string(now.addingTimeInterval(45 * day))
            opening.open = true
            opening.$createdBy.id = admin?.id
            opening.createdAt = now.addingTimeInterval(-7 * day)
            try await opening.create(on: db)
        }

        // A guided lab written by Yusuf; Priya has finished it, Liam is half-way.
        guard let yusuf else { return }
        let lab = try await LabActions.create(.init(title: "Spot a fake invoice", summary: "Check a supplier's e-mail the way a fraudster hopes you will not.",
                                                    script: invoiceLab), in: chapterID, by: try yusuf.requireID(), ctx: ActionContext(app))
        lab.createdAt = now.addingTimeInterval(-25 * day)
        try await lab.update(on: db)
        let steps = try await LabStep.query(on: db).filter(\.$lab.$id == lab.requireID()).sort(\.$position).all()
        for (learner, done) in [(0, steps.count), (4, 2)] {
            for step in steps.prefix(done) {
                let row = LabProgress()
                row.$lab.id = try lab.requireID()
                row.$step.id = try step.requireID()
                row.$person.id = learners[learner]
                row.doneAt = now.addingTimeInterval(-Double(20 - step.position) * day)
                try await row.create(on: db)
            }
        }
    }

    static let invoiceLab = """
    ## Look at who really sent it
    A supplier writes: *"Our bank details have changed, please pay the attached invoice to the new account."* \
    The name shown is **Ridings Print Co Accounts**, but the name is only a label anyone can type.

    Show the message's full address. In the example, it is `accounts@ridingsprint-co.example.net`. Is that the supplier's own domain?
    Hint: The supplier's real address ends in @ridingsprint.example.
    Answer: no

    ## Find the changed detail
    Compare the new invoice with last month's: the amount, the invoice number and the bank details. \
    In the example, last month's sort code was 20-45-77 and this month's is 40-11-62. Type the new sort code.
    Hint: Fraudsters change only the bank details, so that everything else looks familiar.
    Answer: 40-11-62

    ## Check by phone, not by reply
    Call the supplier on a number you already had (last year's invoice, their website), never one in the suspicious message. \
    Ask them whether their bank details changed. When you have practised this with a colleague, mark the step done.

    ## Report it
    Forward the message to whoever handles suspicious mail in your firm, and report it to your community's threat feed \
    so other firms are warned. Mark the step done when you know where both reports go.
    """
}
