import Foundation
import Plot
import ShieldwallCore
import Vapor

enum DiscussionView {
    static func kindBadge(_ ctx: PageContext, _ kind: ThreadKind) -> Node<HTML.BodyContext> {
        .span(.class("badge kind-\(kind.rawValue)"), .text(ctx.t("thread.kind.\(kind.rawValue)")))
    }

    static func list(_ ctx: PageContext, _ p: DiscussionListPage) -> Response {
        let card = p.card, filter = p.filter, canStart = p.canStart
        let kinds = [("", ctx.t("discussions.filter.any-kind"))] + ThreadKind.allCases.map { ($0.rawValue, ctx.t("thread.kind.\($0.rawValue)")) }
        return Layout.page(ctx, title: ctx.t("discussions.title", ["community": card.name]), content: [
            .p(.a(.href(SiteURL.community(card.slug).path), .text(ctx.t("community.back")))),
            .p(.text(ctx.t("discussions.intro"))),
            .ul(.class("actions"),
                .if(canStart, .li(.a(.class("button"), .href(SiteURL.communityThreadNew(card.slug).path + "?kind=question"), .text(ctx.t("discussions.ask"))))),
                .if(canStart, .li(.a(.href(SiteURL.communityThreadNew(card.slug).path + "?kind=discussion"), .text(ctx.t("discussions.start"))))),
                .li(.a(.href(SiteURL.search.path), .text(ctx.t("discussions.search")))),
                .li(.a(.href(SiteURL.communityDiscussionsFeed(card.slug).path), .text(ctx.t("discussions.feed")))),
                .if(p.isExpert, .li(.a(.href(SiteURL.questionsQueue.path), .text(ctx.t("discussions.queue")))))
            ),
            Forms.filters(ctx, active: filter.kind != nil || !filter.tag.isEmpty || filter.unanswered,
                .form(.method(.get), .action(SiteURL.communityDiscussions(card.slug).path),
                      Forms.select("kind", label: ctx.t("discussions.filter.kind"), options: kinds, selected: filter.kind?.rawValue ?? ""),
                      Forms.field("tag", label: ctx.t("discussions.filter.tag"), value: filter.tag, required: false),
                      Forms.checkbox("unanswered", label: ctx.t("discussions.filter.unanswered"), checked: filter.unanswered),
                      Forms.submit(ctx.t("discussions.filter.apply")))),
            Table.render(caption: ctx.t("discussions.caption"),
                         headers: [ctx.t("thread.title-field"), ctx.t("thread.kind"), ctx.t("thread.started-by"), ctx.t("thread.replies"),
                                   ctx.t("thread.last-activity")],
                         rows: p.threads.map { row(ctx, card, $0) }, empty: ctx.t("discussions.empty")),
        ])
    }

    static func row(_ ctx: PageContext, _ card: CommunityCard, _ t: ThreadRow) -> [Node<HTML.BodyContext>] {
        var flags: [String] = []
        if t.pinned { flags.append(ctx.t("thread.pinned")) }
        if t.locked { flags.append(ctx.t("thread.locked")) }
        if t.kind == .question { flags.append(ctx.t(t.answered ? "thread.answered" : "thread.unanswered")) }
        return [
            .group(.a(.href(SiteURL.thread(t.id).path), .text(t.title)),
                   .if(!flags.isEmpty, .span(.class("note"), .text(" · " + flags.joined(separator: " · ")))),
                   Forms.tags(t.tags) { SiteURL.communityDiscussions(card.slug).path + "?tag=\($0)" }),
            kindBadge(ctx, t.kind), .text(t.author), .text(String(t.replies)), Format.time(t.lastActivity),
        ]
    }

    static func form(_ ctx: PageContext, _ p: NewThreadPage, status: HTTPStatus = .ok) -> Response {
        let card = p.card, form = p.form, errors = p.errors
        return Layout.page(ctx, title: ctx.t("thread.new.title", ["community": card.name]), status: status, content: [
            .p(.a(.href(SiteURL.communityDiscussions(card.slug).path), .text(ctx.t("discussions.back")))),
            .p(.text(ctx.t("thread.new.intro"))),
            Forms.errorSummary(ctx, errors),
            .form(.method(.post), .action(SiteURL.communityThreadNew(card.slug).path),
                Forms.csrf(ctx),
                Forms.radios("kind", legend: ctx.t("thread.kind"), options: p.kinds.map { ($0.rawValue, ctx.t("thread.kind.\($0.rawValue).help")) },
                             selected: form.kind, error: errors["kind"]),
                Forms.field("title", label: ctx.t("thread.title-field"), value: form.title ?? "", error: errors["title"], hint: ctx.t("thread.title.hint")),
                Forms.textarea("body", label: ctx.t("thread.body"), value: form.body ?? "", error: errors["body"], hint: ctx.t("thread.markdown.hint"), rows: 10),
                Forms.field("tags", label: ctx.t("thread.tags"), value: form.tags ?? "", error: errors["tags"], hint: ctx.t("thread.tags.hint"), required: false),
                pollFields(ctx, form, errors),
                Forms.submit(ctx.t("thread.new.submit"))),
        ])
    }

    static func pollFields(_ ctx: PageContext, _ form: ThreadForm, _ errors: [String: String]) -> Node<HTML.FormContext> {
        let open = form.poll == "true" || errors.keys.contains { $0.hasPrefix("poll_") }
        return .element(named: "details", nodes: [
            open ? .attribute(named: "open", value: "open") : .empty,
            .element(named: "summary", nodes: [.text(ctx.t("poll.add"))]),
            Forms.checkbox("poll", label: ctx.t("poll.include"), checked: form.poll == "true"),
            Forms.field("poll_question", label: ctx.t("poll.question"), value: form.poll_question ?? "", error: errors["poll_question"], required: false),
            Forms.textarea("poll_options", label: ctx.t("poll.options"), value: form.poll_options ?? "", error: errors["poll_options"],
                           hint: ctx.t("poll.options.hint"), required: false, rows: 4),
            Forms.checkbox("poll_multiple", label: ctx.t("poll.multiple"), checked: form.poll_multiple == "true"),
            Forms.field("poll_closes", label: ctx.t("poll.closes-days"), type: .number, value: form.poll_closes ?? "7", error: errors["poll_closes"],
                        required: false, extra: [.attr("min", "1"), .attr("max", "60")]),
        ])
    }

    static func feedPage(_ ctx: PageContext, _ p: DiscussionFeedPage) -> Response {
        let card = p.card, address = p.address, hasAddress = p.hasAddress
        return Layout.page(ctx, title: ctx.t("discussions.feed.title", ["community": card.name]), content: [
            .p(.a(.href(SiteURL.communityDiscussions(card.slug).path), .text(ctx.t("discussions.back")))),
            .p(.text(ctx.t("discussions.feed.intro"))),
            .unwrap(address) { address in
                .div(.class("notice"), .attribute(named: "role", value: "status"),
                     .p(.text(ctx.t("discussions.feed.once"))), .p(.code(.id("feed-address"), .text(address))))
            },
            .if(address == nil && hasAddress, .p(.text(ctx.t("discussions.feed.has-address")))),
            Forms.button(ctx, action: SiteURL.communityDiscussionsFeed(card.slug).path,
                         text: ctx.t(hasAddress ? "discussions.feed.new-address" : "discussions.feed.make")),
            .if(hasAddress, Forms.dangerButton(ctx, action: SiteURL.communityDiscussionsFeed(card.slug).path, text: ctx.t("discussions.feed.revoke"),
                                               confirm: "revoke-feed", name: card.name, hidden: [("revoke", "true")])),
        ])
    }
}
