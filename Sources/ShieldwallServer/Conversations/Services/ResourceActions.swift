import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Adding to and removing from a community's resource library. Files are checked (`ResourceFile`),
/// written under `<data>/resources/` with a random name, and the row is written after the file; if the
/// row cannot be written the file is removed again, so neither is left half-made.
enum ResourceActions {
    struct Input: Sendable {
        var kind: String?
        var title: String?
        var description: String?
        var url: String?
        var body: String?
        var tags: String?
        var fileName: String?
        var fileBytes: [UInt8]?
    }

    static func directory(_ ctx: ActionContext) -> URL {
        ctx.services.configuration.dataDirectory.appendingPathComponent("resources", isDirectory: true)
    }

    static func add(_ input: Input, in community: Community, standing: CommunityStanding, by person: SignedIn,
                    ctx: ActionContext) async throws -> LibraryResource {
        guard CommunityAccess.canParticipate(standing) else { throw Abort(.notFound) }
        var problems = ProblemList()
        let kind = LibraryResource.Kind(rawValue: input.kind ?? "")
        if kind == nil { problems.add("kind", "error.choose-one") }
        let title = problems.text("title", input.title, maxLength: ConversationLimits.title)
        let description = (input.description ?? "").trimmingWhitespace()
        if description.count > 1000 { problems.add("description", "error.too-long", ["max": "1000"]) }
        let tags = problems.tags("tags", input.tags)
        let resource = LibraryResource()
        resource.$community.id = try community.requireID()
        resource.$addedBy.id = person.personID
        resource.kind = (kind ?? .link)
        resource.title = title
        resource.description = description
        resource.tags = Tags.stored(tags)
        resource.createdAt = ctx.now
        var fileBytes: [UInt8] = []
        switch kind {
        case .link:
            let url = (input.url ?? "").trimmingWhitespace()
            if let safe = SafeMarkdown.safeAddress(url), !safe.lowercased().hasPrefix("mailto:"), url.count <= 2000 { resource.url = safe }
            else { problems.add("url", "resource.error.url") }
        case .guide:
            resource.body = problems.text("body", input.body, maxLength: ConversationLimits.body)
        case .file:
            let bytes = input.fileBytes ?? []
            switch ResourceFile.check(name: input.fileName ?? "", bytes: bytes) {
            case .success(let type):
                resource.fileName = ResourceFile.safeName(input.fileName ?? "")
                resource.contentType = type.contentType
                resource.size = bytes.count
                resource.storedName = UUID().uuidString.lowercased()
                fileBytes = bytes
            case .failure(.empty), .failure(.noName): problems.add("file", "resource.error.file-missing")
            case .failure(.tooLarge(let max)): problems.add("file", "resource.error.file-too-large", ["max": String(max / 1024 / 1024)])
            case .failure(.forbiddenType(let ext)):
                problems.add("file", "resource.error.file-type", ["ext": ext, "allowed": ResourceFile.allowedExtensions.joined(separator: ", ")])
            case .failure(.contentMismatch(let ext)): problems.add("file", "resource.error.file-content", ["ext": ext])
            }
        case nil: break
        }
        try problems.throwIfAny()
        var written: URL?
        if let stored = resource.storedName {
            let dir = directory(ctx)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let path = dir.appendingPathComponent(stored)
            try Data(fileBytes).write(to: path, options: .atomic)
            written = path
        }
        do {
            try await ctx.db.transaction { tx in
                try await resource.create(on: tx)
                try await SearchIndex.put(.resource, ref: try resource.requireID(), thread: nil, community: resource.$community.id, title: title,
                                          body: [description, resource.body ?? "", resource.fileName ?? "", resource.url ?? ""].joined(separator: "\n"),
                                          on: tx)
            }
        } catch {
            if let written { try? FileManager.default.removeItem(at: written) }
            throw error
        }
        return resource
    }

    /// The person who added it, or the facilitator, while they take part.
    static func canRemove(_ resource: LibraryResource, standing: CommunityStanding, by person: SignedIn) -> Bool {
        ConversationAccess.canEdit(authorID: resource.$addedBy.id, viewerID: person.personID, standing)
    }

    /// Removes it: row, search entry and file.
    static func remove(_ resource: LibraryResource, standing: CommunityStanding, by person: SignedIn, ctx: ActionContext) async throws {
        guard canRemove(resource, standing: standing, by: person) else {
            throw Refusal(.forbidden, "resource.error.remove-who")
        }
        let id = try resource.requireID()
        try await ctx.db.transaction { tx in
            try await resource.delete(on: tx)
            try await SearchIndex.remove(ref: id, on: tx)
        }
        if let stored = resource.storedName { try? FileManager.default.removeItem(at: directory(ctx).appendingPathComponent(stored)) }
    }

    static func fileURL(_ resource: LibraryResource, ctx: ActionContext) -> URL? {
        resource.storedName.map { directory(ctx).appendingPathComponent($0) }
    }
}
