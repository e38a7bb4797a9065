import Fluent
import SQLKit

struct CreateThreatSharing: AsyncMigration {
    var name: String { "004_CreateThreatSharing" }

    func prepare(on database: any Database) async throws {
        try await database.schema("threat_reports")
            .id()
            .field("community_id", .uuid, .required, .references("communities", "id", onDelete: .cascade))
            .field("author_id", .uuid, .required, .references("people", "id"))
            .field("organisation_id", .uuid, .references("organisations", "id", onDelete: .setNull))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("narrative", .string, .required)
            .field("what_happened", .string, .required)
            .field("impact", .string, .required)
            .field("what_helped", .string, .required)
            .field("tlp", .string, .required)
            .field("anonymous", .bool, .required)
            .field("status", .string, .required)
            .field("stix_id", .string, .required)
            .field("created_at", .datetime, .required)
            .field("modified_at", .datetime, .required)
            .unique(on: "stix_id", "community_id", name: "threat_reports_stix_unique")
            .create()
        try await database.schema("report_recipients")
            .id()
            .field("report_id", .uuid, .required, .references("threat_reports", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .unique(on: "report_id", "person_id", name: "report_recipients_unique")
            .create()
        try await database.schema("report_comments")
            .id()
            .field("report_id", .uuid, .required, .references("threat_reports", "id", onDelete: .cascade))
            .field("author_id", .uuid, .required, .references("people", "id"))
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("indicators")
            .id()
            .field("type", .string, .required)
            .field("value", .string, .required)
            .field("created_at", .datetime, .required)
            .field("retracted_at", .datetime)
            .field("retracted_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("retraction_reason", .string)
            .unique(on: "type", "value", name: "indicators_value_unique")
            .create()
        try await database.schema("report_indicators")
            .id()
            .field("report_id", .uuid, .required, .references("threat_reports", "id", onDelete: .cascade))
            .field("indicator_id", .uuid, .required, .references("indicators", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .unique(on: "report_id", "indicator_id", name: "report_indicators_unique")
            .create()
        try await database.schema("sightings")
            .id()
            .field("indicator_id", .uuid, .required, .references("indicators", "id", onDelete: .cascade))
            .field("community_id", .uuid, .required, .references("communities", "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .references("organisations", "id", onDelete: .setNull))
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("count", .int, .required)
            .field("first_seen", .datetime, .required)
            .field("last_seen", .datetime, .required)
            .field("source", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("indicator_confirmations")
            .id()
            .field("indicator_id", .uuid, .required, .references("indicators", "id", onDelete: .cascade))
            .field("community_id", .uuid, .required, .references("communities", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .unique(on: "indicator_id", "community_id", "person_id", name: "indicator_confirmations_unique")
            .create()
        try await database.schema("allowlist_entries")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("type", .string, .required)
            .field("value", .string, .required)
            .field("note", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "organisation_id", "type", "value", name: "allowlist_entries_unique")
            .create()
        try await database.schema("feed_tokens")
            .id()
            .field("community_id", .uuid, .required, .references("communities", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("token_digest", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_used_at", .datetime)
            .unique(on: "token_digest", name: "feed_tokens_digest_unique")
            .create()
        try await database.schema("community_warnings")
            .id()
            .field("community_id", .uuid, .required, .references("communities", "id", onDelete: .cascade))
            .field("type", .string, .required)
            .field("value", .string, .required)
            .field("reason", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "community_id", "type", "value", name: "community_warnings_unique")
            .create()
        // The facilitator's blocklist threshold: values reported or sighted by at least this many firms.
        try await database.schema("communities").field("blocklist_min_firms", .int, .required, .sql(.default(2))).update()
        try await database.schema("taxii_statuses")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        // Correlations, blocklists and sighting counts look these up by indicator and community.
        if let sql = database as? any SQLDatabase {
            for (name, table, column) in [("threat_reports_community", "threat_reports", "community_id"),
                                          ("indicators_value", "indicators", "value"),
                                          ("report_recipients_person", "report_recipients", "person_id"),
                                          ("report_indicators_indicator", "report_indicators", "indicator_id"),
                                          ("sightings_indicator", "sightings", "indicator_id"),
                                          ("sightings_community", "sightings", "community_id"),
                                          ("indicator_confirmations_community", "indicator_confirmations", "community_id")] {
                try await sql.create(index: name).on(table).column(column).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("communities").deleteField("blocklist_min_firms").update()
        for table in ["taxii_statuses", "community_warnings", "feed_tokens", "allowlist_entries", "indicator_confirmations", "sightings", "report_indicators", "indicators",
                      "report_comments", "report_recipients", "threat_reports"] {
            try await database.schema(table).delete()
        }
    }
}
