import Fluent
import SQLKit

struct CreateConversations: AsyncMigration {
    var name: String { "006_CreateConversations" }

    func prepare(on database: any Database) async throws {
        try await database.schema("threads")
            .id()
            .field("community_id", .uuid, .required, .references("communities", "id", onDelete: .cascade))
            .field("author_id", .uuid, .required, .references("people", "id"))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("tags", .string, .required)
            .field("pinned", .bool, .required)
            .field("locked", .bool, .required)
            .field("accepted_post_id", .uuid)
            .field("event_id", .uuid, .references("community_events", "id", onDelete: .setNull))
            .field("reply_count", .int, .required)
            .field("first_expert_answer_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("last_activity_at", .datetime, .required)
            .field("edited_at", .datetime)
            .create()
        try await database.schema("posts")
            .id()
            .field("thread_id", .uuid, .required, .references("threads", "id", onDelete: .cascade))
            .field("author_id", .uuid, .required, .references("people", "id"))
            .field("body", .string, .required)
            .field("expert", .bool, .required)
            .field("helpful_count", .int, .required)
            .field("created_at", .datetime, .required)
            .field("edited_at", .datetime)
            .create()
        try await database.schema("post_revisions")
            .id()
            .field("thread_id", .uuid, .required, .references("threads", "id", onDelete: .cascade))
            .field("post_id", .uuid, .references("posts", "id", onDelete: .cascade))
            .field("editor_id", .uuid, .required, .references("people", "id"))
            .field("title", .string)
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("post_reactions")
            .id()
            .field("post_id", .uuid, .required, .references("posts", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .unique(on: "post_id", "person_id", name: "post_reactions_unique")
            .create()
        // "Me too" on a question (an Ask-Me-Anything's questions are ordered by these).
        try await database.schema("thread_votes")
            .id()
            .field("thread_id", .uuid, .required, .references("threads", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .unique(on: "thread_id", "person_id", name: "thread_votes_unique")
            .create()
        try await database.schema("post_flags")
            .id()
            .field("thread_id", .uuid, .required, .references("threads", "id", onDelete: .cascade))
            .field("post_id", .uuid, .references("posts", "id", onDelete: .cascade))
            .field("reporter_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("reason", .string, .required)
            .field("created_at", .datetime, .required)
            .field("resolved_at", .datetime)
            .field("resolved_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .create()
        try await database.schema("polls")
            .id()
            .field("thread_id", .uuid, .required, .references("threads", "id", onDelete: .cascade))
            .field("question", .string, .required)
            .field("multiple", .bool, .required)
            .field("closes_at", .datetime, .required)
            .field("closed_early", .bool, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "thread_id", name: "polls_thread_unique")
            .create()
        try await database.schema("poll_options")
            .id()
            .field("poll_id", .uuid, .required, .references("polls", "id", onDelete: .cascade))
            .field("label", .string, .required)
            .field("position", .int, .required)
            .create()
        // Who voted (one row a person, unique) and what was chosen (no person) are kept apart, so votes
        // cannot be shown per person: the database does not know who chose what.
        try await database.schema("poll_voters")
            .id()
            .field("poll_id", .uuid, .required, .references("polls", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .unique(on: "poll_id", "person_id", name: "poll_voters_unique")
            .create()
        try await database.schema("poll_ballots")
            .id()
            .field("poll_id", .uuid, .required, .references("polls", "id", onDelete: .cascade))
            .field("option_id", .uuid, .required, .references("poll_options", "id", onDelete: .cascade))
            .create()
        // The resource library: links, short guides (markdown) and files stored under the data directory.
        try await database.schema("resources")
            .id()
            .field("community_id", .uuid, .required, .references("communities", "id", onDelete: .cascade))
            .field("added_by_id", .uuid, .required, .references("people", "id"))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("url", .string)
            .field("body", .string)
            .field("file_name", .string)
            .field("content_type", .string)
            .field("size", .int)
            .field("stored_name", .string)
            .field("tags", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("notifications")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("community_id", .uuid, .required, .references("communities", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("thread_id", .uuid, .references("threads", "id", onDelete: .cascade))
            .field("event_id", .uuid, .references("community_events", "id", onDelete: .cascade))
            .field("actor_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .field("mailed_at", .datetime)
            .create()
        try await database.schema("notification_settings")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("delivery", .string, .required)
            .field("unsubscribe_token", .string, .required)
            .field("last_digest_at", .datetime)
            .field("feed_token_digest", .string)
            .field("updated_at", .datetime, .required)
            .unique(on: "person_id", name: "notification_settings_person_unique")
            .unique(on: "unsubscribe_token", name: "notification_settings_token_unique")
            .create()
        // A named job held by one instance until `expires_at`: the digest sender runs where it wins the row.
        try await database.schema("job_leases")
            .field("name", .string, .identifier(auto: false))
            .field("holder", .string, .required)
            .field("expires_at", .datetime, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX threads_community_activity ON threads (community_id, last_activity_at)").run()
            try await sql.raw("CREATE INDEX posts_thread ON posts (thread_id, created_at)").run()
            try await sql.raw("CREATE INDEX notifications_person ON notifications (person_id, created_at)").run()
            // An event reminder (or AMA announcement) goes to a person once, even when two instances run the job.
            try await sql.raw("CREATE UNIQUE INDEX notifications_event_once ON notifications (person_id, event_id, kind)").run()
            // Full-text search (DESIGN.md §2: raw SQL only here): FTS5 on SQLite, a weighted tsvector on PostgreSQL.
            // Threat reports carry their TLP and author, so search applies the report scope in SQL too.
            if sql.dialect.name == "sqlite" {
                try await sql.raw("""
                    CREATE VIRTUAL TABLE search_documents USING fts5(kind UNINDEXED, ref_id UNINDEXED, thread_id UNINDEXED,
                    community_id UNINDEXED, tlp UNINDEXED, author_id UNINDEXED, title, body,
                    tokenize = 'porter unicode61 remove_diacritics 2')
                    """).run()
            } else {
                try await sql.raw("""
                    CREATE TABLE search_documents (ref_id text PRIMARY KEY, kind text NOT NULL, thread_id text,
                    community_id text NOT NULL, tlp text, author_id text, title text NOT NULL, body text NOT NULL,
                    document tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english', title), 'A')
                    || setweight(to_tsvector('english', body), 'B')) STORED)
                    """).run()
                try await sql.raw("CREATE INDEX search_documents_document ON search_documents USING GIN (document)").run()
                try await sql.raw("CREATE INDEX search_documents_community ON search_documents (community_id)").run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase { try await sql.raw("DROP TABLE IF EXISTS search_documents").run() }
        for table in ["resources", "job_leases", "notification_settings", "notifications", "poll_ballots", "poll_voters", "poll_options", "polls",
                      "post_flags", "thread_votes", "post_reactions", "post_revisions", "posts", "threads"] {
            try await database.schema(table).delete()
        }
    }
}
