import Fluent
import Foundation
import ShieldwallCore

/// Two communities modelled on the real pilots: micro businesses in one region, and small and
/// medium manufacturers in one supply chain — with charters, a rhythm of events (the past ones with
/// attendance), a join request, an open invitation and a request for a third community.
extension DemoSeed {
    struct CommunitySketch {
        let name: String
        let kind: Community.Kind
        let description: String
        let tags: String
        let facilitator: String
        let firms: [String]
        let experts: [String]
        let inPersonPlace: String
    }

    static let communityPlans = [
        CommunitySketch(name: "Leeds & Bradford Micro Business Circle", kind: .region,
                      description: "Owners of very small firms around Leeds and Bradford who meet monthly to get the basics done together.",
                      tags: "micro businesses, West Yorkshire", facilitator: "sarah@hartleys-bakery.example",
                      firms: ["Hartley's Bakery", "Wool & Weft", "The Corner Café", "Aire Valley Accountants", "Brightside Lettings",
                              "Ilkley Florist", "Otley Bike Repairs", "Harrogate Guest House", "Tapería Sol"],
                      experts: ["fiona.grant@experts.example", "marcus.boateng@experts.example"],
                      inPersonPlace: "Leeds Central Library, meeting room 2"),
        CommunitySketch(name: "South Yorkshire Engineering Supply Chain", kind: .supplyChain,
                      description: "Manufacturers and hauliers supplying each other around Sheffield: one weak link puts all of us at risk.",
                      tags: "manufacturing, logistics, South Yorkshire", facilitator: "helen@pennine-precision.example",
                      firms: ["Pennine Precision Engineering", "Dale Haulage", "Kirk Fasteners", "Moorland Coatings", "Don Valley Castings",
                              "Swift Pallets", "Hallam Laser Cutting", "Wentworth Tooling", "Ridings Print Co"],
                      experts: ["yusuf.ali@experts.example", "fiona.grant@experts.example", "marcus.boateng@experts.example"],
                      inPersonPlace: "Advanced Manufacturing Park, Rotherham"),
    ]

    static func seedCommunities(on db: any Database, now: Date) async throws {
        let people = try await Person.query(on: db).all()
        let byEmail = Dictionary(uniqueKeysWithValues: people.map { ($0.email, $0) })
        let orgs = Dictionary(uniqueKeysWithValues: try await Organisation.query(on: db).all().map { ($0.name, $0) })
        let day: TimeInterval = 86400
        for (index, plan) in communityPlans.enumerated() {
            guard let facilitator = byEmail[plan.facilitator], let facilitatorID = facilitator.id else { continue }
            let started = now.addingTimeInterval(-Double(150 - index * 20) * day)
            let community = Community(name: plan.name, slug: Slug.make(from: plan.name), kind: plan.kind, description: plan.description,
                                      requestedByID: facilitatorID, status: .active, createdAt: started)
            community.tags = plan.tags
            community.setupStep = 4
            community.charterVersion = 1
            community.decidedAt = started
            try await community.create(on: db)
            let id = try community.requireID()
            try await CharterVersion(communityID: id, version: 1, text: CommunityActions.charterTemplate(for: plan.name, language: "en"),
                                     authorID: facilitatorID, createdAt: started).create(on: db)
            try await CommunityPerson(communityID: id, personID: facilitatorID, role: .facilitator, joinedAt: started).create(on: db)
            var participants: [UUID] = [facilitatorID]
            for (n, name) in plan.firms.enumerated() {
                guard let org = orgs[name], let orgID = org.id else { continue }
                let joined = started.addingTimeInterval(Double(n * 3 + 2) * day)
                try await CommunityOrganisation(communityID: id, organisationID: orgID, joinedAt: joined).create(on: db)
                participants += people.filter { $0.$organisation.id == orgID }.compactMap(\.id)
            }
            for email in plan.experts {
                guard let expert = byEmail[email], let expertID = expert.id else { continue }
                try await CommunityPerson(communityID: id, personID: expertID, role: .expert, joinedAt: started.addingTimeInterval(5 * day)).create(on: db)
                participants.append(expertID)
            }
            // Everyone has accepted the charter but two staff members, still onboarding (the same two every time).
            let byID = Dictionary(uniqueKeysWithValues: people.compactMap { p in p.id.map { ($0, p) } })
            let onboarding = Set(Set(participants).compactMap { byID[$0] }.filter { $0.organisationRole == .staff }
                .sorted { $0.email < $1.email }.suffix(2).compactMap(\.id))
            for personID in Set(participants).subtracting(onboarding).sorted(by: { $0.uuidString < $1.uuidString }) {
                if try await CharterAcceptance.query(on: db).filter(\.$community.$id == id).filter(\.$person.$id == personID).first() == nil {
                    try await CharterAcceptance(communityID: id, personID: personID, version: 1, acceptedAt: started.addingTimeInterval(7 * day)).create(on: db)
                }
            }
            if try await CharterAcceptance.query(on: db).filter(\.$community.$id == id).filter(\.$person.$id == facilitatorID).first() == nil {
                try await CharterAcceptance(communityID: id, personID: facilitatorID, version: 1, acceptedAt: started).create(on: db)
            }
            try await seedEvents(community, participants: Set(participants).sorted { $0.uuidString < $1.uuidString }, plan: plan, facilitatorID: facilitatorID, on: db, now: now)
        }
        try await seedPending(on: db, now: now, byEmail: byEmail, orgs: orgs)
    }

    /// A monthly webinar and a quarterly meeting, from four months ago to six months ahead.
    static func seedEvents(_ community: Community, participants: [UUID], plan: CommunitySketch, facilitatorID: UUID,
                           on db: any Database, now: Date) async throws {
        let id = try community.requireID()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London") ?? .gmt
        let thisMonth = calendar.date(from: calendar.dateComponents([.year, .month], from: now)) ?? now
        guard let firstWebinar = calendar.date(byAdding: DateComponents(month: -4, day: 13, hour: 18), to: thisMonth),
              let firstMeeting = calendar.date(byAdding: DateComponents(month: -3, day: 20, hour: 9, minute: 30), to: thisMonth)
        else { return }
        let series: [(CommunityEvent.Kind, String, String, String, Date, Recurrence, TimeInterval)] = [
            (.webinar, "Monthly webinar", "News from the group, one topic in depth, your questions.", "Online (link sent the day before)",
             firstWebinar, Recurrence(everyMonths: 1, count: 10), 3600),
            (.inPerson, "Quarterly meeting", "How are we doing on our plan? What do we do next? Coffee provided.", plan.inPersonPlace,
             firstMeeting, Recurrence(everyMonths: 3, count: 4), 2 * 3600),
        ]
        // The same numbers on every run, so the demo looks the same every time (the seed as it has always been).
        var generator = SplitMix64(seed: UInt64(plan.name.count) &+ 0x9E37_79B9_7F4A_7C15)
        for (kind, title, description, location, first, recurrence, duration) in series {
            let seriesID = UUID()
            for start in recurrence.occurrences(from: first, in: calendar.timeZone) {
                let event = CommunityEvent(communityID: id, kind: kind, title: title, description: description, startsAt: start,
                                           endsAt: start.addingTimeInterval(duration), timeZone: "Europe/London", location: location,
                                           capacity: kind == .inPerson ? 30 : nil, seriesID: seriesID, createdByID: facilitatorID,
                                           createdAt: first.addingTimeInterval(-30 * 86400))
                let past = start < now
                event.attendanceTaken = past
                try await event.create(on: db)
                let eventID = try event.requireID()
                for personID in participants where Int.random(in: 0..<10, using: &generator) < (past ? 6 : 3) {
                    let answer: EventResponse.Answer = Int.random(in: 0..<5, using: &generator) == 0 ? .maybe : .going
                    let response = EventResponse(eventID: eventID, personID: personID, answer: answer, updatedAt: start.addingTimeInterval(-5 * 86400))
                    if past { response.attended = answer == .going && Int.random(in: 0..<5, using: &generator) > 0 }
                    try await response.create(on: db)
                }
            }
        }
    }

    static func seedPending(on db: any Database, now: Date, byEmail: [String: Person], orgs: [String: Organisation]) async throws {
        let micro = try await Community.query(on: db).filter(\.$slug == Slug.make(from: communityPlans[0].name)).first()
        if let micro, let microID = micro.id, let dental = orgs["Calder Dental Practice"], let dentalID = dental.id {
            try await JoinRequest(communityID: microID, organisationID: dentalID, requestedByID: byEmail["ade@calderdental.example"]?.id,
                                  reason: "We are a small practice in Huddersfield and had a phishing scare last month.",
                                  createdAt: now.addingTimeInterval(-2 * 86400)).create(on: db)
        }
        if let micro, let microID = micro.id, let motors = orgs["Northgate Motors"], let motorsID = motors.id {
            try await CommunityInvitation(communityID: microID, organisationID: motorsID, personID: nil,
                                          message: "Imran, you mentioned the fake invoice — come and tell us about it!",
                                          invitedByID: micro.$requestedBy.id, createdAt: now.addingTimeInterval(-86400)).create(on: db)
        }
        if let lucia = byEmail["lucia@cornercafe.example"] {
            try await Community(name: "York City Chapter", slug: "york-city-chapter", kind: .cityChapter,
                                description: "Cafés, guest houses and shops in York's centre.", requestedByID: lucia.id,
                                status: .requested, createdAt: now.addingTimeInterval(-3 * 86400)).create(on: db)
        }
    }
}
