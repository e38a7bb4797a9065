import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A believable world for `shieldwall demo`: an operator, twenty small firms of different sizes and
/// trades with their admins and staff, three independent experts, a few open invitations and two
/// communities (see `DemoSeed+Communities`).
/// Later capabilities add their own demo content here.
public enum DemoSeed {
    public static let password = "shieldwall-demo"

    public struct SignIn: Sendable {
        public let role: String
        public let email: String
    }

    public struct Summary: Sendable {
        public let organisations: Int
        public let people: Int
        public let signIns: [SignIn]
    }

    public struct AlreadySeeded: Error, CustomStringConvertible {
        public var description: String { "the database already has people in it; the demo seeds only an empty one" }
    }

    struct Firm {
        let name: String, staff: Int, sector: String, region: String
        let admin: (String, String)
        let staffPeople: [(String, String)]
        /// What its people read Shieldwall in.
        var language = "en"
    }

    static let firms: [Firm] = [
        Firm(name: "Hartley's Bakery", staff: 6, sector: "Food and drink", region: "Leeds",
             admin: ("Sarah Hartley", "sarah@hartleys-bakery.example"), staffPeople: [("Tom Price", "tom@hartleys-bakery.example")]),
        Firm(name: "Northgate Motors", staff: 14, sector: "Motor trade", region: "Bradford",
             admin: ("Imran Shah", "imran@northgate-motors.example"), staffPeople: [("Kelly Dunn", "kelly@northgate-motors.example"), ("Lee Barker", "lee@northgate-motors.example")]),
        Firm(name: "Aire Valley Accountants", staff: 9, sector: "Professional services", region: "Keighley",
             admin: ("Priya Patel", "priya@airevalley-accounts.example"), staffPeople: [("John Mills", "john@airevalley-accounts.example")]),
        Firm(name: "Wool & Weft", staff: 3, sector: "Retail (web shop)", region: "Halifax",
             admin: ("Megan Clarke", "megan@woolandweft.example"), staffPeople: []),
        Firm(name: "Calder Dental Practice", staff: 18, sector: "Health", region: "Huddersfield",
             admin: ("Dr Ade Okafor", "ade@calderdental.example"), staffPeople: [("Ruth Green", "ruth@calderdental.example"), ("Sam Hughes", "sam@calderdental.example")]),
        Firm(name: "Brightside Lettings", staff: 7, sector: "Property", region: "Sheffield",
             admin: ("Dan Whitaker", "dan@brightside-lettings.example"), staffPeople: [("Amy Lord", "amy@brightside-lettings.example")]),
        Firm(name: "Ridings Print Co", staff: 22, sector: "Manufacturing", region: "Wakefield",
             admin: ("Gary Holt", "gary@ridingsprint.example"), staffPeople: [("Nadia Khan", "nadia@ridingsprint.example")]),
        Firm(name: "The Corner Café", staff: 4, sector: "Hospitality", region: "York",
             admin: ("Lucia Romano", "lucia@cornercafe.example"), staffPeople: []),
        Firm(name: "Pennine Precision Engineering", staff: 120, sector: "Manufacturing (supply chain)", region: "Rotherham",
             admin: ("Helen Booth", "helen@pennine-precision.example"), staffPeople: [("Mark Ellis", "mark@pennine-precision.example"), ("Joanne Pike", "joanne@pennine-precision.example")]),
        Firm(name: "Dale Haulage", staff: 38, sector: "Logistics (supply chain)", region: "Doncaster",
             admin: ("Steve Marsh", "steve@dalehaulage.example"), staffPeople: [("Claire Webb", "claire@dalehaulage.example")]),
        Firm(name: "Kirk Fasteners", staff: 45, sector: "Manufacturing (supply chain)", region: "Barnsley",
             admin: ("Andrew Kirk", "andrew@kirkfasteners.example"), staffPeople: [("Beth Naylor", "beth@kirkfasteners.example")]),
        Firm(name: "Moorland Coatings", staff: 61, sector: "Manufacturing (supply chain)", region: "Sheffield",
             admin: ("Rachel Firth", "rachel@moorlandcoatings.example"), staffPeople: [("Paul Young", "paul@moorlandcoatings.example")]),
        Firm(name: "Don Valley Castings", staff: 85, sector: "Manufacturing (supply chain)", region: "Sheffield",
             admin: ("Chris Lamb", "chris@donvalleycastings.example"), staffPeople: [("Faye Turner", "faye@donvalleycastings.example")]),
        Firm(name: "Swift Pallets", staff: 27, sector: "Logistics (supply chain)", region: "Rotherham",
             admin: ("Olu Adeyemi", "olu@swiftpallets.example"), staffPeople: []),
        Firm(name: "Hallam Laser Cutting", staff: 16, sector: "Manufacturing (supply chain)", region: "Sheffield",
             admin: ("Jess Moore", "jess@hallamlaser.example"), staffPeople: [("Ravi Desai", "ravi@hallamlaser.example")]),
        Firm(name: "Wentworth Tooling", staff: 33, sector: "Manufacturing (supply chain)", region: "Barnsley",
             admin: ("Karen Ward", "karen@wentworthtooling.example"), staffPeople: []),
        Firm(name: "Ilkley Florist", staff: 2, sector: "Retail", region: "Ilkley",
             admin: ("Grace Bell", "grace@ilkleyflorist.example"), staffPeople: []),
        Firm(name: "Otley Bike Repairs", staff: 5, sector: "Retail and repair", region: "Otley",
             admin: ("Neil Foster", "neil@otleybikes.example"), staffPeople: [("Zoe Platt", "zoe@otleybikes.example")]),
        // A family from Valencia runs it: its people read Shieldwall in Spanish.
        Firm(name: "Tapería Sol", staff: 12, sector: "Hospitality", region: "Shipley",
             admin: ("Carmen Ruiz", "carmen@taperiasol.example"), staffPeople: [("Javier Ruiz", "javier@taperiasol.example")], language: "es"),
        Firm(name: "Harrogate Guest House", staff: 8, sector: "Hospitality", region: "Harrogate",
             admin: ("Elaine Moss", "elaine@harrogate-guesthouse.example"), staffPeople: []),
    ]

    static let experts: [(String, String)] = [
        ("Dr Fiona Grant (security consultant)", "fiona.grant@experts.example"),
        ("Marcus Boateng (volunteer, former police cyber unit)", "marcus.boateng@experts.example"),
        ("Yusuf Ali (network engineer)", "yusuf.ali@experts.example"),
    ]

    public static func run(app: Application) async throws -> Summary {
        let db = app.db
        guard try await Person.query(on: db).count() == 0 else { throw AlreadySeeded() }
        let now = app.shieldwall.time.now
        // One hash for everybody: the demo shares one password, and Bcrypt at full cost is slow.
        let hash = try await app.password.async(on: app.threadPool, hopTo: app.eventLoopGroup.next()).hash(password)
        try await db.transaction { tx in
            let op = Person(email: "operator@shieldwall.example", displayName: "Olivia Operator (Chamber of Commerce)", passwordHash: hash,
                            organisationID: nil, organisationRole: nil, language: "en", isOperator: true, createdAt: now)
            try await op.create(on: tx)
            for (index, firm) in firms.enumerated() {
                guard case .success(let size) = OrganisationSize.classify(staff: firm.staff) else { continue }
                let created = now.addingTimeInterval(-Double(200 - index * 7) * 86400)
                let org = Organisation(name: firm.name, staffCount: firm.staff, size: size, sector: firm.sector, region: firm.region,
                                       requireMFA: index == 4, createdAt: created)
                try await org.create(on: tx)
                try await AuditLog.record(.organisationCreated, personID: op.id, email: op.email, organisationID: org.id,
                                          detail: firm.name, address: "demo", at: created, on: tx)
                let admin = Person(email: firm.admin.1, displayName: firm.admin.0, passwordHash: hash, organisationID: org.id,
                                   organisationRole: .admin, language: firm.language, isOperator: false, createdAt: created)
                try await admin.create(on: tx)
                    for member in firm.staffPeople {
                    try await Person(email: member.1, displayName: member.0, passwordHash: hash, organisationID: org.id,
                                     organisationRole: .staff, language: firm.language, isOperator: false, createdAt: created).create(on: tx)
                        }
                try await AuditLog.record(.invitationAccepted, personID: admin.id, email: admin.email, organisationID: org.id,
                                          address: "demo", at: created.addingTimeInterval(3600), on: tx)
            }
            for expert in experts {
                try await Person(email: expert.1, displayName: expert.0, passwordHash: hash, organisationID: nil,
                                 organisationRole: nil, language: "en", isOperator: false, createdAt: now.addingTimeInterval(-90 * 86400)).create(on: tx)
                }
            // Two staff invitations still waiting, as in any real firm.
            if let bakery = try await Organisation.query(on: tx).filter(\.$name == firms[0].name).first() {
                try await Invitation(tokenDigest: SecretToken.generate().digest, email: "saturday-help@hartleys-bakery.example",
                                     organisationID: bakery.id, organisationRole: .staff, makesOperator: false, invitedByID: nil,
                                     createdAt: now.addingTimeInterval(-2 * 86400)).create(on: tx)
            }
        }
        try await seedCommunities(on: db, now: now)
        try await seedThreats(on: db, now: now)
        try await seedAssessments(on: db, now: now)
        try await seedConversations(app: app, now: now)
        try await seedPlans(app: app, now: now)
        try await seedProviders(app: app, now: now)
        try await seedIntegrations(app: app, now: now)
        try await seedTraining(app: app, now: now)
        try await seedMetrics(app: app, now: now)
        try await seedChapters(app: app, now: now)
        let people = try await Person.query(on: db).count()
        return Summary(organisations: firms.count, people: people, signIns: [
            SignIn(role: "operator", email: "operator@shieldwall.example"),
            SignIn(role: "firm admin, facilitator of the micro-business circle", email: firms[0].admin.1),
            SignIn(role: "firm staff", email: firms[0].staffPeople[0].1),
            SignIn(role: "firm admin who reads Shieldwall in Spanish", email: "carmen@taperiasol.example"),
            SignIn(role: "firm admin, facilitator of the supply-chain community", email: firms[8].admin.1),
            SignIn(role: "independent expert in both communities", email: experts[0].1),
            SignIn(role: "facilitator of the Milton Keynes Cyber Chapter", email: experts[1].1),
            SignIn(role: "student in the chapter (mentored, in the talent pool, finished a lab)", email: chapterLearners[0].email),
            SignIn(role: "answers reviews for a provider", email: providerPerson.1),
        ])
    }
}
