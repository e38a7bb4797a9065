import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A community's blocklist: the page with its rule, personal feed addresses, and the downloads behind them.
struct BlocklistController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.communityBlocklist, use: page)
        routes.post(SiteURL.communityBlocklistToken, use: newToken)
        routes.get(SiteURL.blocklistFeed, use: download)
        routes.post(SiteURL.communityBlocklistSettings, use: saveSettings)
        routes.post(SiteURL.communityWarnings, use: addWarning)
        routes.post(SiteURL.communityWarningDelete, use: removeWarning)
    }

    @Sendable func page(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunityStandings.content(req)
        return try await render(req, community, standing, person, feedToken: nil)
    }

    struct SettingsForm: Content { var minimum_firms: String? }

    /// The facilitator sets how many firms must report or sight a value before it is blocked (1–5).
    @Sendable func saveSettings(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunityStandings.content(req)
        try req.requireFacilitator(standing)
        guard let n = Int(try req.content.decode(SettingsForm.self).minimum_firms ?? ""), (1...5).contains(n) else {
            let ctx = try await req.pageContext()
            return try await render(req, community, standing, person, feedToken: nil, errors: ["minimum_firms": ctx.t("error.blocklist-minimum")],
                                    status: .unprocessableEntity)
        }
        community.blocklistMinimumFirms = n
        try await community.update(on: req.db)
        try await ThreatDataVersion.bump(on: req.db)
        return req.seeOther(SiteURL.communityBlocklist(community.slug).path, flash: "flash.blocklist-rule-saved")
    }

    struct WarningForm: Content {
        var value: String?
        var reason: String?
    }

    /// The facilitator adds a value members must never block (a shared provider, a payment gateway).
    @Sendable func addWarning(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunityStandings.content(req)
        try req.requireFacilitator(standing)
        let form = try req.content.decode(WarningForm.self)
        let ctx = try await req.pageContext()
        var problems = ProblemList()
        let reason = problems.text("reason", form.reason, maxLength: 200)
        var value: IndicatorValue?
        switch IndicatorValue.normalise(form.value ?? "") {
        case .success(let v): value = v
        case .failure(let p): problems.add("value", IndicatorMessages.key(p), ["n": "1", "value": String((form.value ?? "").prefix(80))])
        }
        do {
            try problems.throwIfAny()
            guard let value else { throw ValidationFailure(field: "value", key: "error.required") }
            let id = try community.requireID()
            if try await CommunityWarning.query(on: req.db).filter(\.$community.$id == id).filter(\.$type == value.type)
                .filter(\.$value == value.value).first() == nil {
                try await CommunityWarning(communityID: id, value: value, reason: reason, createdAt: req.now).create(on: req.db)
                try await ThreatDataVersion.bump(on: req.db)
            }
            return req.seeOther(SiteURL.communityBlocklist(community.slug).path, flash: "flash.warning-added")
        } catch let failure as ValidationFailure {
            return try await render(req, community, standing, person, feedToken: nil, errors: failure.messages(ctx.localiser),
                                    status: .unprocessableEntity)
        }
    }

    @Sendable func removeWarning(req: Request) async throws -> Response {
        let (community, standing, _) = try await CommunityStandings.content(req)
        try req.requireFacilitator(standing)
        guard let id = req.parameters.get(.warningID, as: UUID.self) else { throw Abort(.notFound) }
        try await CommunityWarning.query(on: req.db).filter(\.$community.$id == (try community.requireID())).filter(\.$id == id).delete()
        try await ThreatDataVersion.bump(on: req.db)
        return req.seeOther(SiteURL.communityBlocklist(community.slug).path, flash: "flash.warning-removed")
    }

    func render(_ req: Request, _ community: Community, _ standing: CommunityStanding, _ person: SignedIn, feedToken: String?,
                errors: [String: String] = [:], status: HTTPStatus = .ok) async throws -> Response {
        let page = try await BlocklistPage.build(community, viewer: person, standing: standing, scope: try await ReportScope.of(person, req),
                                                 feedURL: feedToken.map { req.shieldwall.configuration.baseURL + SiteURL.blocklistFeed($0).path },
                                                 errors: errors, app: req.application, on: req.db, now: req.now)
        return BlocklistView.page(try await req.pageContext(), page, status: status)
    }

    /// A new personal address (shown once); the old one stops working.
    @Sendable func newToken(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunityStandings.content(req)
        let token = SecretToken.generate()
        let communityID = try community.requireID()
        try await req.db.transaction { tx in
            try await FeedToken.query(on: tx).filter(\.$purpose == .blocklist).filter(\.$communityID == communityID)
                .filter(\.$person.$id == person.personID).delete()
            try await FeedToken(purpose: .blocklist, communityID: communityID, personID: person.personID, tokenDigest: token.digest,
                                createdAt: req.now).create(on: tx)
        }
        return try await render(req, community, standing, person, feedToken: token.value)
    }

    /// No session: the token is the key, and it answers only within its holder's access today.
    @Sendable func download(req: Request) async throws -> Response {
        var token = req.parameters.get(.token) ?? ""
        var format = try Blocklist.format(req)
        if let candidate = BlocklistFormat.allCases.first(where: { token.hasSuffix("." + $0.rawValue) }) {
            token.removeLast(candidate.rawValue.count + 1)
            format = candidate
        }
        guard token.count >= 20, token.count < 100, let holder = try await feedHolder(SecretToken.digest(of: token), req) else {
            throw Abort(.notFound, reason: req.t("error.feed-not-found"))
        }
        let subject = holder.blocklist
        let scope = try await ReportScope.of(holder.signedIn, req)
        guard scope.viewer.contentCommunities.contains(subject.communityID) else { throw Abort(.notFound, reason: req.t("error.feed-not-found")) }
        let entry = try await Blocklist.rendered(req, subject, scope: scope, filter: try Blocklist.filter(req), format: format)
        return Blocklist.response(req, entry, format: format, name: "\(subject.slug)-blocklist")
    }

    /// The token's holder and community: one query, then from the access cache while nothing that decides
    /// access has changed. Use is noted at most once an hour, so that polling does not write on every request.
    func feedHolder(_ digest: String, _ req: Request) async throws -> AccessCache.FeedHolder? {
        let version = try await req.dataVersions().access, cache = req.application.accessCache.feedTokens
        var found: AccessCache.FeedHolder
        if let cached = cache.get(digest, stamp: version, now: req.now) {
            found = cached
        } else {
            guard let row = try await FeedToken.query(on: req.db).filter(\.$tokenDigest == digest).filter(\.$purpose == .blocklist)
                .join(Person.self, on: \FeedToken.$person.$id == \Person.$id)
                .join(Community.self, on: \FeedToken.$communityID == \Community.$id).first(),
                let person = try? row.joined(Person.self), let community = try? row.joined(Community.self),
                person.deactivatedAt == nil
            else { return nil }
            found = .init(signedIn: try SignedIn(person: person, organisation: nil, sessionID: nil, stage: .full),
                          blocklist: try Blocklist.Subject(community), tokenID: try row.requireID(), lastUsed: row.lastUsedAt)
            cache.store(found, for: digest, stamp: version, now: req.now)
        }
        if found.lastUsed.map({ req.now.timeIntervalSince($0) > 3600 }) ?? true {
            try await FeedToken.query(on: req.db).filter(\.$id == found.tokenID).set(\.$lastUsedAt, to: req.now).update()
            found = .init(signedIn: found.signedIn, blocklist: found.blocklist, tokenID: found.tokenID, lastUsed: req.now)
            cache.store(found, for: digest, stamp: version, now: req.now)
        }
        return found
    }
}
