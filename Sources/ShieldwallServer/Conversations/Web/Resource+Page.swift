import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A library item as pages show it.
struct ResourceSummary: Sendable {
    let id: UUID
    let communitySlug: String
    let kind: LibraryResource.Kind
    let title: String
    let description: String
    let url: String?
    let body: String?
    let fileName: String?
    let size: Int?
    let tags: [String]
    let addedBy: String
    let createdAt: Date

    /// `resource` with its community and who added it loaded.
    init(_ r: LibraryResource, communitySlug: String) throws {
        id = try r.requireID(); self.communitySlug = communitySlug; kind = r.kind; title = r.title; description = r.description
        url = r.url; body = r.body; fileName = r.fileName; size = r.size; tags = r.tagList; addedBy = r.addedBy.displayName
        createdAt = r.createdAt
    }
}

/// A community's library, newest first, filtered by tag.
struct ResourceListPage: Sendable {
    let card: CommunityCard
    let items: [ResourceSummary]
    let tag: String
    let canAdd: Bool

    static func build(_ community: Community, standing: CommunityStanding, scope: ConversationScope, tag: String,
                      on db: any Database) async throws -> ResourceListPage {
        var query = scope.resources(on: db).filter(\.$community.$id == (try community.requireID()))
        if !tag.isEmpty { query = query.filter(\.$tags ~~ ",\(tag),") }
        let items = try await query.sort(\.$createdAt, .descending).limit(500).with(\.$addedBy).all()
        return ResourceListPage(card: try CommunityCard(community), items: try items.map { try ResourceSummary($0, communitySlug: community.slug) },
                                tag: tag, canAdd: CommunityAccess.canParticipate(standing))
    }
}

/// A new library item as typed (the file itself is never sent back to the form).
struct ResourceForm: Content {
    var kind: String?
    var title: String?
    var description: String?
    var url: String?
    var body: String?
    var tags: String?
    var file: File?
}

struct NewResourcePage: Sendable {
    let card: CommunityCard
    let form: ResourceForm
    let errors: [String: String]
}

/// One item, with removing it for those who may.
struct ResourcePage: Sendable {
    let resource: ResourceSummary
    let canRemove: Bool
}
