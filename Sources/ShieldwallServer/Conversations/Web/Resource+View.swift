import Foundation
import Plot
import ShieldwallCore
import Vapor

enum ResourceView {
    static func list(_ ctx: PageContext, _ p: ResourceListPage) -> Response {
        let card = p.card
        return Layout.page(ctx, title: ctx.t("resources.title", ["community": card.name]), content: [
            .p(.a(.href(SiteURL.community(card.slug).path), .text(ctx.t("community.back")))),
            .p(.text(ctx.t("resources.intro"))),
            .ul(.class("actions"),
                .if(p.canAdd, .li(.a(.class("button"), .href(SiteURL.communityResourceNew(card.slug).path), .text(ctx.t("resources.add"))))),
                .li(.a(.href(SiteURL.search.path), .text(ctx.t("discussions.search"))))),
            Forms.filters(ctx, active: !p.tag.isEmpty,
                .form(.method(.get), .action(SiteURL.communityResources(card.slug).path),
                      Forms.field("tag", label: ctx.t("discussions.filter.tag"), value: p.tag, required: false),
                      Forms.submit(ctx.t("discussions.filter.apply")))),
            Table.render(caption: ctx.t("resources.caption"),
                         headers: [ctx.t("resource.title-field"), ctx.t("resource.kind"), ctx.t("resource.added-by"), ctx.t("resource.added-at")],
                         rows: p.items.map { r in [
                            .group(.a(.href(SiteURL.resource(r.id).path), .text(r.title)),
                                   Forms.tags(r.tags) { SiteURL.communityResources(card.slug).path + "?tag=\($0)" }),
                            .text(ctx.t("resource.kind.\(r.kind.rawValue)")), .text(r.addedBy), Format.time(r.createdAt),
                         ] }, empty: ctx.t("resources.empty")),
        ])
    }

    static func form(_ ctx: PageContext, _ p: NewResourcePage, status: HTTPStatus = .ok) -> Response {
        let card = p.card, form = p.form, errors = p.errors
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

    static func show(_ ctx: PageContext, _ p: ResourcePage) -> Response {
        let r = p.resource, id = r.id
        return Layout.page(ctx, title: r.title, content: [
            .p(.a(.href(SiteURL.communityResources(r.communitySlug).path), .text(ctx.t("resources.back")))),
            .dl(.class("facts"),
                .dt(.text(ctx.t("resource.kind"))), .dd(.text(ctx.t("resource.kind.\(r.kind.rawValue)"))),
                .dt(.text(ctx.t("resource.added-by"))), .dd(.text(r.addedBy)),
                .dt(.text(ctx.t("resource.added-at"))), .dd(Format.time(r.createdAt)),
                .if(!r.tags.isEmpty, .group(.dt(.text(ctx.t("thread.tags"))), .dd(.text(r.tags.map { "#" + $0 }.joined(separator: " ")))))),
            .if(!r.description.isEmpty, .p(.class("lead"), .text(r.description))),
            .unwrap(r.url) { .p(.a(.href($0), .attribute(named: "rel", value: "nofollow noopener"), .text($0))) },
            .unwrap(r.body) { Markdown.node($0) },
            .unwrap(r.fileName) { name in
                .p(.a(.class("button"), .href(SiteURL.resourceDownload(id).path), .attribute(named: "download", value: escapeAttribute(name)),
                      .text(ctx.t("resource.download", ["name": name, "size": ByteCountFormatter.string(fromByteCount: Int64(r.size ?? 0), countStyle: .file)]))))
            },
            .if(p.canRemove, Forms.dangerButton(ctx, action: SiteURL.resourceDelete(id).path, text: ctx.t("resource.remove"),
                                                    confirm: "remove-resource", name: r.title)),
        ])
    }
}
