import Foundation
import Plot
import ShieldwallCore
import Vapor

enum OperatorCommunityView {
    static func list(_ ctx: PageContext, _ p: OperatorCommunitiesPage) -> Response {
        let pending = p.pending, others = p.others
        return Layout.page(ctx, title: ctx.t("operator.communities.title"), content: [
            .p(.class("hint"), .text(ctx.t("operator.communities.intro"))),
            .h2(.text(ctx.t("operator.communities.pending"))),
            pending.isEmpty ? .p(.class("empty"), .text(ctx.t("operator.communities.no-pending")))
                : .ul(.forEach(pending) { row in
                    .li(.strong(.text(row.card.name)), .text(" — " + ctx.t("community.kind.\(row.card.kind.rawValue)") + " — "
                        + ctx.t("operator.communities.requested-by", ["name": row.requestedBy])),
                        .p(.text(row.card.description)),
                        Forms.button(ctx, action: SiteURL.operatorCommunityDecision(row.card.slug).path, text: ctx.t("community.approve"),
                                     hidden: [("decision", "approve")]),
                        Forms.button(ctx, action: SiteURL.operatorCommunityDecision(row.card.slug).path, text: ctx.t("community.decline"),
                                     hidden: [("decision", "decline")]))
                }),
            .h2(.text(ctx.t("operator.communities.all"))),
            Table.render(caption: ctx.t("operator.communities.all"),
                         headers: [ctx.t("field.name"), ctx.t("operator.communities.status"), ctx.t("health.firms"), ctx.t("health.experts"),
                                   ctx.t("health.active-people"), ctx.t("health.events-held"), ctx.t("operator.communities.manage")],
                         rows: others.map { row in [
                            .a(.href(SiteURL.communityHealth(row.card.slug).path), .text(row.card.name)),
                            .text(ctx.t("community.status.\(row.card.status.rawValue)")),
                            .text(row.figures.map { String($0.activeOrganisations) } ?? "—"),
                            .text(row.figures.map { String($0.activeExperts) } ?? "—"),
                            .text(row.figures.map { String($0.activePeopleLast30Days) } ?? "—"),
                            .text(row.figures.map { String($0.eventsHeld) } ?? "—"),
                            row.card.status == .archived ? .text(ctx.t("community.status.archived")) : manage(ctx, row),
                         ] },
                         empty: ctx.t("operator.communities.none")),
        ])
    }

    static func manage(_ ctx: PageContext, _ row: OperatorCommunitiesPage.Row) -> Node<HTML.BodyContext> {
        let slug = row.card.slug
        return .group(
            .form(.class("inline"), .method(.post), .action(SiteURL.operatorCommunityHandOver(slug).path),
                  Forms.csrf(ctx),
                  .label(.for("handover-\(slug)"), .text(ctx.t("operator.communities.hand-over"))),
                  .element(named: "select", nodes: [.attr("id", "handover-\(slug)"), .attr("name", "person")] + row.candidates.map { c in
                      .element(named: "option", nodes: [.attr("value", c.id.uuidString), .text(c.name)])
                  }),
                  .button(.type(.submit), .class("secondary"), .text(ctx.t("operator.communities.hand-over-submit")))),
            .form(.class("inline"), .method(.post), .action(SiteURL.operatorCommunityCap(slug).path),
                  Forms.csrf(ctx),
                  .label(.for("cap-\(slug)"), .text(ctx.t("operator.communities.cap"))),
                  .input(.type(.number), .attr("id", "cap-\(slug)"), .attr("name", "hard_cap"), .attr("value", row.hardCap.map(String.init) ?? "")),
                  .button(.type(.submit), .class("secondary"), .text(ctx.t("operator.settings.save")))),
            Forms.dangerButton(ctx, action: SiteURL.operatorCommunityArchive(slug).path, text: ctx.t("operator.communities.archive"),
                               confirm: "archive-community", name: row.card.name)
        )
    }
}
