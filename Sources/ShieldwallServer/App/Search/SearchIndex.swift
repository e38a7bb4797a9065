import Fluent
import Foundation
import ShieldwallCore
import SQLKit
import Vapor

/// Full-text search behind one interface: SQLite FTS5 or a PostgreSQL tsvector (migration 006).
/// Every search is limited in SQL by the viewer's scopes: conversations, events and resources to the
/// `ConversationScope`'s communities; threat reports by `ReportScope`'s rule (its `restrict`, written
/// over the index's TLP, author and community columns) — so a result outside the viewer's access is
/// never even read. The threat access matrix checks the two agree.
enum SearchIndex {
    enum Kind: String, Sendable, Codable { case thread, post, event, resource, report }

    struct Hit: Sendable, Equatable {
        let kind: Kind
        let refID: UUID
        let threadID: UUID?
        let communityID: UUID
        /// Title and snippet with matches between `SearchHighlight.start` and `.end`.
        let title: String
        let snippet: String
    }

    static func put(_ kind: Kind, ref: UUID, thread: UUID?, community: UUID, title: String, body: String, tlp: TLP? = nil, author: UUID? = nil,
                    on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await remove(ref: ref, on: db)
        let clean = { (s: String) in s.replacingOccurrences(of: SearchHighlight.start, with: "").replacingOccurrences(of: SearchHighlight.end, with: "") }
        let columns: SQLQueryString = "kind, ref_id, thread_id, community_id, tlp, author_id, title, body"
        let values: SQLQueryString = """
            \(bind: kind.rawValue), \(bind: ref.uuidString), \(bind: thread?.uuidString), \(bind: community.uuidString), \(bind: tlp?.rawValue),
            \(bind: author?.uuidString), \(bind: clean(title)), \(bind: clean(body))
            """
        guard sql.dialect.name == "sqlite" else {
            return try await sql.raw("INSERT INTO search_documents (\(columns)) VALUES (\(values))").run()
        }
        // FTS5 finds a document fast only by its words or its rowid: the references live beside it, indexed, with its rowid.
        guard let row = try await sql.raw("""
            INSERT INTO search_document_refs (ref_id, thread_id) VALUES (\(bind: ref.uuidString), \(bind: thread?.uuidString)) RETURNING doc_rowid
            """).first() else { throw Abort(.internalServerError, reason: "the search index gave no rowid") }
        let rowid = try row.decode(column: "doc_rowid", as: Int64.self)
        try await sql.raw("INSERT INTO search_documents (rowid, \(columns)) VALUES (\(bind: rowid), \(values))").run()
    }

    /// A threat report, with what its visibility depends on (TLP, author, community; RED recipients are read from the viewer's scope).
    static func put(report: ThreatReport, on db: any Database) async throws {
        let text = [report.summary, report.narrative, report.whatHappened, report.impact, report.whatHelped].filter { !$0.isEmpty }.joined(separator: "\n")
        try await put(.report, ref: try report.requireID(), thread: nil, community: report.$community.id, title: report.title, body: text,
                      tlp: report.tlp, author: report.$author.id, on: db)
    }

    static func remove(ref: UUID, on db: any Database) async throws {
        try await delete(where: "ref_id = \(bind: ref.uuidString)", on: db)
    }

    static func removeThread(_ thread: UUID, on db: any Database) async throws {
        try await delete(where: "ref_id = \(bind: thread.uuidString) OR thread_id = \(bind: thread.uuidString)", on: db)
    }

    /// On SQLite a condition on an FTS5 table's unindexed columns reads every document (each new reply took longer as
    /// the instance grew: seeding `--scale 100` spent 97% of its time there); the rowids come from the references.
    private static func delete(where condition: SQLQueryString, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            try await sql.raw("DELETE FROM search_documents WHERE rowid IN (SELECT doc_rowid FROM search_document_refs WHERE \(condition))").run()
            try await sql.raw("DELETE FROM search_document_refs WHERE \(condition)").run()
        } else {
            try await sql.raw("DELETE FROM search_documents WHERE \(condition)").run()
        }
    }

    /// `ReportScope.restrict` and `ConversationScope.communityIDs` as one SQL condition on the index.
    static func visible(_ conversations: ConversationScope, _ reports: ReportScope) -> SQLQueryString? {
        guard let person = reports.viewer.personID else { return nil }
        var any: [SQLQueryString] = []
        if !conversations.communityIDs.isEmpty {
            any.append("(kind <> 'report' AND community_id IN (\(binds: conversations.communityIDs.map(\.uuidString))))")
        }
        var report: [SQLQueryString] = ["author_id = \(bind: person.uuidString)", "tlp = 'clear'"]
        let content = reports.viewer.contentCommunities.map(\.uuidString)
        if !content.isEmpty {
            report.append("tlp = 'green'")
            report.append("(tlp IN ('amber', 'amber+strict') AND community_id IN (\(binds: content)))")
            if !reports.redReports.isEmpty {
                report.append("(tlp = 'red' AND ref_id IN (\(binds: reports.redReports.map(\.uuidString))) AND community_id IN (\(binds: content)))")
            }
        }
        any.append("(kind = 'report' AND (\(report.joined(separator: " OR "))))")
        return "(\(any.joined(separator: " OR ")))"
    }

    /// Best matches first, at most `limit`, of what the two scopes let the viewer see.
    static func search(_ query: SearchQuery, conversations: ConversationScope, reports: ReportScope, limit: Int = 50,
                       on db: any Database) async throws -> [Hit] {
        guard let sql = db as? any SQLDatabase, let visible = visible(conversations, reports) else { return [] }
        let rows: [any SQLRow]
        if sql.dialect.name == "sqlite" {
            rows = try await sql.raw("""
                SELECT kind, ref_id, thread_id, community_id,
                highlight(search_documents, 6, char(2), char(3)) AS title_hl,
                snippet(search_documents, 7, char(2), char(3), '…', 24) AS snippet
                FROM search_documents WHERE search_documents MATCH \(bind: query.fts5) AND \(visible)
                ORDER BY bm25(search_documents, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 5.0, 1.0) LIMIT \(bind: limit)
                """).all()
        } else {
            rows = try await sql.raw("""
                SELECT kind, ref_id, thread_id, community_id,
                ts_headline('english', title, q, 'HighlightAll=true, StartSel=' || chr(2) || ', StopSel=' || chr(3)) AS title_hl,
                ts_headline('english', body, q, 'MaxFragments=2, MaxWords=30, MinWords=12, StartSel=' || chr(2) || ', StopSel=' || chr(3)) AS snippet
                FROM search_documents, to_tsquery('english', \(bind: query.tsquery)) AS q
                WHERE document @@ q AND \(visible)
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
