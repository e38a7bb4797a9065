import Fluent
import Foundation
import ShieldwallCore

/// Describing an external course: a new one (offered to everyone, or in a community) or a version in another language
/// of one already there, and its publishing.
struct CourseEditPage: Sendable {
    /// Nil for a new course.
    let courseID: UUID?
    let status: TrainingCourse.Status?
    let versions: [ExternalCourseVersion]
    /// Where a new course is offered: nil for everyone.
    let community: (name: String, slug: String)?
    var form: CourseActions.Form
    var errors: [String: String] = [:]

    static func new(in community: Community?) -> CourseEditPage {
        CourseEditPage(courseID: nil, status: nil, versions: [], community: community.map { ($0.name, $0.slug) },
                       form: CourseActions.Form(language: CourseLanguages.base, community: community?.slug ?? ""))
    }

    static func edit(_ row: TrainingCourse, language: String?, on db: any Database) async throws -> CourseEditPage {
        let versions = try row.versions()
        let shown = versions.first { $0.language == language } ?? versions[0]
        let community = try await row.$community.id.asyncFlatMap { try await Community.find($0, on: db) }
        return CourseEditPage(courseID: try row.requireID(), status: row.status, versions: versions, community: community.map { ($0.name, $0.slug) },
                              form: CourseActions.Form(provider: row.provider, minutes: String(row.minutes), language: shown.language,
                                                       title: shown.title, url: shown.url, summary: shown.summary))
    }
}
