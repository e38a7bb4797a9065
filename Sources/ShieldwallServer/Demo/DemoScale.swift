import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// `shieldwall demo --scale N`: the demo world and N−1 more units like it, to measure Shieldwall at an
/// operator's size (issue #32; `benchmarks/scale/`). A unit is two communities of ten firms with four people
/// each, 100 threads with 1,000 replies (the first unit's first thread has 200), 200 threat reports carrying
/// 10,000 indicators, a sighting of every tenth indicator, a year of monthly events, a notification per reply
/// to the thread's author and five self-assessments per firm. Reports and indicators go through the STIX importer,
/// sightings through `SightingBatch` and self-assessments through `AssessmentActions`, so all are checked as on the
/// pages; the rest is written in batches, one transaction per unit, with the one password hash of the demo.
public enum DemoScale {
    public struct Summary: Sendable {
        public var communities = 0, organisations = 0, people = 0, threads = 0, posts = 0, reports = 0, indicators = 0, sightings = 0
        public var events = 0, notifications = 0, assessments = 0
    }

    static let firmsPerCommunity = 10, peoplePerFirm = 4, threadsPerCommunity = 50, repliesPerThread = 10
    static let reportsPerCommunity = 100, indicatorsPerReport = 50, longThreadReplies = 200

    /// Adds `units` units to a seeded demo; `progress` hears one line per unit.
    public static func seed(app: Application, units: Int, progress: @Sendable (String) -> Void) async throws -> Summary {
        let now = app.shieldwall.time.now
        let hash = try await app.password.async(on: app.threadPool, hopTo: app.eventLoopGroup.next()).hash(DemoSeed.password)
        let experts = try await Person.query(on: app.db).filter(\.$email ~~ DemoSeed.experts.map(\.1)).all().compactMap(\.id)
        var summary = Summary()
        for unit in 1...max(1, units) {
            let started = Date()
            try await seedUnit(unit, app: app, hash: hash, experts: experts, now: now, into: &summary)
            progress("unit \(unit) of \(units): \(summary.communities) communities, \(summary.people) people, \(summary.indicators) indicators "
                     + "(\(String(format: "%.1f", Date().timeIntervalSince(started))) s)")
        }
        return summary
    }

    static func seedUnit(_ unit: Int, app: Application, hash: String, experts: [UUID], now: Date, into summary: inout Summary) async throws {
        let day: TimeInterval = 86_400
        typealias Made = (community: Community, people: [Person], facilitator: Person, firms: [(organisation: Organisation, admin: Person)])
        var (communities, counts) = try await app.db.transaction { tx -> ([Made], Summary) in
            var communities: [Made] = [], counts = Summary()
            for c in 0..<2 {
                let name = "Scale Circle \(unit)-\(c + 1)"
                let created = now.addingTimeInterval(-400 * day)
                var orgs: [Organisation] = [], people: [Person] = []
                for f in 0..<firmsPerCommunity {
                    let staff = 3 + (unit * 7 + f * 13) % 90
                    guard case .success(let size) = OrganisationSize.classify(staff: staff) else { continue }
                    orgs.append(Organisation(id: UUID(), name: "Scale Firm \(unit)-\(c + 1)-\(f + 1)", staffCount: staff, size: size,
                                             sector: ["Retail", "Manufacturing", "Hospitality", "Professional services"][f % 4],
                                             region: "Region \(unit)", createdAt: created))
                }
                try await orgs.create(on: tx)
                for (f, org) in orgs.enumerated() {
                    for p in 0..<peoplePerFirm {
                        people.append(Person(id: UUID(), email: "p\(p + 1)@firm-\(unit)-\(c + 1)-\(f + 1).scale.example",
                                             displayName: "Person \(p + 1) of firm \(unit)-\(c + 1)-\(f + 1)", passwordHash: hash,
                                             organisationID: org.id, organisationRole: p == 0 ? .admin : .staff, language: "en",
                                             isOperator: false, createdAt: created))
                    }
                }
                try await people.create(on: tx)
                let facilitator = people[0]
                let community = Community(name: name, slug: Slug.make(from: name), kind: c == 0 ? .region : .sector,
                                          description: "A generated community for measuring at scale.", requestedByID: facilitator.id,
                                          status: .active, createdAt: created)
                community.setupStep = 4
                community.charterVersion = 1
                community.decidedAt = created
                try await community.create(on: tx)
                let id = try community.requireID()
                try await CharterVersion(communityID: id, version: 1, text: CommunityActions.charterTemplate(for: name, language: "en"),
                                         authorID: facilitator.id, createdAt: created).create(on: tx)
                try await orgs.map { CommunityOrganisation(communityID: id, organisationID: $0.id ?? UUID(), joinedAt: created) }.create(on: tx)
                var roles = [CommunityPerson(communityID: id, personID: try facilitator.requireID(), role: .facilitator, joinedAt: created)]
                roles += experts.map { CommunityPerson(communityID: id, personID: $0, role: .expert, joinedAt: created) }
                try await roles.create(on: tx)
                let everyone = try people.map { try $0.requireID() } + experts
                try await everyone.map { CharterAcceptance(communityID: id, personID: $0, version: 1, acceptedAt: created) }.create(on: tx)
                counts.events += try await seedEvents(id, by: try facilitator.requireID(), now: now, on: tx)
                let written = try await seedThreads(id, people: people, experts: experts, long: unit == 1 && c == 0, now: now, on: tx)
                counts.threads += written.threads
                counts.posts += written.posts
                counts.notifications += written.notifications
                let firms = orgs.compactMap { org in
                    people.first { $0.$organisation.id == org.id && $0.organisationRole == .admin }.map { (org, $0) }
                }
                communities.append((community, people, facilitator, firms))
                counts.communities += 1
                counts.organisations += orgs.count
                counts.people += people.count
            }
            return (communities, counts)
        }
        for (c, entry) in communities.enumerated() {
            let bundle = Data(bundle(unit: unit, community: c).utf8)
            let imported = try await StixImporter.run(bundle, into: entry.community, authorID: try entry.facilitator.requireID(),
                                                      organisationID: entry.facilitator.$organisation.id, now: now,
                                                      localiser: app.shieldwall.catalogues.localiser(for: CatalogueSet.baseLanguage), on: app.db)
            guard imported.errors.isEmpty, imported.skipped.isEmpty else {
                throw Abort(.internalServerError, reason: "scale: the generated bundle was not taken whole: \(imported.errors.first?.reason ?? imported.skipped.first?.reason ?? "")")
            }
            counts.reports += imported.reportsCreated
            counts.indicators += imported.indicators
            counts.sightings += try await seedSightings(unit: unit, community: c, in: entry.community, by: entry.people[1], app: app)
            counts.assessments += try await app.db.transaction { tx in try await seedAssessments(entry.firms, now: now, on: tx) }
        }
        summary.communities += counts.communities
        summary.organisations += counts.organisations
        summary.people += counts.people
        summary.threads += counts.threads
        summary.posts += counts.posts
        summary.notifications += counts.notifications
        summary.events += counts.events
        summary.reports += counts.reports
        summary.indicators += counts.indicators
        summary.sightings += counts.sightings
        summary.assessments += counts.assessments
    }

    /// A monthly online meeting over the past year and the next month.
    static func seedEvents(_ community: UUID, by facilitator: UUID, now: Date, on db: any Database) async throws -> Int {
        let events = (-11...1).map { month -> CommunityEvent in
            let starts = now.addingTimeInterval(Double(month) * 30 * 86_400)
            return CommunityEvent(communityID: community, kind: .webinar, title: "Monthly check-in", description: "What we saw this month.",
                                  startsAt: starts, endsAt: starts.addingTimeInterval(3_600), timeZone: "Europe/London", location: "Online",
                                  capacity: nil, seriesID: nil, createdByID: facilitator, createdAt: starts.addingTimeInterval(-30 * 86_400))
        }
        try await events.create(on: db)
        return events.count
    }

    /// Questions and discussions with replies over the past year, each in the search index, and a notification to
    /// the thread's author for each reply.
    static func seedThreads(_ community: UUID, people: [Person], experts: [UUID], long: Bool, now: Date,
                            on db: any Database) async throws -> (threads: Int, posts: Int, notifications: Int) {
        let authors = try people.map { try $0.requireID() }
        var threads: [ConversationThread] = [], posts: [ThreadPost] = [], notifications: [PersonNotification] = []
        for t in 0..<threadsPerCommunity {
            let author = authors[(t * 7) % authors.count]
            let opened = now.addingTimeInterval(-Double(threadsPerCommunity - t) * 7 * 86_400)
            let thread = ConversationThread(communityID: community, authorID: author, kind: t % 3 == 0 ? .question : .discussion,
                                            title: "How do we handle \(["phishing", "backups", "passwords", "updates", "invoices"][t % 5]) (\(t + 1))?",
                                            body: "We saw something like this last week and would like to compare notes.", tags: [], at: opened)
            thread.id = UUID()
            let replies = long && t == 0 ? longThreadReplies : repliesPerThread
            for r in 0..<replies {
                let expert = r % 4 == 1 && !experts.isEmpty
                let writer = expert ? experts[r % experts.count] : authors[(t + r + 1) % authors.count]
                let at = opened.addingTimeInterval(Double(r + 1) * 3_600)
                let post = ThreadPost(threadID: thread.id ?? UUID(), authorID: writer, body: "Reply \(r + 1): this is what worked for us.",
                                      expert: expert, at: at)
                post.id = UUID()
                posts.append(post)
                if writer != author {
                    notifications.append(PersonNotification(personID: author, communityID: community, kind: .reply, threadID: thread.id, actorID: writer, at: at))
                }
                if expert, thread.firstExpertAnswerAt == nil { thread.firstExpertAnswerAt = at }
                thread.lastActivityAt = at
            }
            thread.replyCount = replies
            threads.append(thread)
        }
        try await threads.create(on: db)
        for start in stride(from: 0, to: posts.count, by: 500) { try await Array(posts[start..<min(start + 500, posts.count)]).create(on: db) }
        for start in stride(from: 0, to: notifications.count, by: 500) {
            try await Array(notifications[start..<min(start + 500, notifications.count)]).create(on: db)
        }
        for thread in threads {
            try await SearchIndex.put(.thread, ref: try thread.requireID(), thread: thread.id, community: community, title: thread.title, body: thread.body, on: db)
        }
        for post in posts {
            try await SearchIndex.put(.post, ref: try post.requireID(), thread: post.$thread.id, community: community, title: "", body: post.body, on: db)
        }
        return (threads.count, posts.count, notifications.count)
    }

    /// The `n`th generated address: in 11.0.0.0/8 and upwards, never a private, shared or documentation range.
    static func address(_ n: Int) -> String { "\(11 + n / 16_387_064).\(n / 64_516 % 254 + 1).\(n / 254 % 254 + 1).\(n % 254 + 1)" }

    static func firstIndicator(unit: Int, community: Int) -> Int {
        ((unit - 1) * 2 + community) * reportsPerCommunity * indicatorsPerReport
    }

    /// One community's reports as a STIX bundle: `indicatorsPerReport` IPv4 addresses each, TLP:GREEN or AMBER.
    static func bundle(unit: Int, community: Int) -> String {
        var objects: [String] = []
        let first = firstIndicator(unit: unit, community: community)
        for r in 0..<reportsPerCommunity {
            let tlp: TLP = r % 3 == 0 ? .amber : .green
            var refs: [String] = []
            for i in 0..<indicatorsPerReport {
                let n = first + r * indicatorsPerReport + i
                let id = "indicator--\(StableUUID.make("scale-indicator|\(n)", version: 4).uuidString.lowercased())"
                refs.append("\"\(id)\"")
                objects.append(#"{"type":"indicator","spec_version":"2.1","id":"\#(id)","pattern_type":"stix","pattern":"[ipv4-addr:value = '\#(address(n))']","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","valid_from":"2026-01-01T00:00:00.000Z","object_marking_refs":["\#(tlp.stixMarkingID)"]}"#)
            }
            let reportID = "report--\(StableUUID.make("scale-report|\(unit)|\(community)|\(r)", version: 4).uuidString.lowercased())"
            objects.append(#"{"type":"report","spec_version":"2.1","id":"\#(reportID)","name":"Scanning seen by members (\#(unit)-\#(community + 1)-\#(r + 1))","description":"Addresses that probed members' web shops and mail.","published":"2026-01-01T00:00:00.000Z","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","report_types":["threat-report"],"object_refs":[\#(refs.joined(separator: ","))],"object_marking_refs":["\#(tlp.stixMarkingID)"]}"#)
        }
        return #"{"type":"bundle","id":"bundle--\#(StableUUID.make("scale-bundle|\(unit)|\(community)", version: 4).uuidString.lowercased())","objects":["#
            + objects.joined(separator: ",") + "]}"
    }

    /// A sighting of every tenth indicator, sent as the scanner sends them (`SightingBatch`, 1,000 at a time).
    static func seedSightings(unit: Int, community: Int, in c: Community, by person: Person, app: Application) async throws -> Int {
        let signedIn = try SignedIn(person: person, organisation: nil, sessionID: nil, stage: .full)
        let scope = try await ReportScope.of(signedIn, on: app.db)
        let first = firstIndicator(unit: unit, community: community)
        let values = stride(from: 0, to: reportsPerCommunity * indicatorsPerReport, by: 10).map { address(first + $0) }
        var recorded = 0
        for start in stride(from: 0, to: values.count, by: SightingBatch.limit) {
            let items = values[start..<min(start + SightingBatch.limit, values.count)].map { SightingBatch.Item(value: $0, count: 3, firstSeen: nil, lastSeen: nil) }
            recorded += try await SightingBatch.record(items, in: c, source: .scan, by: signedIn, scope: scope, ctx: ActionContext(app)).recorded
        }
        return recorded
    }
}
