import Fluent

/// The devices a firm's tools (or its people, by CSV) report, and what the firm asks of them.
struct CreateFirmDevices: AsyncMigration {
    var name: String { "015_CreateFirmDevices" }

    func prepare(on database: any Database) async throws {
        try await database.schema("firm_devices")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("key_id", .uuid, .references("integration_keys", "id", onDelete: .setNull))
            .field("name", .string, .required)
            .field("name_folded", .string, .required)
            .field("kind", .string, .required)
            .field("operating_system", .string, .required)
            .field("os_version", .string, .required)
            .field("last_update", .datetime)
            .field("malware_protection", .bool)
            .field("last_signature_update", .datetime)
            .field("disk_encrypted", .bool)
            .field("last_backup", .datetime)
            .field("owner", .string, .required)
            .field("reported_at", .datetime, .required)
            .unique(on: "organisation_id", "name_folded", name: "firm_devices_name")
            .create()
        try await database.schema("device_policies")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("update_within_days", .int, .required)
            .field("signatures_within_days", .int, .required)
            .field("backup_within_days", .int)
            .field("encrypt_portable", .bool, .required)
            .field("require_malware_protection", .bool, .required)
            .field("updated_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("updated_at", .datetime, .required)
            .unique(on: "organisation_id", name: "device_policies_firm")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("device_policies").delete()
        try await database.schema("firm_devices").delete()
    }
}
