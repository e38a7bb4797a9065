import Foundation
import Plot
import ShieldwallCore
import Vapor

enum ReportView {
    static func tlpBadge(_ ctx: PageContext, _ tlp: TLP) -> Node<HTML.BodyContext> {
        .span(.class("tlp tlp-\(tlp.pageKey)"), .text(tlp.label))
    }

    /// "This community" with the TLP label beside it.
    static func audience(_ ctx: PageContext, _ tlp: TLP) -> Node<HTML.BodyContext> {
        .group(.text(ctx.t("tlp.\(tlp.pageKey).audience") + " "), tlpBadge(ctx, tlp))
    }

    static func authorLine(_ ctx: PageContext, _ row: ReportRow) -> String {
        guard let author = row.author else { return ctx.t("report.anonymous") }
        let name = row.organisation.map { "\(author) (\($0))" } ?? author
        return row.anonymous ? ctx.t("report.anonymous-to-others", ["name": name]) : name
    }

    static func feed(_ ctx: PageContext, _ p: ThreatFeedPage) -> Response {
        let card = p.card, filter = p.filter, canShare = p.canShare
        let kinds = [("", ctx.t("threats.filter.any-kind"))] + ThreatReport.Kind.allCases.map { ($0.rawValue, ctx.t("report.kind.\($0.rawValue)")) }
        let tlps = [("", ctx.t("threats.filter.any-tlp"))] + TLP.allCases.map { ($0.rawValue, $0.label) }
        return Layout.page(ctx, title: ctx.t("threats.title", ["community": card.name]), content: [
            .p(.a(.href(SiteURL.community(card.slug).path), .text(ctx.t("community.back")))),
            .p(.text(ctx.t("threats.intro"))),
            .ul(.class("actions"),
                .if(canShare, .li(.a(.class("button"), .href(SiteURL.communityReportNew(card.slug).path), .text(ctx.t("threats.share"))))),
                .li(.a(.href(SiteURL.communityBlocklist(card.slug).path), .text(ctx.t("threats.blocklist")))),
                .li(.a(.href(SiteURL.sightings.path), .text(ctx.t("threats.my-sightings")))),
                .li(Glossary.link(ctx, "tlp"))
            ),
            Forms.filters(ctx, active: filter.kind != nil || filter.tlp != nil || !filter.words.isEmpty,
                .form(.method(.get), .action(SiteURL.communityThreats(card.slug).path),
                      Forms.select("kind", label: ctx.t("threats.filter.kind"), options: kinds, selected: filter.kind?.rawValue ?? ""),
                      Forms.select("tlp", label: ctx.t("threats.filter.tlp"), options: tlps, selected: filter.tlp?.rawValue ?? ""),
                      Forms.field("q", label: ctx.t("threats.filter.words"), type: .search, value: filter.words, required: false),
                      Forms.submit(ctx.t("threats.filter.apply")))),
            Table.render(caption: ctx.t("threats.caption"),
                         headers: [ctx.t("report.title-field"), ctx.t("report.kind"), ctx.t("report.who-can-see"), ctx.t("report.shared-by"),
                                   ctx.t("report.indicators"), ctx.t("report.shared-at")],
                         rows: p.rows.map { row in [
                            .a(.href(SiteURL.report(row.id).path), .text(row.title)),
                            .text(ctx.t("report.kind.\(row.kind.rawValue)")), audience(ctx, row.tlp), .text(authorLine(ctx, row)),
                            .text(String(row.indicators)), Format.time(row.createdAt),
                         ] }, empty: ctx.t("threats.empty")),
            Glossary.forITPerson(ctx, .ul(
                .li(.a(.href(SiteURL.communityStix(card.slug).path), .text(ctx.t("threats.stix"))), .text(" "), Glossary.link(ctx, "stix")),
                .if(canShare, .li(.a(.href(SiteURL.communityStixImport(card.slug).path), .text(ctx.t("threats.stix-import"))))))),
        ])
    }

    static func form(_ ctx: PageContext, _ p: ReportFormPage, status: HTTPStatus = .ok) -> Response {
        let card = p.card, form = p.form, found = p.found, errors = p.errors
        let kinds = ThreatReport.Kind.allCases.map { ($0.rawValue, ctx.t("report.kind.\($0.rawValue)")) }
        let tlps = TLP.choices(TLP.allCases, ctx)
        let chosenRecipients = Set(form.recipients ?? [])
        let chosen = form.reviewed == "true" && form.step == "publish" ? Set(form.indicators ?? []) : nil
        return Layout.page(ctx, title: ctx.t("report.new.title", ["community": card.name]), status: status, content: [
            .p(.a(.href(SiteURL.communityThreats(card.slug).path), .text(ctx.t("threats.back")))),
            .p(.text(ctx.t("report.new.intro"))),
            Forms.errorSummary(ctx, errors),
            .form(.method(.post), .action(SiteURL.communityReportNew(card.slug).path),
                Forms.csrf(ctx),
                Forms.select("kind", label: ctx.t("report.kind"), options: kinds, selected: form.kind ?? "", error: errors["kind"]),
                Forms.field("title", label: ctx.t("report.title-field"), value: form.title ?? "", error: errors["title"]),
                Forms.textarea("summary", label: ctx.t("report.summary"), value: form.summary ?? "", error: errors["summary"],
                               hint: ctx.t("report.summary.hint"), rows: 3),
                Forms.select("tlp", label: ctx.t("report.tlp"), options: tlps, selected: form.tlp ?? TLP.amber.rawValue, error: errors["tlp"]),
                .p(.class("hint"), .text(ctx.t("report.tlp.hint"))),
                Forms.checkbox("anonymous", label: ctx.t("report.anonymous.label"), checked: form.anonymous == "true"),
                .element(named: "fieldset", nodes: [
                    .element(named: "legend", nodes: [.text(ctx.t("report.recipients"))]),
                    .p(.class("hint"), .text(ctx.t("report.recipients.hint"))),
                    .unwrap(errors["recipients"]) { .p(.class("error"), .text($0)) },
                    .forEach(p.people) { person in
                        .div(.class("field check"),
                             .input(.type(.checkbox), .attr("id", "recipient-\(person.id)"), .attr("name", "recipients[]"),
                                    .attr("value", person.id.uuidString),
                                    chosenRecipients.contains(person.id.uuidString) ? .attribute(named: "checked", value: "checked") : .empty),
                             .label(.for("recipient-\(person.id)"), .text(person.name)))
                    },
                ]),
                Forms.textarea("paste", label: ctx.t("report.paste"), value: form.paste ?? "", error: errors["paste"],
                               hint: ctx.t("report.paste.hint"), required: false, rows: 8),
                .unwrap(found) { found in reviewTable(ctx, found, chosen: chosen, error: errors["indicators"]) },
                .element(named: "details", nodes: [
                    .element(named: "summary", nodes: [.text(ctx.t("report.more"))]),
                    Forms.textarea("narrative", label: ctx.t("report.narrative"), value: form.narrative ?? "", error: errors["narrative"],
                                   hint: ctx.t("report.markdown.hint"), required: false, rows: 8),
                    Forms.textarea("what_happened", label: ctx.t("report.what-happened"), value: form.what_happened ?? "",
                                   error: errors["what_happened"], required: false, rows: 3),
                    Forms.textarea("impact", label: ctx.t("report.impact"), value: form.impact ?? "", error: errors["impact"], required: false, rows: 3),
                    Forms.textarea("what_helped", label: ctx.t("report.what-helped"), value: form.what_helped ?? "",
                                   error: errors["what_helped"], required: false, rows: 3),
                ]),
                .if(found != nil, .input(.type(.hidden), .attr("name", "reviewed"), .attr("value", "true"))),
                .div(.class("buttons"),
                    .button(.type(.submit), .attr("name", "step"), .attr("value", "review"), .class("secondary"), .text(ctx.t("report.review"))),
                    .if(found != nil || (form.paste ?? "").isEmpty,
                        .button(.type(.submit), .attr("name", "step"), .attr("value", "publish"), .text(ctx.t("report.publish"))))
                )
            ),
        ])
    }

    /// The extracted indicators, ticked unless something about them needs a second look.
    static func reviewTable(_ ctx: PageContext, _ found: [IndicatorExtractor.Found], chosen: Set<String>?, error: String?) -> Node<HTML.FormContext> {
        .element(named: "fieldset", nodes: [.attr("id", "review"),
            .element(named: "legend", nodes: [.text(ctx.t("report.review.heading", ["count": String(found.count)]))]),
            .p(.class("hint"), .text(found.isEmpty ? ctx.t("report.review.none") : ctx.t("report.review.hint"))),
            .unwrap(error) { .p(.class("error"), .text($0)) },
            .forEach(Array(found.enumerated())) { n, item in
                let checked = chosen.map { $0.contains(item.indicator.value) } ?? item.notes.allSatisfy { $0 == .hostOfURL }
                return .div(.class(item.notes.contains { $0 != .hostOfURL } ? "field check warned" : "field check"),
                    .input(.type(.checkbox), .attr("id", "indicator-\(n)"), .attr("name", "indicators[]"), .attr("value", item.indicator.value),
                           checked ? .attribute(named: "checked", value: "checked") : .empty),
                    .label(.for("indicator-\(n)"),
                           .code(.text(item.indicator.value)), .text(" — " + ctx.t("indicator.type.\(item.indicator.type.rawValue)")),
                           .forEach(item.notes) { note in .span(.class("note"), .text(" · " + IndicatorMessages.note(note, ctx.localiser))) })
                )
            },
        ])
    }

    static func show(_ ctx: PageContext, _ page: ReportPage, status: HTTPStatus = .ok) -> Response {
        let r = page.row, errors = page.errors
        let tlpKey = r.tlp.pageKey
        return Layout.page(ctx, title: r.title, status: status, content: [
            .p(.a(.href(SiteURL.communityThreats(page.card.slug).path), .text(ctx.t("threats.back-to", ["community": page.card.name])))),
            // Who may see it in words first, the TLP label beside it for those who know it.
            .div(.class("tlp-banner tlp-\(tlpKey)"), .attribute(named: "role", value: "note"),
                 .strong(.text(ctx.t("tlp.\(tlpKey).who"))), .text(" "), tlpBadge(ctx, page.row.tlp), .text(" "), Glossary.link(ctx, "tlp")),
            .dl(.class("facts"),
                .dt(.text(ctx.t("report.kind"))), .dd(.text(ctx.t("report.kind.\(r.kind.rawValue)"))),
                .dt(.text(ctx.t("report.shared-by"))), .dd(.text(authorLine(ctx, page.row))),
                .dt(.text(ctx.t("report.shared-at"))), .dd(Format.time(r.createdAt)),
                .dt(.text(ctx.t("report.status"))), .dd(.text(ctx.t("report.status.\(page.status.rawValue)"))),
                .if(!page.recipients.isEmpty, .group(.dt(.text(ctx.t("report.recipients"))), .dd(.text(page.recipients.joined(separator: ", "))))),
                .unwrap(page.provenance) { origin in
                    .group(.dt(.text(ctx.t("report.pulled-from"))),
                           .dd(.id("provenance"), .text(ctx.t(origin.pushed ? "report.pushed-by.line" : "report.pulled-from.line",
                                                              ["instance": origin.instance, "collection": origin.collection])),
                               .text(" "), Format.time(origin.pulledAt)))
                }
            ),
            .if(page.canChangeStatus,
                .form(.class("inline"), .method(.post), .action(SiteURL.reportStatus(page.row.id).path),
                      Forms.csrf(ctx),
                      Forms.select("status", label: ctx.t("report.status"), options: ThreatReport.Status.allCases.map { ($0.rawValue, ctx.t("report.status.\($0.rawValue)")) },
                                   selected: page.status.rawValue),
                      .button(.type(.submit), .class("secondary"), .text(ctx.t("report.status.save"))))),
            .if(page.canChangeStatus, Forms.dangerButton(ctx, action: SiteURL.reportWithdraw(page.row.id).path, text: ctx.t("report.withdraw"),
                                                         confirm: "withdraw-report", name: page.row.title)),
            .if(page.canChangeStatus, .p(.a(.href(SiteURL.reportEdit(page.row.id).path), .text(ctx.t("report.edit"))))),
            .if(page.edited, .p(.a(.href(SiteURL.reportHistory(page.row.id).path), .text(ctx.t("report.edited"))))),
            .p(.class("lead"), .text(page.summary)),
            .if(page.canAddAction, page.inActionList ? .p(.id("advisory-action"), .text(ctx.t("report.in-action-list")))
                : Forms.button(ctx, action: SiteURL.reportAction(page.row.id).path, text: ctx.t("report.add-action"))),
            .if(!page.narrative.isEmpty, Markdown.node(page.narrative)),
            .forEach(page.lessons) { key, text in .group(.h2(.text(ctx.t(key))), Markdown.node(text)) },
            .h2(.text(ctx.t("report.indicators"))),
            Table.render(caption: ctx.t("report.indicators.caption"),
                         headers: [ctx.t("indicator.value"), ctx.t("indicator.type"), ctx.t("indicator.confidence"),
                                   ctx.t("indicator.seen-in"), ctx.t("indicator.sightings"), ""],
                         rows: page.indicators.map { s in
                            let id = s.id
                            return [
                                .a(.href(SiteURL.indicator(id).path), .code(.text(s.value.value))),
                                .text(ctx.t("indicator.type.\(s.value.type.rawValue)")),
                                .text(s.retracted ? ctx.t("indicator.retracted") : (page.warnings[id].map { ctx.t("indicator.warned", ["reason": $0]) }
                                      ?? String(s.confidence))),
                                .text(ctx.t("indicator.seen-in.value", ["reports": String(s.reportIDs.count), "firms": String(s.reportingFirms.count)])),
                                .text(String(s.sightings)),
                                .if(page.canSight && !s.retracted,
                                    Forms.button(ctx, action: SiteURL.indicatorSightings(id).path, text: ctx.t("sighting.add"),
                                                 hidden: [("community", page.card.id.uuidString), ("count", "1")])),
                            ]
                         }, empty: ctx.t("report.no-indicators")),
            Glossary.forITPerson(ctx, .p(.a(.href(SiteURL.reportStix(page.row.id).path), .text(ctx.t("report.stix-download"))), .text(" "),
                                         Glossary.link(ctx, "stix"))),
            .h2(.id("comments"), .text(ctx.t("report.comments"))),
            .if(page.comments.isEmpty, .p(.class("empty"), .text(ctx.t("report.no-comments")))),
            .forEach(page.comments) { c in
                .article(.class("comment"), .id("comment-\(c.id)"),
                         .p(.strong(.text(c.author)), .text(" · "), Format.time(c.at),
                            .if(c.edited, .a(.href(SiteURL.reportHistory(page.row.id).path), .text(" · " + ctx.t("report.edited")))),
                            .if(c.canEdit, .a(.href(SiteURL.reportCommentEdit(page.row.id, c.id).path), .text(" · " + ctx.t("report.comment.edit"))))),
                         Markdown.node(c.body))
            },
            .if(page.canComment,
                .form(.method(.post), .action(SiteURL.reportComments(page.row.id).path),
                      Forms.csrf(ctx),
                      Forms.textarea("body", label: ctx.t("report.comment"), value: "", error: errors["body"], rows: 4),
                      Forms.submit(ctx.t("report.comment.send")))),
        ])
    }

    static func importStatusPage(_ ctx: PageContext, _ p: StixImportStatusPage) -> Response {
        Layout.page(ctx, title: ctx.t("stix.import.title", ["community": p.card.name]), content: [
            .p(.a(.href(SiteURL.communityThreats(p.card.slug).path), .text(ctx.t("threats.back")))),
            .div(.id("import-summary"), .attribute(named: "role", value: "status"),
                 p.pending
                    ? .p(.text(ctx.t("stix.import.pending", ["total": String(p.total)])), .text(" "),
                         .a(.href(SiteURL.communityStixImportStatus(p.card.slug, p.id).path), .text(ctx.t("stix.import.refresh"))))
                    : .p(.strong(.text(ctx.t("stix.import.done", ["taken": String(p.taken), "total": String(p.total)]))))),
            .if(!p.failures.isEmpty, .group(.h2(.text(ctx.t("stix.import.not-taken"))),
                .ul(.forEach(p.failures.prefix(500)) { .li(.code(.text($0.id)), .text(" — " + $0.reason)) }),
                .if(p.failures.count > 500, .p(.text(ctx.t("stix.import.more-failures", ["count": String(p.failures.count - 500)])))))),
            .p(.a(.href(SiteURL.communityStixImport(p.card.slug).path), .text(ctx.t("stix.import.another")))),
        ])
    }

    static func importPage(_ ctx: PageContext, _ p: StixImportPage, status: HTTPStatus = .ok) -> Response {
        let card = p.card, summary = p.summary, error = p.error
        return Layout.page(ctx, title: ctx.t("stix.import.title", ["community": card.name]), status: status, content: [
            .p(.a(.href(SiteURL.communityThreats(card.slug).path), .text(ctx.t("threats.back")))),
            .p(.text(ctx.t("stix.import.intro"))),
            .unwrap(error) { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text($0))) },
            .unwrap(summary) { s in .div(.id("import-summary"), .attribute(named: "role", value: "status"),
                .p(.strong(.text(s.text(ctx.localiser)))),
                .if(!s.errors.isEmpty, .group(.h2(.text(ctx.t("stix.import.errors"))),
                    .ul(.forEach(s.errors) { .li(.code(.text($0.id)), .text(" — " + $0.reason)) }))),
                .if(!s.skipped.isEmpty, .group(.h2(.text(ctx.t("stix.import.skipped"))),
                    .ul(.forEach(s.skipped) { .li(.code(.text($0.id)), .text(" — " + $0.reason)) })))
            ) },
            .form(.method(.post), .action(SiteURL.communityStixImport(card.slug).path), .enctype(.multipartData),
                  Forms.csrf(ctx),
                  .div(.class("field"),
                       .label(.for("field-bundle"), .text(ctx.t("stix.import.file"))),
                       .input(.type(.file), .id("field-bundle"), .name("bundle"), .attr("accept", ".json,application/json,application/stix+json"))),
                  Forms.submit(ctx.t("stix.import.submit"))),
        ])
    }
}
