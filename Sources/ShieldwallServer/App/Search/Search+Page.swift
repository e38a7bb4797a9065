import Fluent
import Foundation
import ShieldwallCore

/// The search page: the words, and what they found (or why they could not be searched for).
struct SearchPage: Sendable {
    struct Found: Sendable {
        let kind: SearchIndex.Kind
        let title: String
        let snippet: String
        let path: String
        let community: String
    }

    enum Outcome: Sendable { case results([Found]), problem(String), none }

    /// Hits from the index (already limited to the scope's communities), with their links and community names.
    static func find(_ text: String, scope: ConversationScope, reports: ReportScope, on db: any Database) async throws -> Result<[Found], SearchQuery.Problem> {
        let query: SearchQuery
        switch SearchQuery.parse(text) {
        case .success(let q): query = q
        case .failure(let problem): return .failure(problem)
        }
        let hits = try await SearchIndex.search(query, conversations: scope, reports: reports, on: db)
        let communityIDs = Array(Set(hits.map(\.communityID)))
        let communities = communityIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await Community.query(on: db)
            .filter(\.$id ~~ communityIDs).all().compactMap { c in c.id.map { ($0, c) } })
        let threadIDs = Array(Set(hits.compactMap { $0.kind == .post ? $0.threadID : nil }))
        let titles = threadIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await scope.threads(on: db).filter(\.$id ~~ threadIDs).all()
            .compactMap { t in t.id.map { ($0, t.title) } })
        return .success(hits.compactMap { hit in
            guard let community = communities[hit.communityID] else { return nil }
            switch hit.kind {
            case .thread:
                return Found(kind: .thread, title: hit.title, snippet: hit.snippet, path: SiteURL.thread(hit.refID).path, community: community.name)
            case .post:
                guard let threadID = hit.threadID, let title = titles[threadID] else { return nil }
                return Found(kind: .post, title: title, snippet: hit.snippet, path: SiteURL.thread(threadID).path + "#post-\(hit.refID)",
                              community: community.name)
            case .report:
                return Found(kind: .report, title: hit.title, snippet: hit.snippet, path: SiteURL.report(hit.refID).path, community: community.name)
            case .resource:
                return Found(kind: .resource, title: hit.title, snippet: hit.snippet, path: SiteURL.resource(hit.refID).path, community: community.name)
            case .event:
                return Found(kind: .event, title: hit.title, snippet: hit.snippet, path: SiteURL.communityEvent(community.slug, hit.refID).path,
                              community: community.name)
            }
        })
    }

    let text: String
    let outcome: Outcome
}
