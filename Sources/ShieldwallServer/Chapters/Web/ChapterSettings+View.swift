import Foundation
import Plot
import ShieldwallCore
import Vapor

enum ChapterSettingsView {
    static func page(_ ctx: PageContext, _ p: ChapterSettingsPage, status: HTTPStatus = .ok) -> Response {
        Layout.page(ctx, title: ctx.t("chapters.settings-title", ["chapter": p.name]), status: status, content: [
            .p(.a(.href(SiteURL.community(p.slug).path), .text(ctx.t("training.back-community"))), .text(" · "),
               .a(.href(SiteURL.chapter(p.slug).path), .text(ctx.t("chapters.see-public")))),
            Forms.errorSummary(ctx, p.errors),
            .h2(.text(ctx.t("chapters.public-page"))),
            .form(.method(.post), .action(SiteURL.communityChapter(p.slug).path), Forms.csrf(ctx),
                  Forms.textarea("about", label: ctx.t("chapters.about"), value: p.about, error: p.errors["about"], hint: ctx.t("chapters.about-hint"),
                                 required: false, rows: 8),
                  Forms.checkbox("published", label: ctx.t("chapters.published"), checked: p.published),
                  Forms.submit(ctx.t("chapters.save-page"))),
            .p(.class("hint"), .text(ctx.t("chapters.contacts", ["count": String(p.contacts)]))),
            .h2(.text(ctx.t("chapters.events"))),
            .p(.class("hint"), .text(ctx.t("chapters.events-hint"))),
            p.events.isEmpty ? .p(.text(ctx.t("chapters.events-none"))) : .ul(.class("cards"), .forEach(p.events) { item in
                .li(
                    .h3(.text(item.event.title)),
                    .p(.text(item.event.localTime + " — " + ctx.t(item.isPublic ? "chapters.is-public" : "chapters.is-private"))),
                    .if(item.isPublic, .p(.a(.href(SiteURL.communityChapterEvent(p.slug, item.event.id).path),
                                             .text(ctx.t("chapters.registrations-count", ["count": String(item.registrations)]))))),
                    // Folded: the page's one primary button is the page's own; each event's settings open on demand.
                    .element(named: "details", nodes: [.class("more"),
                        .element(named: "summary", nodes: [.text(ctx.t("chapters.change-listing"))]),
                        .form(.method(.post), .action(SiteURL.communityChapterListing(p.slug).path), Forms.csrf(ctx),
                              .input(.type(.hidden), .attr("name", "event"), .attr("value", item.event.id.uuidString)),
                              Forms.select("listing", label: ctx.t("chapters.listing"), options: [("public", ctx.t("chapters.is-public")), ("private", ctx.t("chapters.is-private"))],
                                           selected: item.isPublic ? "public" : "private", id: "listing-\(item.event.id.uuidString)"),
                              Forms.select("host", label: ctx.t("chapters.host"), options: [("", ctx.t("chapters.no-host"))] + p.firms.map { ($0.id.uuidString, $0.name) },
                                           selected: p.firms.first { $0.name == item.host }?.id.uuidString ?? "", id: "host-\(item.event.id.uuidString)"),
                              Forms.textarea("materials", label: ctx.t("chapters.materials"), value: item.materials, hint: ctx.t("chapters.materials-hint"),
                                             required: false, rows: 3, id: "materials-\(item.event.id.uuidString)"),
                              Forms.submit(ctx.t("chapters.save-listing"))),
                    ])
                )
            }),
        ])
    }
}

enum ChapterEventAdminView {
    static func page(_ ctx: PageContext, _ p: ChapterEventAdminPage, status: HTTPStatus = .ok) -> Response {
        Layout.page(ctx, title: ctx.t("chapters.admin-title", ["event": p.event.title]), status: status, content: [
            .p(.a(.href(SiteURL.communityChapter(p.chapter.slug).path), .text(ctx.t("chapters.back-settings"))), .text(" · "),
               .a(.href(SiteURL.chapterEvent(p.chapter.slug, p.event.id).path), .text(ctx.t("chapters.event-page")))),
            .p(.text(p.event.localTime + " — " + (p.capacity.map { ctx.t("chapters.capacity", ["capacity": String($0)]) } ?? ctx.t("chapters.no-capacity")))),
            .h2(.text(ctx.t("chapters.registrations"))),
            .p(.class("hint"), .text(ctx.t("chapters.registrations-hint", ["days": String(VisitorRules.retentionDays), "erased": String(p.erased)]))),
            Table.render(caption: ctx.t("chapters.registrations"),
                         headers: [ctx.t("chapters.your-name"), ctx.t("field.email"), ctx.t("chapters.status"), ctx.t("chapters.registered-at"), ctx.t("chapters.attended")],
                         rows: p.registrants.map { r in
                             [.text(r.name), .text(r.email), .text(statusText(ctx, r)), Format.time(r.registeredAt),
                              .text(r.attended.map { ctx.t($0 ? "chapters.came" : "chapters.did-not-come") } ?? "—")]
                         }, empty: ctx.t("chapters.registrations-none")),
            .if(p.started && p.registrants.contains { $0.status == .confirmed }, .group(
                .h3(.text(ctx.t("chapters.attendance"))),
                .form(.method(.post), .action(SiteURL.communityChapterAttendance(p.chapter.slug, p.event.id).path), Forms.csrf(ctx),
                    .forEach(p.registrants.filter { $0.status == .confirmed }) { r in
                        .div(.class("field check"),
                             .selfClosedElement(named: "input", attributes: [
                                .attribute(named: "type", value: "checkbox"), .attr("id", "attended-\(r.id.uuidString)"),
                                .attribute(named: "name", value: "attended[]"), .attr("value", r.id.uuidString),
                             ] + (r.attended == true ? [.attribute(named: "checked", value: "checked")] : [])),
                             .label(.for("attended-\(r.id.uuidString)"), .text(r.name)))
                    },
                    Forms.submit(ctx.t("chapters.save-attendance"))))),
            .if(p.event.kind == .ctf, .group(
                .h2(.text(ctx.t("chapters.challenges"))),
                Table.render(caption: ctx.t("chapters.challenges"), headers: [ctx.t("chapters.challenge"), ctx.t("chapters.category"), ctx.t("chapters.points"),
                                                                              ctx.t("chapters.hints"), ctx.t("chapters.solves")],
                             rows: p.challenges.map { c in [.text(c.title), .text(c.category), .text(String(c.points)), .text(String(c.hints)), .text(String(c.solves))] },
                             empty: ctx.t("chapters.challenges-none")),
                .h3(.id("add-challenge"), .text(ctx.t("chapters.add-challenge"))),
                Forms.errorSummary(ctx, p.errors),
                .form(.method(.post), .action(SiteURL.communityChapterChallenges(p.chapter.slug, p.event.id).path), Forms.csrf(ctx),
                      Forms.field("title", label: ctx.t("chapters.challenge"), value: p.form.title ?? "", error: p.errors["title"]),
                      Forms.field("category", label: ctx.t("chapters.category"), value: p.form.category ?? "", error: p.errors["category"], hint: ctx.t("chapters.category-hint")),
                      Forms.textarea("description", label: ctx.t("chapters.challenge-text"), value: p.form.description ?? "", error: p.errors["description"]),
                      Forms.field("points", label: ctx.t("chapters.points"), type: .number, value: p.form.points ?? "100", error: p.errors["points"]),
                      Forms.field("flag", label: ctx.t("chapters.flag"), value: "", error: p.errors["flag"], hint: ctx.t("chapters.flag-hint"), extra: [.attr("autocomplete", "off")]),
                      Forms.textarea("hints", label: ctx.t("chapters.hints"), value: p.form.hints ?? "", error: p.errors["hints"], hint: ctx.t("chapters.hints-hint"),
                                     required: false, rows: 3),
                      Forms.textarea("writeup", label: ctx.t("chapters.writeup"), value: p.form.writeup ?? "", error: p.errors["writeup"],
                                     hint: ctx.t("chapters.writeup-hint"), required: false),
                      Forms.submit(ctx.t("chapters.add-challenge")))
            )),
        ])
    }

    static func statusText(_ ctx: PageContext, _ r: ChapterEventAdminPage.Registrant) -> String {
        switch (r.status, r.place) {
        case (.confirmed, .waiting(let n)?): ctx.t("chapters.place-waiting", ["position": String(n)])
        case (.confirmed, _): ctx.t("chapters.place-seat")
        case (.pending, _): ctx.t("chapters.place-pending")
        case (.cancelled, _): ctx.t("chapters.place-cancelled")
        }
    }
}
