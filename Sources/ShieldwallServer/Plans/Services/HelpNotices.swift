import Fluent
import Foundation
import ShieldwallCore

/// Who hears of a call for help: every helper of the firm's communities at once and by mail whatever they
/// chose (it cannot wait for a digest); then the other side of each step.
enum HelpNotices {
    static func raised(_ request: HelpRequest, helpers: [(community: Community, people: [UUID])], by person: SignedIn, ctx: ActionContext,
                       on db: any Database) async throws -> NoticeMail {
        var told = Set<UUID>([person.personID]), mails: [NoticeMail] = []
        for (community, people) in helpers {
            let fresh = people.filter { told.insert($0).inserted }
            guard !fresh.isEmpty else { continue }
            mails.append(try await ctx.services.links.peopleNotices.tell(fresh, kind: .helpRequest, community: community.requireID(),
                                                                         subject: request.requireID(), actor: person.personID, urgent: true,
                                                                         on: db, now: ctx.now))
        }
        let all = mails
        return NoticeMail { ctx in for mail in all { await mail.send(ctx) } }
    }

    /// A helper's step tells the person who asked (and, when it is taken, the other helpers, so that nobody
    /// doubles up); the firm's step tells whoever took it, or every helper while nobody has.
    static func updated(_ request: HelpRequest, action: HelpRequestRules.Action, standing: HelpScope.Standing, by person: SignedIn,
                        ctx: ActionContext, on db: any Database) async throws -> NoticeMail {
        var people = Set<UUID>()
        let helpers = try await HelpScope.helpers(of: request.$organisation.id, on: db).flatMap(\.people)
        if standing.isHelper {
            people.insert(request.$raisedBy.id)
            if action == .take { people.formUnion(helpers) }
        } else if let taker = request.$takenBy.id {
            people.insert(taker)
        } else {
            people.formUnion(helpers)
        }
        people.remove(person.personID)
        guard !people.isEmpty else { return .none }
        return try await ctx.services.links.peopleNotices.tell(Array(people), kind: .helpUpdate, community: request.$community.id,
                                                               subject: request.requireID(), actor: person.personID,
                                                               urgent: action != .resolve, on: db, now: ctx.now)
    }

    /// How help notifications read for `person`, leaving out requests they may no longer see: all at once, with one
    /// read of the requests and one of the firms the person helps, whatever the number (the bell counts these on every page).
    static func describe(_ subjects: [(kind: NotificationKind, subject: UUID)], for person: SignedIn, localiser: Localiser,
                         on db: any Database) async throws -> [UUID: (text: String, path: String)] {
        guard !subjects.isEmpty else { return [:] }
        // Joined, not eager-loaded (one query, not three): the bell words these on every page.
        let requests = try await HelpRequest.query(on: db).filter(\.$id ~~ subjects.map(\.subject))
            .join(Organisation.self, on: \HelpRequest.$organisation.$id == \Organisation.$id)
            .join(Community.self, on: \HelpRequest.$community.$id == \Community.$id).all()
        for request in requests {
            request.$organisation.value = try request.joined(Organisation.self)
            request.$community.value = try request.joined(Community.self)
        }
        let helped = try await HelpScope.firmsHelped(by: person, among: Set(requests.map(\.$organisation.id)), on: db)
        var out: [UUID: (text: String, path: String)] = [:]
        for request in requests {
            guard let id = request.id, HelpScope.standing(of: person, toward: request, helping: helped) != nil,
                  let kind = subjects.first(where: { $0.subject == id })?.kind else { continue }
            out[id] = words(kind, request, id: id, localiser: localiser)
        }
        return out
    }

    static func words(_ kind: NotificationKind, _ request: HelpRequest, id: UUID, localiser: Localiser) -> (text: String, path: String) {
        let title = String(request.description.prefix(80)) + (request.description.count > 80 ? "…" : "")
        let values = ["firm": request.organisation.name, "community": request.community.name, "title": title]
        let key = kind == .helpRequest ? "notification.kind.help_request" : "notification.kind.help_update"
        return (localiser.text(key, values), SiteURL.helpRequest(id).path)
    }
}
