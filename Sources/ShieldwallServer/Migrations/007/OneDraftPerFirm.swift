import Fluent
import Foundation
import SQLKit

/// A firm has at most one draft self-assessment, held by the database: two people pressing "Start" at the
/// same instant used to make two drafts. Drafts already doubled are merged first — the newer ones' answers
/// move to the oldest where it has none for that question — so nothing anyone answered is lost.
struct OneDraftPerFirm: AsyncMigration {
    var name: String { "007_OneDraftPerFirm" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let drafts = try await sql.select().columns("id", "organisation_id").from("assessments")
            .where("status", .equal, "draft").orderBy("created_at").orderBy("id").all()
        var oldest: [UUID: UUID] = [:]
        for row in drafts {
            let id = try row.decode(column: "id", as: UUID.self), org = try row.decode(column: "organisation_id", as: UUID.self)
            guard let keep = oldest[org] else { oldest[org] = id; continue }
            let kept = Set(try await sql.select().column("question_id").from("assessment_answers").where("assessment_id", .equal, keep)
                .all().map { try $0.decode(column: "question_id", as: String.self) })
            for answer in try await sql.select().columns("id", "question_id").from("assessment_answers").where("assessment_id", .equal, id).all()
            where !kept.contains(try answer.decode(column: "question_id", as: String.self)) {
                try await sql.update("assessment_answers").set("assessment_id", to: keep)
                    .where("id", .equal, try answer.decode(column: "id", as: UUID.self)).run()
            }
            try await sql.delete(from: "assessment_answers").where("assessment_id", .equal, id).run()
            try await sql.delete(from: "assessments").where("id", .equal, id).run()
        }
        try await sql.raw("CREATE UNIQUE INDEX assessments_one_draft ON assessments (organisation_id) WHERE status = 'draft'").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX assessments_one_draft").run()
    }
}
