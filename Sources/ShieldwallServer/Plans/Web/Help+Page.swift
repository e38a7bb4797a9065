import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// "I need help now": the form for a firm, the places to report to, and the requests the person may see.
struct HelpPage: Sendable {
    struct Row: Sendable {
        let id: UUID
        let firm: String
        let title: String
        let status: HelpRequestRules.Status
        let takenBy: String?
        let createdAt: Date
    }

    let canRaise: Bool
    let places: [ReportPlace]
    let rows: [Row]
    var form: HelpForm = HelpForm()
    var errors: [String: String] = [:]

    static func build(_ person: SignedIn, on db: any Database) async throws -> HelpPage {
        let canRaise = try await person.organisationID.asyncMap { try await !HelpScope.helpers(of: $0, on: db).isEmpty } ?? false
        let places = (try? ReportPlace.parse(try await InstanceSettings.load(on: db).reportPlaces).get()) ?? []
        let rows = try await HelpScope.visible(to: person, on: db).map { r in
            Row(id: try r.requireID(), firm: r.organisation.name, title: String(r.description.prefix(120)), status: r.status,
                takenBy: r.takenBy?.displayName, createdAt: r.createdAt)
        }
        return HelpPage(canRaise: canRaise, places: places, rows: rows)
    }
}

struct HelpForm: Content {
    var description: String?
    var affected: String?
    var contact: String?
    var tlp: String?

    var words: HelpActions.Words { .init(description: description, affected: affected, contact: contact, tlp: tlp) }
}

/// One request: what the firm said, its timeline, the matching playbook and what the viewer may do next.
struct HelpRequestPage: Sendable {
    struct Entry: Sendable {
        let kind: HelpEvent.Kind
        let person: String
        let body: String
        let at: Date
    }

    let id: UUID
    let firm: String
    let raisedBy: String
    let description: String
    let affected: String
    let contact: String
    let tlp: TLP
    let status: HelpRequestRules.Status
    let takenBy: String?
    let timeline: [Entry]
    /// The matching playbook in the firm's first community, as a link.
    let playbook: (title: String, path: String)?
    let standing: HelpScope.Standing
    var errors: [String: String] = [:]

    static func build(_ request: HelpRequest, standing: HelpScope.Standing, language: String, on db: any Database) async throws -> HelpRequestPage {
        let id = try request.requireID()
        let events = try await HelpEvent.query(on: db).filter(\.$request.$id == id).with(\.$person).sort(\.$createdAt).all()
        let firm = try await request.$organisation.get(on: db)
        let raiser = try await request.$raisedBy.get(on: db)
        let taker = try await request.$takenBy.get(on: db)
        var playbook: (String, String)?
        if let key = request.playbook, let community = try await Community.find(request.$community.id, on: db),
           let entry = try await PlaybookScope.playbook(key, in: try community.requireID(), language: language, on: db) {
            playbook = (entry.playbook.title, SiteURL.communityPlaybook(community.slug, key).path)
        }
        return HelpRequestPage(id: id, firm: firm.name, raisedBy: raiser.displayName, description: request.description, affected: request.affected,
                               contact: request.contact, tlp: request.tlp, status: request.status, takenBy: taker?.displayName,
                               timeline: events.map { Entry(kind: $0.kind, person: $0.person.displayName, body: $0.body, at: $0.createdAt) },
                               playbook: playbook, standing: standing)
    }
}

struct HelpActionForm: Content {
    var action: String?
    var body: String?
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
