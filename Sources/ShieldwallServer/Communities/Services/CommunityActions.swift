import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Starting, approving, setting up, handing over and archiving communities. Each action checks its
/// input, writes in one transaction and leaves nothing half-done.
enum CommunityActions {
    struct Purpose: Sendable {
        var name: String?
        var kind: String?
        var description: String?
        var tags: String?
        var listed: Bool = true
    }

    static func validate(_ input: Purpose) throws -> (name: String, kind: Community.Kind, description: String, tags: String) {
        var problems = ProblemList()
        let name = problems.text("name", input.name, maxLength: 100)
        let description = problems.text("description", input.description, maxLength: 2000)
        let tags = (input.tags ?? "").trimmingWhitespace()
        if tags.count > 200 { problems.add("tags", "error.too-long", ["max": "200"]) }
        let kind = Community.Kind(rawValue: input.kind ?? "")
        if kind == nil { problems.add("kind", "error.community-kind") }
        if !name.isEmpty && Slug.make(from: name).count < 3 { problems.add("name", "error.community-name-letters") }
        try problems.throwIfAny()
        return (name, kind ?? .sector, description, tags)
    }

    /// A free address for a new community, from its name.
    static func freeSlug(for name: String, on db: any Database) async throws -> String {
        let base = Slug.make(from: name)
        var candidate = base
        var n = 2
        while try await Community.query(on: db).filter(\.$slug == candidate).first() != nil {
            candidate = "\(base.prefix(55))-\(n)"
            n += 1
        }
        return candidate
    }

    /// Anyone of a member firm may ask to start a community; with auto-approval on, it goes straight to setup.
    static func requestStart(_ input: Purpose, by person: SignedIn, ctx: ActionContext) async throws -> Community {
        let v = try validate(input)
        let settings = try await InstanceSettings.load(on: ctx.db)
        let slug = try await freeSlug(for: v.name, on: ctx.db)
        let community = Community(name: v.name, slug: slug, kind: v.kind, description: v.description,
                                  requestedByID: person.personID, status: settings.autoApproveCommunities ? .setup : .requested,
                                  createdAt: ctx.now)
        community.tags = v.tags
        community.listed = input.listed
        try await ctx.db.transaction { tx in
            try await community.create(on: tx)
            if settings.autoApproveCommunities {
                community.decidedAt = ctx.now
                try await community.update(on: tx)
                try await CommunityPerson(communityID: try community.requireID(), personID: person.personID,
                                          role: .facilitator, joinedAt: ctx.now).create(on: tx)
            }
            try await AuditLog.record(.communityRequested, personID: person.personID, email: person.email,
                                      organisationID: person.organisationID, detail: v.name, address: ctx.address, at: ctx.now, on: tx)
        }
        return community
    }

    /// The operator's answer to a request: approved makes the requester facilitator.
    static func decide(_ community: Community, approve: Bool, by person: SignedIn, ctx: ActionContext) async throws {
        guard community.status == .requested else { throw ValidationFailure(field: "community", key: "error.community-not-requested") }
        try await ctx.db.transaction { tx in
            community.status = (approve ? Community.Status.setup : .declined)
            community.decidedAt = ctx.now
            try await community.update(on: tx)
            if approve, let requester = community.$requestedBy.id {
                try await CommunityPerson(communityID: try community.requireID(), personID: requester,
                                          role: .facilitator, joinedAt: ctx.now).create(on: tx)
            }
            try await AuditLog.record(approve ? .communityApproved : .communityDeclined, personID: person.personID, email: person.email,
                                      organisationID: nil, detail: community.name, address: ctx.address, at: ctx.now, on: tx)
        }
        if approve, let requester = community.$requestedBy.id, let who = try await Person.find(requester, on: ctx.db) {
            let base = ctx.services.catalogues.localiser(for: who.language)
            _ = await ctx.mailAfterSaving([MailMessage(
                to: who.email, subject: base.text("mail.community-approved.subject", ["community": community.name]),
                body: base.text("mail.community-approved.body", [
                    "community": community.name,
                    "link": ctx.services.configuration.baseURL + SiteURL.communitySetup(community.slug, 1).path,
                ]))])
        }
    }

    /// Publishes a new charter version; the facilitator who writes it accepts it at once.
    static func publishCharter(_ community: Community, text raw: String?, by person: SignedIn, ctx: ActionContext) async throws {
        var problems = ProblemList()
        let text = problems.text("charter", raw, maxLength: 20_000)
        try problems.throwIfAny()
        let communityID = try community.requireID()
        try await ctx.db.transaction { tx in
            let version = community.charterVersion + 1
            try await CharterVersion(communityID: communityID, version: version, text: text, authorID: person.personID,
                                     createdAt: ctx.now).create(on: tx)
            community.charterVersion = version
            try await community.update(on: tx)
            try await CharterAcceptance(communityID: communityID, personID: person.personID, version: version,
                                        acceptedAt: ctx.now).create(on: tx)
            try await AuditLog.record(.charterPublished, personID: person.personID, email: person.email,
                                      organisationID: person.organisationID, detail: "\(community.name) v\(version)",
                                      address: ctx.address, at: ctx.now, on: tx)
        }
    }

    static func acceptCharter(_ community: Community, version: Int, by person: SignedIn, ctx: ActionContext) async throws {
        guard version == community.charterVersion else { throw ValidationFailure(field: "version", key: "error.charter-changed") }
        let communityID = try community.requireID()
        let already = try await CharterAcceptance.query(on: ctx.db).filter(\.$community.$id == communityID)
            .filter(\.$person.$id == person.personID).filter(\.$version == version).first()
        guard already == nil else { return }
        try await CharterAcceptance(communityID: communityID, personID: person.personID, version: version, acceptedAt: ctx.now)
            .create(on: ctx.db)
    }

    /// The text of the charter template in a language, with the community's name filled in.
    static func charterTemplate(for community: String, language: String) -> String {
        for lang in [language, CatalogueSet.baseLanguage] {
            if let url = Bundle.module.url(forResource: lang, withExtension: "md", subdirectory: "Resources/Charter"),
               let text = try? String(contentsOf: url, encoding: .utf8) {
                return text.replacingOccurrences(of: "{community}", with: community)
            }
        }
        return ""
    }

    static func handOver(_ community: Community, to newFacilitator: Person, by person: SignedIn, ctx: ActionContext) async throws {
        let communityID = try community.requireID()
        let newID = try newFacilitator.requireID()
        try await ctx.db.transaction { tx in
            for row in try await CommunityPerson.query(on: tx).filter(\.$community.$id == communityID)
                .filter(\.$role == CommunityRole.facilitator).filter(\.$status == ParticipationStatus.active).all() {
                row.status = ParticipationStatus.former
                row.leftAt = ctx.now
                try await row.update(on: tx)
            }
            if let existing = try await CommunityPerson.query(on: tx).filter(\.$community.$id == communityID)
                .filter(\.$person.$id == newID).first() {
                existing.role = .facilitator
                existing.status = ParticipationStatus.active
                existing.leftAt = nil
                try await existing.update(on: tx)
            } else {
                try await CommunityPerson(communityID: communityID, personID: newID, role: .facilitator, joinedAt: ctx.now).create(on: tx)
            }
            try await AuditLog.record(.facilitatorHandedOver, personID: person.personID, email: newFacilitator.email,
                                      organisationID: nil, detail: community.name, address: ctx.address, at: ctx.now, on: tx)
        }
    }

    static func archive(_ community: Community, by person: SignedIn, ctx: ActionContext) async throws {
        community.status = Community.Status.archived
        community.archivedAt = ctx.now
        try await ctx.db.transaction { tx in
            try await community.update(on: tx)
            try await AuditLog.record(.communityArchived, personID: person.personID, email: person.email, organisationID: nil,
                                      detail: community.name, address: ctx.address, at: ctx.now, on: tx)
        }
    }
}
