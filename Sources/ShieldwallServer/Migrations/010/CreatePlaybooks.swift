import Fluent

/// Communities' own playbooks, firms' adoptions with their contacts, and runs with their ticked steps.
struct CreatePlaybooks: AsyncMigration {
    var name: String { "010_CreatePlaybooks" }

    func prepare(on database: any Database) async throws {
        try await database.schema("community_playbooks")
            .id()
            .field("community_id", .uuid, .required, .references("communities", "id", onDelete: .cascade))
            .field("key", .string, .required)
            .field("based_on", .string)
            .field("content", .string, .required)
            .field("updated_by_id", .uuid, .required, .references("people", "id"))
            .field("updated_at", .datetime, .required)
            .unique(on: "community_id", "key")
            .create()
        try await database.schema("playbook_adoptions")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("community_id", .uuid, .required, .references("communities", "id", onDelete: .cascade))
            .field("key", .string, .required)
            .field("contacts", .string, .required)
            .field("adopted_by_id", .uuid, .required, .references("people", "id"))
            .field("updated_at", .datetime, .required)
            .unique(on: "organisation_id", "community_id", "key")
            .create()
        try await database.schema("playbook_runs")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("community_id", .uuid, .required, .references("communities", "id", onDelete: .cascade))
            .field("key", .string, .required)
            .field("content", .string, .required)
            .field("contacts", .string, .required)
            .field("started_by_id", .uuid, .required, .references("people", "id"))
            .field("started_at", .datetime, .required)
            .field("closed_at", .datetime)
            .field("closed_by_id", .uuid, .references("people", "id"))
            .field("summary", .string, .required)
            .field("report_id", .uuid)
            .create()
        try await database.schema("playbook_run_steps")
            .id()
            .field("run_id", .uuid, .required, .references("playbook_runs", "id", onDelete: .cascade))
            .field("step_id", .string, .required)
            .field("note", .string, .required)
            .field("done_by_id", .uuid, .required, .references("people", "id"))
            .field("done_at", .datetime, .required)
            .unique(on: "run_id", "step_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["playbook_run_steps", "playbook_runs", "playbook_adoptions", "community_playbooks"] {
            try await database.schema(table).delete()
        }
    }
}
