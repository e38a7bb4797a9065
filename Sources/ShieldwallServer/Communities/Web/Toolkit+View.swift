import Foundation
import Plot
import Vapor

enum ToolkitView {
    static func render(_ ctx: PageContext, _ p: ToolkitPage, status: HTTPStatus = .ok) -> Response {
        let step = p.step.number
        let content: [Node<HTML.BodyContext>]
        switch p.step {
        case .purpose(let form): content = purpose(ctx, p.card, form: form, errors: p.errors)
        case .charter(let text): content = charter(ctx, p.card, text: text, errors: p.errors)
        case .invitations(let m, let sent, let above): content = invitations(ctx, m, sent: sent, aboveGuidance: above)
        case .rhythm(let form): content = rhythm(ctx, p.card, form: form, errors: p.errors)
        }
        return Layout.page(ctx, title: ctx.t("toolkit.title", ["community": p.card.name]), status: status, content: [
            .element(named: "progress", nodes: [.attr("max", String(ToolkitPage.steps)), .attr("value", String(step)),
                                                .attr("aria-label", ctx.t("toolkit.progress", ["step": String(step)]))]),
            .p(.strong(.text(ctx.t("toolkit.progress", ["step": String(step)]) + " — " + ctx.t("toolkit.step\(step)")))),
            .group(content),
            .p(.class("hint"), .text(ctx.t("toolkit.later"))),
        ])
    }

    static func purpose(_ ctx: PageContext, _ card: CommunityCard, form: CommunityPurposeForm, errors: [String: String]) -> [Node<HTML.BodyContext>] {
        [
            Forms.errorSummary(ctx, errors),
            .form(.method(.post), .action(SiteURL.communitySetup(card.slug, 1).path),
                Forms.csrf(ctx),
                CommunityView.purposeFields(ctx, form: form, errors: errors),
                Forms.submit(ctx.t("toolkit.next"))),
        ]
    }

    static func charter(_ ctx: PageContext, _ card: CommunityCard, text: String, errors: [String: String]) -> [Node<HTML.BodyContext>] {
        [
            .p(.text(ctx.t("toolkit.charter.intro"))),
            Forms.errorSummary(ctx, errors),
            .form(.method(.post), .action(SiteURL.communitySetup(card.slug, 2).path),
                Forms.csrf(ctx),
                Forms.textarea("charter", label: ctx.t("field.charter"), value: text, error: errors["charter"], rows: 24),
                Forms.submit(ctx.t("toolkit.charter.save"))),
        ]
    }

    static func invitations(_ ctx: PageContext, _ m: CommunityOverviewPage, sent: [(name: String, status: CommunityInvitation.Status)],
                            aboveGuidance: Bool) -> [Node<HTML.BodyContext>] {
        let slug = m.card.slug
        return [
            .p(.text(ctx.t("toolkit.invite.intro", ["orgs": String(m.guidance.organisations), "experts": String(m.guidance.experts)]))),
            .if(aboveGuidance, .p(.class("notice"), .text(ctx.t("community.above-guidance-short",
                                                                ["orgs": String(m.guidance.organisations), "experts": String(m.guidance.experts)])))),
            .form(.method(.post), .action(SiteURL.communityInvitations(slug).path + "?setup=1"),
                Forms.csrf(ctx),
                Forms.select("organisation", label: ctx.t("field.invite-organisation"),
                             options: [("", ctx.t("community.invite.none"))] + m.invitable.map { ($0.id.uuidString, $0.name) }, selected: ""),
                Forms.select("expert", label: ctx.t("field.invite-expert"),
                             options: [("", ctx.t("community.invite.none"))] + m.experts.map { ($0.id.uuidString, $0.name) }, selected: ""),
                Forms.textarea("message", label: ctx.t("field.invite-message"), value: "", required: false),
                Forms.submit(ctx.t("community.invite.submit"))),
            .h2(.text(ctx.t("toolkit.invite.sent"))),
            sent.isEmpty ? .p(.class("empty"), .text(ctx.t("toolkit.invite.none")))
                : .ul(.id("sent-invitations"), .forEach(sent) { .li(.text("\($0.name) — " + ctx.t("community.invitation.\($0.status.rawValue)"))) }),
            .form(.method(.post), .action(SiteURL.communitySetup(slug, 3).path),
                Forms.csrf(ctx),
                Forms.submit(ctx.t("toolkit.next"))),
        ]
    }

    static func rhythm(_ ctx: PageContext, _ card: CommunityCard, form: RhythmForm, errors: [String: String]) -> [Node<HTML.BodyContext>] {
        [
            .p(.text(ctx.t("toolkit.rhythm.intro"))),
            Forms.errorSummary(ctx, errors),
            .form(.method(.post), .action(SiteURL.communitySetup(card.slug, 4).path),
                Forms.csrf(ctx),
                Forms.field("time_zone", label: ctx.t("field.time-zone"), value: form.time_zone ?? "Europe/London", error: errors["time_zone"]),
                Forms.field("months", label: ctx.t("field.rhythm-months"), type: .number, value: form.months ?? "6", error: errors["months"]),
                .fieldset(.element(named: "legend", nodes: [.text(ctx.t("rhythm.webinar.choice"))]),
                    Forms.checkbox("webinar", label: ctx.t("rhythm.webinar.choice"), checked: form.webinar == "true"),
                    Forms.field("webinar_starts", label: ctx.t("field.first-date"), type: .datetimeLocal,
                                value: form.webinar_starts ?? "", error: errors["webinar_starts"], required: false)),
                .fieldset(.element(named: "legend", nodes: [.text(ctx.t("rhythm.in-person.choice"))]),
                    Forms.checkbox("in_person", label: ctx.t("rhythm.in-person.choice"), checked: form.in_person == "true"),
                    Forms.field("in_person_starts", label: ctx.t("field.first-date"), type: .datetimeLocal,
                                value: form.in_person_starts ?? "", error: errors["in_person_starts"], required: false),
                    Forms.field("in_person_location", label: ctx.t("field.location"), value: form.in_person_location ?? "", required: false)),
                .fieldset(.element(named: "legend", nodes: [.text(ctx.t("rhythm.ama.choice"))]),
                    Forms.checkbox("ama", label: ctx.t("rhythm.ama.choice"), checked: form.ama == "true"),
                    Forms.field("ama_starts", label: ctx.t("field.first-date"), type: .datetimeLocal,
                                value: form.ama_starts ?? "", error: errors["ama_starts"], required: false)),
                Forms.submit(ctx.t("toolkit.finish"))),
        ]
    }
}
