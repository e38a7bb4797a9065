import Fluent
import SQLKit

/// Finding a document of the search index by what it is about (issue #32). SQLite's FTS5 table finds rows fast only
/// by their words or their rowid, so replacing or removing a thread's, reply's or report's document read the whole
/// index: at `demo --scale 100` each new reply cost a pass over 50,000 documents, and seeding spent 97% of its time
/// there. Each document's references now live beside it in an ordinary table, indexed, keyed by the document's
/// rowid. PostgreSQL's table has `ref_id` as its key already; it gains an index on `thread_id`.
struct AddSearchReferences: AsyncMigration {
    var name: String { "025_AddSearchReferences" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            try await sql.raw("CREATE TABLE search_document_refs (doc_rowid INTEGER PRIMARY KEY, ref_id TEXT NOT NULL, thread_id TEXT)").run()
            try await sql.raw("INSERT INTO search_document_refs (doc_rowid, ref_id, thread_id) SELECT rowid, ref_id, thread_id FROM search_documents").run()
            try await sql.create(index: "search_document_refs_ref").on("search_document_refs").column("ref_id").run()
            try await sql.create(index: "search_document_refs_thread").on("search_document_refs").column("thread_id").run()
        } else {
            try await sql.create(index: "search_documents_thread").on("search_documents").column("thread_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            try await sql.raw("DROP TABLE search_document_refs").run()
        } else {
            try await sql.drop(index: "search_documents_thread").run()
        }
    }
}
