import Fluent
import Foundation
import Plot
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

    struct ResourceForm: Content {
        var kind: String?
        var title: String?
        var description: String?
        var url: String?
        var body: String?
        var tags: String?
        var file: File?
    }

    @Sendable func list(req: Request) async throws -> Response {
        let (community, standing, person) = try await CommunityStandings.content(req)
        let scope = try await ConversationScope.of(person, on: req.db)
        var query = scope.resources(on: req.db).filter(\.$community.$id == (try community.requireID()))
        let tag = Tags.filter(req.query[String.self, at: "tag"])
        if !tag.isEmpty { query = query.filter(\.$tags ~~ ",\(tag),") }
        let items = try await query.sort(\.$createdAt, .descending).limit(500).with(\.$addedBy).all()
        return ResourceView.list(try await req.pageContext(), try CommunityCard(community), items: items, tag: tag,
                                 canAdd: CommunityAccess.canParticipate(standing))
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        let (community, standing, _) = try await CommunityStandings.content(req)
        try req.require(CommunityAccess.canParticipate(standing))
        return ResourceView.form(try await req.pageContext(), try CommunityCard(community), form: ResourceForm(kind: "link"), errors: [:])
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
            return ResourceView.form(ctx, try CommunityCard(community), form: form, errors: failure.messages(ctx.localiser), status: .unprocessableEntity)
        }
    }

    static func load(_ req: Request) async throws -> (LibraryResource, SignedIn) {
        let person = try req.requirePerson()
        let scope = try await ConversationScope.of(person, on: req.db)
        return (try await scope.resource(req.parameters.get(.resourceID, as: UUID.self), on: req.db, req), person)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (resource, person) = try await Self.load(req)
        let standing = try await CommunityStandings.standing(of: person, in: resource.community, on: req.db)
        return ResourceView.show(try await req.pageContext(), resource, canRemove: ResourceActions.canRemove(resource, standing: standing, by: person))
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

enum ResourceView {
    static func list(_ ctx: PageContext, _ card: CommunityCard, items: [LibraryResource], tag: String, canAdd: Bool) -> Response {
        Layout.page(ctx, title: ctx.t("resources.title", ["community": card.name]), content: [
            .p(.a(.href(SiteURL.community(card.slug).path), .text(ctx.t("community.back")))),
            .p(.text(ctx.t("resources.intro"))),
            .ul(.class("actions"),
                .if(canAdd, .li(.a(.class("button"), .href(SiteURL.communityResourceNew(card.slug).path), .text(ctx.t("resources.add"))))),
                .li(.a(.href(SiteURL.search.path), .text(ctx.t("discussions.search"))))),
            .form(.class("filters"), .method(.get), .action(SiteURL.communityResources(card.slug).path),
                  Forms.field("tag", label: ctx.t("discussions.filter.tag"), value: tag, required: false),
                  Forms.submit(ctx.t("discussions.filter.apply"))),
            Table.render(caption: ctx.t("resources.caption"),
                         headers: [ctx.t("resource.title-field"), ctx.t("resource.kind"), ctx.t("resource.added-by"), ctx.t("resource.added-at")],
                         rows: items.map { r in [
                            .group(.a(.href(SiteURL.resource(r.id ?? UUID()).path), .text(r.title)),
                                   .forEach(r.tagList) { t in .a(.class("tag"), .href(SiteURL.communityResources(card.slug).path + "?tag=\(t)"), .text("#" + t)) }),
                            .text(ctx.t("resource.kind.\(r.kind)")), .text(r.addedBy.displayName), Format.time(r.createdAt),
                         ] }, empty: ctx.t("resources.empty")),
        ])
    }

    static func form(_ ctx: PageContext, _ card: CommunityCard, form: ResourceController.ResourceForm, errors: [String: String],
                     status: HTTPStatus = .ok) -> Response {
        let kinds = LibraryResource.Kind.allCases.map { ($0.rawValue, ctx.t("resource.kind.\($0.rawValue).help")) }
        return Layout.page(ctx, title: ctx.t("resource.new.title", ["community": card.name]), status: status, content: [
            .p(.a(.href(SiteURL.communityResources(card.slug).path), .text(ctx.t("resources.back")))),
            Forms.errorSummary(ctx, errors),
            .form(.method(.post), .action(SiteURL.communityResourceNew(card.slug).path), .enctype(.multipartData),
                Forms.csrf(ctx),
                Forms.radios("kind", legend: ctx.t("resource.kind"), options: kinds, selected: form.kind, error: errors["kind"]),
                Forms.field("title", label: ctx.t("resource.title-field"), value: form.title ?? "", error: errors["title"]),
                Forms.textarea("description", label: ctx.t("resource.description"), value: form.description ?? "", error: errors["description"],
                               required: false, rows: 2),
                Forms.field("url", label: ctx.t("resource.url"), type: .url, value: form.url ?? "", error: errors["url"], hint: ctx.t("resource.url.hint"),
                            required: false),
                Forms.textarea("body", label: ctx.t("resource.body"), value: form.body ?? "", error: errors["body"], hint: ctx.t("thread.markdown.hint"),
                               required: false, rows: 8),
                .div(.class(errors["file"] == nil ? "field" : "field invalid"),
                     .label(.for("field-file"), .text(ctx.t("resource.file"))),
                     .element(named: "small", nodes: [.text(ctx.t("resource.file.hint", ["allowed": ResourceFile.allowedExtensions.joined(separator: ", "),
                                                                                           "max": String(ResourceFile.maxBytes / 1024 / 1024)]))]),
                     .input(.type(.file), .id("field-file"), .name("file"), .attr("accept", ResourceFile.allowedExtensions.map { "." + $0 }.joined(separator: ","))),
                     .unwrap(errors["file"]) { .p(.class("error"), .text($0)) }),
                Forms.field("tags", label: ctx.t("thread.tags"), value: form.tags ?? "", error: errors["tags"], hint: ctx.t("thread.tags.hint"), required: false),
                Forms.submit(ctx.t("resource.new.submit"))),
        ])
    }

    static func show(_ ctx: PageContext, _ r: LibraryResource, canRemove: Bool) -> Response {
        let id = r.id ?? UUID()
        return Layout.page(ctx, title: r.title, content: [
            .p(.a(.href(SiteURL.communityResources(r.community.slug).path), .text(ctx.t("resources.back")))),
            .dl(.class("facts"),
                .dt(.text(ctx.t("resource.kind"))), .dd(.text(ctx.t("resource.kind.\(r.kind)"))),
                .dt(.text(ctx.t("resource.added-by"))), .dd(.text(r.addedBy.displayName)),
                .dt(.text(ctx.t("resource.added-at"))), .dd(Format.time(r.createdAt)),
                .if(!r.tagList.isEmpty, .group(.dt(.text(ctx.t("thread.tags"))), .dd(.text(r.tagList.map { "#" + $0 }.joined(separator: " ")))))),
            .if(!r.description.isEmpty, .p(.class("lead"), .text(r.description))),
            .unwrap(r.url) { .p(.a(.href($0), .attribute(named: "rel", value: "nofollow noopener"), .text($0))) },
            .unwrap(r.body) { Markdown.node($0) },
            .unwrap(r.fileName) { name in
                .p(.a(.class("button"), .href(SiteURL.resourceDownload(id).path), .attribute(named: "download", value: escapeAttribute(name)),
                      .text(ctx.t("resource.download", ["name": name, "size": ByteCountFormatter.string(fromByteCount: Int64(r.size ?? 0), countStyle: .file)]))))
            },
            .if(canRemove, Forms.button(ctx, action: SiteURL.resourceDelete(id).path, text: ctx.t("resource.remove"), danger: true)),
        ])
    }
}
