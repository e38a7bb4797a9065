import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A community's resource library: links, short guides and files (templates, policies), tagged and
/// searchable, with who added them and when. Files download as attachments, never shown inline.
struct ResourceController: RouteCollection {
    /// An upload's body: the file limit plus room for the other form fields.
    static let maxBody = ResourceFile.maxBytes + 64 * 1024

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.communityResources, use: list)
        routes.get(SiteURL.communityResourceNew, use: newForm)
        routes.post(SiteURL.communityResourceNew, bodyLimit: Self.maxBody, use: add)
        routes.get(SiteURL.resource, use: show)
        routes.get(SiteURL.resourceDownload, use: download)
        routes.post(SiteURL.resourceDelete, use: remove)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunityStandings.content(req)
        let page = try await ResourceListPage.build(community, standing: standing, scope: try await ConversationScope.of(person, req),
                                                    tag: Tags.filter(req.query[String.self, at: "tag"]), on: req.db)
        return ResourceView.list(try await req.pageContext(), page)
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        let (community, standing, _) = try await CommunityStandings.content(req)
        try req.require(CommunityAccess.canParticipate(standing))
        return ResourceView.form(try await req.pageContext(), NewResourcePage(card: try CommunityCard(community), form: ResourceForm(kind: "link"), errors: [:]))
    }

    @Sendable func add(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunityStandings.content(req)
        try req.require(CommunityAccess.canParticipate(standing))
        var form = try req.content.decode(ResourceForm.self)
        let bytes = form.file.map { Array($0.data.readableBytesView) }
        let input = ResourceActions.Input(kind: form.kind, title: form.title, description: form.description, url: form.url, body: form.body,
                                          tags: form.tags, fileName: form.file?.filename, fileBytes: bytes)
        do {
            let resource = try await ResourceActions.add(input, in: community, standing: standing, by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.resource(try resource.requireID()).path, flash: "flash.resource-added")
        } catch let failure as ValidationFailure {
            form.file = nil
            let ctx = try await req.pageContext()
            let page = NewResourcePage(card: try CommunityCard(community), form: form, errors: failure.messages(ctx.localiser))
            return ResourceView.form(ctx, page, status: .unprocessableEntity)
        }
    }

    static func load(_ req: Request) async throws -> (LibraryResource, SignedIn) {
        let person = try req.requirePerson()
        let scope = try await ConversationScope.of(person, req)
        return (try await scope.resource(req.parameters.get(.resourceID, as: UUID.self), on: req.db, req), person)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (resource, person) = try await Self.load(req)
        let standing = try await CommunityStandings.standing(of: person, in: resource.community, on: req.db)
        let page = ResourcePage(resource: try ResourceSummary(resource, communitySlug: resource.community.slug),
                                canRemove: ResourceActions.canRemove(resource, standing: standing, by: person))
        return ResourceView.show(try await req.pageContext(), page)
    }

    /// The stored file as an attachment with the type it was checked as; `nosniff` so no browser reinterprets it.
    @Sendable func download(req: Request) async throws -> Response {
        let (resource, _) = try await Self.load(req)
        guard let path = ResourceActions.fileURL(resource, ctx: ActionContext(req)), let data = FileManager.default.contents(atPath: path.path) else {
            throw Abort(.notFound, reason: req.t("resource.error.no-file"))
        }
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: resource.contentType ?? "application/octet-stream")
        response.headers.replaceOrAdd(name: .contentDisposition, value: ResourceFile.contentDisposition(resource.fileName ?? "file"))
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return response
    }

    @Sendable func remove(req: Request) async throws -> Response {
        let (resource, person) = try await Self.load(req)
        let standing = try await CommunityStandings.standing(of: person, in: resource.community, on: req.db)
        let slug = resource.community.slug
        try await ResourceActions.remove(resource, standing: standing, by: person, ctx: ActionContext(req))
        return req.seeOther(SiteURL.communityResources(slug).path, flash: "flash.resource-removed")
    }
}
