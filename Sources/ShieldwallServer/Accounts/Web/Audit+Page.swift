import Fluent
import Foundation

/// One page of a security log: the 100 newest events, or those before a time (`?before=`).
struct AuditPage: Sendable {
    struct Row: Sendable {
        let at: Date
        let kind: AuditKind
        let email: String
        let detail: String
        let address: String
    }

    static let size = 100

    let title: String
    let events: [Row]
    /// The log's own address, to which the link to older events adds `?before=`.
    let basePath: String

    static func build(_ query: QueryBuilder<AuditEvent>, before: Date?, title: String, basePath: String) async throws -> AuditPage {
        if let before { query.filter(\.$at < before) }
        let events = try await query.sort(\.$at, .descending).limit(size).all()
        return AuditPage(title: title, events: events.map { Row(at: $0.at, kind: $0.kind, email: $0.email, detail: $0.detail, address: $0.address) },
                         basePath: basePath)
    }
}
