import Fluent
import Foundation
import ShieldwallCore
import SQLKit

/// Full-text search behind one interface: SQLite FTS5 or a PostgreSQL tsvector (migration 006).
/// Every search is limited in SQL to the communities the caller passes — always a scope's
/// `communityIDs` — so a result outside the viewer's access is never even read.
enum SearchIndex {
    enum Kind: String, Sendable, Codable { case thread, post, event, resource }

    struct Hit: Sendable, Equatable {
        let kind: Kind
        let refID: UUID
        let threadID: UUID?
        let communityID: UUID
        /// Title and snippet with matches between `SearchHighlight.start` and `.end`.
        let title: String
        let snippet: String
    }

    static func put(_ kind: Kind, ref: UUID, thread: UUID?, community: UUID, title: String, body: String, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await remove(ref: ref, on: db)
        let clean = { (s: String) in s.replacingOccurrences(of: SearchHighlight.start, with: "").replacingOccurrences(of: SearchHighlight.end, with: "") }
        try await sql.raw("""
            INSERT INTO search_documents (kind, ref_id, thread_id, community_id, title, body)
            VALUES (\(bind: kind.rawValue), \(bind: ref.uuidString), \(bind: thread?.uuidString), \(bind: community.uuidString),
            \(bind: clean(title)), \(bind: clean(body)))
            """).run()
    }

    static func remove(ref: UUID, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DELETE FROM search_documents WHERE ref_id = \(bind: ref.uuidString)").run()
    }

    static func removeThread(_ thread: UUID, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DELETE FROM search_documents WHERE ref_id = \(bind: thread.uuidString) OR thread_id = \(bind: thread.uuidString)").run()
    }

    /// Best matches first, at most `limit`, in the given communities only.
    static func search(_ query: SearchQuery, communities: [UUID], limit: Int = 50, on db: any Database) async throws -> [Hit] {
        guard let sql = db as? any SQLDatabase, !communities.isEmpty else { return [] }
        let ids = communities.map(\.uuidString)
        let rows: [any SQLRow]
        if sql.dialect.name == "sqlite" {
            rows = try await sql.raw("""
                SELECT kind, ref_id, thread_id, community_id,
                highlight(search_documents, 4, char(2), char(3)) AS title_hl,
                snippet(search_documents, 5, char(2), char(3), '…', 24) AS snippet
                FROM search_documents WHERE search_documents MATCH \(bind: query.fts5) AND community_id IN (\(binds: ids))
                ORDER BY bm25(search_documents, 0.0, 0.0, 0.0, 0.0, 5.0, 1.0) LIMIT \(bind: limit)
                """).all()
        } else {
            rows = try await sql.raw("""
                SELECT kind, ref_id, thread_id, community_id,
                ts_headline('english', title, q, 'HighlightAll=true, StartSel=' || chr(2) || ', StopSel=' || chr(3)) AS title_hl,
                ts_headline('english', body, q, 'MaxFragments=2, MaxWords=30, MinWords=12, StartSel=' || chr(2) || ', StopSel=' || chr(3)) AS snippet
                FROM search_documents, to_tsquery('english', \(bind: query.tsquery)) AS q
                WHERE document @@ q AND community_id IN (\(binds: ids))
                ORDER BY ts_rank(document, q) DESC, ref_id LIMIT \(bind: limit)
                """).all()
        }
        return rows.compactMap { row in
            guard let kind = (try? row.decode(column: "kind", as: String.self)).flatMap(Kind.init(rawValue:)),
                  let ref = (try? row.decode(column: "ref_id", as: String.self)).flatMap(UUID.init(uuidString:)),
                  let community = (try? row.decode(column: "community_id", as: String.self)).flatMap(UUID.init(uuidString:))
            else { return nil }
            let threadText = (try? row.decode(column: "thread_id", as: String?.self)) ?? nil
            let thread = threadText.flatMap(UUID.init(uuidString:))
            return Hit(kind: kind, refID: ref, threadID: thread, communityID: community,
                       title: (try? row.decode(column: "title_hl", as: String.self)) ?? "",
                       snippet: (try? row.decode(column: "snippet", as: String.self)) ?? "")
        }
    }
}
