import Foundation
import Plot
import ShieldwallCore
import Vapor

enum TalentView {
    static func page(_ ctx: PageContext, _ p: TalentPage, status: HTTPStatus = .ok) -> Response {
        let slug = p.chapter.slug
        return Layout.page(ctx, title: ctx.t("talent.title", ["chapter": p.chapter.name]), status: status, content: [
            .p(.a(.href(SiteURL.community(slug).path), .text(ctx.t("training.back-community")))),
            Forms.errorSummary(ctx, p.errors),
            .h2(.text(ctx.t("talent.openings"))),
            p.openings.isEmpty ? .p(.text(ctx.t("talent.no-openings"))) : .ul(.class("cards"), .forEach(p.openings) { o in
                .li(.h3(.text(o.title)),
                    .p(.text(ctx.t("talent.kind.\(o.kind.rawValue)") + " — " + o.firm + " — " + ctx.t("talent.closes", ["day": o.closesOn]))),
                    .p(.text(o.description)),
                    .if(!o.link.isEmpty, .p(.a(.href(o.link), .attribute(named: "rel", value: "noopener noreferrer"), .text(ctx.t("talent.apply"))))),
                    .if(o.canClose, Forms.button(ctx, action: SiteURL.communityTalentOpeningClose(slug, o.id).path, text: ctx.t("talent.close"))))
            }),
            .if(p.seesPool, .group(
                .h2(.text(ctx.t("talent.pool"))),
                .p(.class("hint"), .text(ctx.t("talent.pool-hint"))),
                p.profiles.isEmpty ? .p(.text(ctx.t("talent.no-profiles"))) : .ul(.class("cards"), .forEach(p.profiles) { pr in
                    .li(.h3(.text(pr.name + " — " + pr.headline)),
                        .p(.strong(.text(ctx.t("talent.skills") + ": ")), .text(pr.skills)),
                        .if(!pr.interests.isEmpty, .p(.strong(.text(ctx.t("talent.interests") + ": ")), .text(pr.interests))),
                        .p(.strong(.text(ctx.t("talent.availability") + ": ")), .text(pr.availability)),
                        .ul(.forEach(pr.links) { .li(.a(.href($0), .attribute(named: "rel", value: "nofollow noopener noreferrer"), .text($0))) }))
                }))),
            .if(p.canPost, .group(
                .h2(.id("post"), .text(ctx.t("talent.post"))),
                MentoringView.folded(ctx.t("talent.post-summary"), open: p.errors["title"] != nil || p.errors["closesOn"] != nil || p.errors["link"] != nil,
                    .form(.method(.post), .action(SiteURL.communityTalentOpenings(slug).path), Forms.csrf(ctx),
                          Forms.select("kind", label: ctx.t("talent.kind"), options: JobOpening.Kind.allCases.map { ($0.rawValue, ctx.t("talent.kind.\($0.rawValue)")) },
                                       selected: p.openingForm.kind ?? "internship"),
                          Forms.field("title", label: ctx.t("talent.opening-title"), value: p.openingForm.title ?? "", error: p.errors["title"]),
                          Forms.textarea("description", label: ctx.t("talent.description"), value: p.openingForm.description ?? "", error: p.errors["description"], rows: 4),
                          Forms.field("link", label: ctx.t("talent.link"), type: .url, value: p.openingForm.link ?? "", error: p.errors["link"], required: false),
                          Forms.field("closesOn", label: ctx.t("talent.closes-on"), type: .date, value: p.openingForm.closesOn ?? "", error: p.errors["closesOn"]),
                          MentoringView.secondary(ctx.t("talent.post-button")))))),
            .h2(.id("profile"), .text(ctx.t("talent.my-profile"))),
            .p(.class("hint"), .text(ctx.t("talent.my-profile-hint"))),
            .form(.method(.post), .action(SiteURL.communityTalentProfile(slug).path), Forms.csrf(ctx),
                  Forms.field("headline", label: ctx.t("talent.headline"), value: p.profileForm.headline ?? "", error: p.errors["headline"],
                              hint: ctx.t("talent.headline-hint")),
                  Forms.textarea("skills", label: ctx.t("talent.skills"), value: p.profileForm.skills ?? "", error: p.errors["skills"], rows: 3),
                  Forms.textarea("interests", label: ctx.t("talent.interests"), value: p.profileForm.interests ?? "", error: p.errors["interests"],
                                 required: false, rows: 2),
                  Forms.field("availability", label: ctx.t("talent.availability"), value: p.profileForm.availability ?? "", error: p.errors["availability"],
                              hint: ctx.t("talent.availability-hint")),
                  Forms.textarea("links", label: ctx.t("talent.links"), value: p.profileForm.links ?? "", error: p.errors["links"],
                                 hint: ctx.t("talent.links-hint"), required: false, rows: 3),
                  Forms.checkbox("published", label: ctx.t("talent.published"), checked: p.profileForm.published != nil),
                  Forms.submit(ctx.t("talent.save"))),
            .if(p.hasProfile, Forms.dangerButton(ctx, action: SiteURL.communityTalentWithdraw(slug).path, text: ctx.t("talent.withdraw"),
                                                 confirm: "withdraw-profile", name: p.profileForm.headline ?? "")),
        ])
    }
}
