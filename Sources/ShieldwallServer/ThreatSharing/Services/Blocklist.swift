import Crypto
import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A community's blocklist as one holder may download it: indicators of reports shared in that community
/// that the holder may see and that their own feed may carry (never TLP:RED), put through the community's
/// `BlocklistRule`.
enum Blocklist {
    struct Filter: Sendable, Equatable {
        var types: Set<IndicatorType> = Set(IndicatorType.allCases)
        var minimumConfidence = 0
    }

    struct Result: Sendable {
        var entries: [BlocklistEntry] = []
        var excluded: [String: Int] = [:]
    }

    /// The community a blocklist is of, as values: a feed token's holder is cached with it across requests.
    struct Subject: Sendable {
        let communityID: UUID
        let slug: String
        let rule: BlocklistRule

        init(_ community: Community) throws {
            communityID = try community.requireID()
            slug = community.slug
            rule = BlocklistRule(minimumFirms: community.blocklistMinimumFirms)
        }
    }

    static func build(_ subject: Subject, scope: ReportScope, filter: Filter, now: Date, app: Application,
                      on db: any Database) async throws -> Result {
        let communityID = subject.communityID
        let summaries = try await IndicatorFacts.summaries(community: communityID, scope: scope, now: now, on: db)
        // What the holder's own feed may carry: not TLP:RED, even for named recipients.
        let carried = try await carriedIndicators(community: communityID, scope: scope, on: db)
        let warnings = try await IndicatorFacts.warningList(app, community: communityID, on: db)
        let rule = subject.rule
        let allowlist = try await IndicatorFacts.memberAllowlist(community: communityID, on: db)
        let base = app.shieldwall.configuration.baseURL
        var result = Result()
        // Sorted as keys, not as summaries: moving 100,000 large values while sorting was a tenth of the build.
        let order = summaries.map { ($0.value.value.type.rawValue, $0.value.value.value, $0.key) }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        for summary in order.compactMap({ summaries[$0.2] }) {
            guard carried.contains(summary.id) else { continue }
            let verdict = rule.verdict(summary.evidence, type: summary.value.type, now: now, warning: warnings.reason(for: summary.value),
                                       allowlisted: allowlist.reason(for: summary.value) != nil)
            guard verdict == .listed else {
                result.excluded[key(verdict), default: 0] += 1
                continue
            }
            guard filter.types.contains(summary.value.type), summary.confidence >= filter.minimumConfidence else { continue }
            result.entries.append(BlocklistEntry(indicator: summary.value, confidence: summary.confidence, firstSeen: summary.firstSeen,
                                                 lastSeen: summary.lastSighting.map { max($0, summary.lastActivity) } ?? summary.lastActivity,
                                                 expires: summary.expires, link: base + SiteURL.indicator(summary.id).path))
        }
        return result
    }

    static func carriedIndicators(community: UUID, scope: ReportScope, on db: any Database) async throws -> Set<UUID> {
        let allowed = TLP.allCases.filter { ReportAccess.mayCarry($0, on: .holdersOwnFeed) }
        let rows = try await scope.restrict(ReportIndicator.query(on: db)
            .join(ThreatReport.self, on: \ReportIndicator.$report.$id == \ThreatReport.$id))
            .filter(ThreatReport.self, \.$community.$id == community)
            .filter(ThreatReport.self, \.$tlp ~~ allowed)
            .rows { try $0.schema(ReportIndicator.schema).decode("indicator_id", as: UUID.self) }
        return Set(rows)
    }

    static func key(_ verdict: BlocklistRule.Verdict) -> String {
        switch verdict {
        case .listed: "listed"
        case .notEnoughEvidence: "not-enough-evidence"
        case .warningList: "warning-list"
        case .memberAllowlist: "member-allowlist"
        case .expired: "expired"
        case .retracted: "retracted"
        }
    }

    /// Reads `format=txt|csv|crowdsec.csv` (plain text when absent).
    static func format(_ req: Request) throws -> BlocklistFormat {
        guard let f = req.query[String.self, at: "format"] else { return .plain }
        guard let chosen = BlocklistFormat(rawValue: f) else { throw Refusal(.badRequest, "blocklist.error.format") }
        return chosen
    }

    /// Reads `type=ipv4,domain` and `min_confidence=60` from a download address.
    static func filter(_ req: Request) throws -> Filter {
        var filter = Filter()
        if let types = req.query[String.self, at: "type"], !types.isEmpty {
            var chosen = Set<IndicatorType>()
            for name in types.split(separator: ",") {
                guard let type = IndicatorType(rawValue: name.trimmingWhitespace().lowercased()) else {
                    throw Refusal(.badRequest, "blocklist.error.type",
                                  ["type": String(name.prefix(40)), "types": IndicatorType.allCases.map(\.rawValue).joined(separator: ", ")])
                }
                chosen.insert(type)
            }
            filter.types = chosen
        }
        if let text = req.query[String.self, at: "min_confidence"], !text.isEmpty {
            guard let n = Int(text), (0...100).contains(n) else {
                throw Refusal(.badRequest, "blocklist.error.min-confidence")
            }
            filter.minimumConfidence = n
        }
        return filter
    }

    /// The rendered download for a holder, from the cache while nothing that decides it has changed.
    static func rendered(_ req: Request, _ subject: Subject, scope: ReportScope, filter: Filter,
                         format: BlocklistFormat) async throws -> ThreatCaches.Blocklist {
        let key = [subject.communityID.uuidString, String(subject.rule.minimumFirms), scope.cacheKey,
                   filter.types.map(\.rawValue).sorted().joined(separator: ","), String(filter.minimumConfidence), format.rawValue].joined(separator: "#")
        return try await req.application.threatCaches.blocklists.value(key, stamp: ThreatCaches.stamp(try await req.dataVersions()), now: req.now) {
            let result = try await build(subject, scope: scope, filter: filter, now: req.now, app: req.application, on: req.db)
            let body = format.render(result.entries, now: req.now)
            let etag = "\"" + SHA256.hash(data: Data(body.utf8)).prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
            return ThreatCaches.Blocklist(body: ByteBuffer(string: body), etag: etag)
        }
    }

    /// The download, with an ETag over its bytes so a poller that already has it gets 304 and no body.
    static func response(_ req: Request, _ entry: ThreatCaches.Blocklist, format: BlocklistFormat, name: String) -> Response {
        let body = entry.body, etag = entry.etag
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .eTag, value: etag)
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-cache")
        if let match = req.headers.first(name: .ifNoneMatch), match.split(separator: ",").contains(where: { $0.trimmingWhitespace() == etag }) {
            return Response(status: .notModified, headers: headers)
        }
        headers.contentType = format == .plain ? .plainText : HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"\(name).\(format.rawValue)\"")
        return Response(status: .ok, headers: headers, body: .init(buffer: body))
    }
}
