import Foundation
import Plot
import ShieldwallCore
import Vapor

enum FederationView {
    static func page(_ ctx: PageContext, _ p: FederationPage, status: HTTPStatus = .ok) -> Response {
        let form = p.form, errors = p.errors
        return Layout.page(ctx, title: ctx.t("federation.title"), status: status, content: [
            .p(.a(.href(SiteURL.operatorHome.path), .text(ctx.t("federation.back")))),
            .p(.text(ctx.t("federation.intro"))),
            .h2(.id("peers"), .text(ctx.t("federation.peers"))),
            Table.render(caption: ctx.t("federation.peers"),
                         headers: [ctx.t("field.name"), ctx.t("federation.into"), ctx.t("federation.highest-tlp"), ctx.t("federation.health"),
                                   ctx.t("federation.next-pull"), ctx.t("federation.actions")],
                         rows: p.peers.map { peer in [
                            .group(.strong(.text(peer.name)), .br(), .small(.code(.text(peer.apiRoot))), .br(),
                                   .small(.text(peer.collections.isEmpty ? ctx.t("federation.collections-all")
                                                 : ctx.t("federation.collections-list", ["list": peer.collections.joined(separator: ", ")])))),
                            .a(.href(SiteURL.communityFederation(peer.communitySlug).path), .text(peer.community)),
                            .group(.text(peer.highest.label), .br(), .small(.text(amberText(ctx, peer)))),
                            health(ctx, peer),
                            peer.paused ? .text(ctx.t("federation.paused")) : Format.time(peer.nextPull),
                            .group(
                                Forms.button(ctx, action: SiteURL.operatorPeerPull(peer.id).path, text: ctx.t("federation.pull-now")),
                                Forms.button(ctx, action: SiteURL.operatorPeerPause(peer.id).path,
                                             text: ctx.t(peer.paused ? "federation.resume" : "federation.pause"),
                                             hidden: [("paused", peer.paused ? "false" : "true")]),
                                Forms.dangerButton(ctx, action: SiteURL.operatorPeerRemove(peer.id).path, text: ctx.t("federation.remove"),
                                                   confirm: "remove-peer", name: peer.name)),
                         ] }, empty: ctx.t("federation.no-peers")),
            .h2(.id("add-peer"), .text(ctx.t("federation.add-peer"))),
            Forms.errorSummary(ctx, errors),
            .form(.method(.post), .action(SiteURL.operatorFederation.path),
                  Forms.csrf(ctx),
                  Forms.field("name", label: ctx.t("federation.peer-name"), value: form.name ?? "", error: errors["name"],
                              hint: ctx.t("federation.peer-name-hint")),
                  Forms.field("api_root", label: ctx.t("federation.api-root"), type: .url, value: form.api_root ?? "", error: errors["api_root"],
                              hint: ctx.t("federation.api-root-hint")),
                  Forms.field("collections", label: ctx.t("federation.collections"), value: form.collections ?? "", error: errors["collections"],
                              hint: ctx.t("federation.collections-hint"), required: false),
                  Forms.field("username", label: ctx.t("federation.username"), value: form.username ?? "", error: errors["username"],
                              hint: ctx.t("federation.username-hint"), autocomplete: "off", required: false),
                  Forms.field("secret", label: ctx.t("federation.secret"), type: .password, error: errors["secret"],
                              hint: ctx.t(p.canSeal ? "federation.secret-hint" : "federation.secret-no-key"), autocomplete: "new-password",
                              required: false),
                  Forms.select("community", label: ctx.t("federation.into-community"), options: p.communities.map { ($0.slug, $0.name) },
                               selected: form.community ?? "", error: errors["community"]),
                  Forms.select("highest_tlp", label: ctx.t("federation.highest-tlp"),
                               options: FederationAccess.askable.map { ($0.rawValue, $0.label) }, selected: form.highest_tlp ?? TLP.green.rawValue,
                               error: errors["highest_tlp"]),
                  .p(.class("hint"), .text(ctx.t("federation.amber-hint"))),
                  Forms.field("interval_minutes", label: ctx.t("federation.interval"), type: .number, value: form.interval_minutes ?? "60",
                              error: errors["interval_minutes"]),
                  Forms.checkbox("reshare", label: ctx.t("federation.reshare"), checked: form.reshare ?? false),
                  Forms.submit(ctx.t("federation.add"))),
            .h2(.id("accounts"), .text(ctx.t("federation.accounts"))),
            .p(.text(ctx.t("federation.accounts-intro"))),
            .p(.code(.text(p.discoveryURL))),
            .unwrap(p.created) { created in
                .div(.class("secret-once"), .attribute(named: "role", value: "status"),
                     .p(.strong(.text(ctx.t("federation.account-created", ["name": created.account.name])))),
                     .p(.code(.id("new-key"), .text(created.token))),
                     .p(.text(ctx.t("integrations.shown-once"))))
            },
            Table.render(caption: ctx.t("federation.accounts"),
                         headers: [ctx.t("field.name"), ctx.t("tokens.prefix"), ctx.t("federation.amber-from"), ctx.t("federation.pushing"),
                                   ctx.t("tokens.created-at"), ctx.t("tokens.last-used"), ctx.t("tokens.status")],
                         rows: p.accounts.map { a in [
                            .text(a.name), .code(.text(a.prefix + "…")),
                            .text(a.amberCommunities.isEmpty ? ctx.t("federation.amber-none") : a.amberCommunities.joined(separator: ", ")),
                            pushing(ctx, a, communities: p.communities),
                            Format.time(a.createdAt), Format.time(a.lastUsedAt),
                            a.revokedAt == nil
                                ? Forms.dangerButton(ctx, action: SiteURL.operatorPeerAccountRevoke(a.id).path, text: ctx.t("tokens.revoke"),
                                                     confirm: "revoke-peer-account", name: a.name)
                                : .text(ctx.t("tokens.revoked")),
                         ] }, empty: ctx.t("federation.no-accounts")),
            Forms.errorSummary(ctx, p.accountErrors),
            .form(.method(.post), .action(SiteURL.operatorPeerAccounts.path),
                  Forms.csrf(ctx),
                  Forms.field("name", label: ctx.t("federation.account-name"), error: p.accountErrors["name"], hint: ctx.t("federation.account-name-hint"),
                              id: "field-account-name"),
                  Forms.submit(ctx.t("federation.create-account"))),
        ])
    }

    /// Where the account may push and how it went, with the operator's form to change it.
    static func pushing(_ ctx: PageContext, _ a: FederationPage.Account, communities: [(slug: String, name: String)]) -> Node<HTML.BodyContext> {
        let state: Node<HTML.BodyContext> = .p(.text(a.push.map { ctx.t("federation.pushes-into", ["community": $0.name, "tlp": $0.highest.label]) }
                                                    ?? ctx.t("federation.read-only")),
                                               .unwrap(a.lastPushAt) { at in
                                                   .group(.br(), .small(.text(ctx.t("federation.pushed-figures", ["n": String(a.objectsPushed)])),
                                                                        .text(" "), Format.time(at)))
                                               })
        guard a.revokedAt == nil else { return state }
        let key = a.id.uuidString.lowercased()
        return .group(state, .details(.summary(.text(ctx.t("federation.change-pushing"))),
            .form(.method(.post), .action(SiteURL.operatorPeerAccountPush(a.id).path),
                  Forms.csrf(ctx),
                  Forms.select("push_community", label: ctx.t("federation.push-into"),
                               options: [("", ctx.t("federation.may-not-push"))] + communities.map { ($0.slug, $0.name) },
                               selected: a.push?.slug ?? "", id: "push-community-\(key)"),
                  Forms.select("push_highest_tlp", label: ctx.t("federation.push-highest"),
                               options: FederationAccess.askable.map { ($0.rawValue, $0.label) }, selected: (a.push?.highest ?? .green).rawValue,
                               id: "push-highest-\(key)"),
                  .p(.class("hint"), .text(ctx.t("federation.push-hint"))),
                  Forms.submit(ctx.t("federation.save-pushing")))))
    }

    static func amberText(_ ctx: PageContext, _ peer: FederationPage.Peer) -> String {
        guard peer.highest == .amber else { return ctx.t(peer.reshare ? "federation.reshared" : "federation.not-reshared") }
        if let who = peer.amberAgreedBy { return ctx.t("federation.amber-agreed", ["name": who]) }
        return ctx.t("federation.amber-waits", ["community": peer.community])
    }

    static func health(_ ctx: PageContext, _ peer: FederationPage.Peer) -> Node<HTML.BodyContext> {
        let pulled: Node<HTML.BodyContext> = .unwrap(peer.lastSuccess) { at in
            .group(.text(ctx.t("federation.last-pull")), .text(" "), Format.time(at), .text(" · "),
                   .text(ctx.t("federation.pulled-figures", ["objects": String(peer.lastObjects), "withheld": String(peer.lastWithheld),
                                                             "total": String(peer.objects)])))
        }
        let problem: Node<HTML.BodyContext> = .unwrap(peer.problem) { problem in
            .p(.class(peer.failures > 0 ? "error" : "hint"),
               .text((peer.failures > 0 ? ctx.t("federation.failing", ["n": String(peer.failures)]) + " " : "") + ctx.t(problem.key, problem.values)))
        }
        if peer.lastAttempt == nil { return .text(ctx.t("federation.never-pulled")) }
        return .group(pulled, problem)
    }

    static func community(_ ctx: PageContext, _ p: CommunityFederationPage) -> Response {
        Layout.page(ctx, title: ctx.t("federation.community-title", ["name": p.name]), content: [
            .p(.a(.href(SiteURL.community(p.slug).path), .text(ctx.t("community.back")))),
            .p(.text(ctx.t("federation.community-intro"))),
            .h2(.text(ctx.t("federation.incoming"))),
            Table.render(caption: ctx.t("federation.incoming"),
                         headers: [ctx.t("field.name"), ctx.t("federation.highest-tlp"), ctx.t("federation.agreement"), ctx.t("federation.actions")],
                         rows: p.incoming.map { peer in [
                            .group(.text(peer.name), .br(), .small(.code(.text(peer.apiRoot)))),
                            .text(peer.highest.label),
                            agreement(ctx, peer.highest == .amber, peer.agreedBy, peer.agreedAt),
                            peer.highest == .amber
                                ? Forms.button(ctx, action: SiteURL.communityPeerAmber(p.slug, peer.id).path,
                                               text: ctx.t(peer.agreedAt == nil ? "federation.take-amber" : "federation.stop-amber"),
                                               hidden: [("agree", peer.agreedAt == nil ? "true" : "false")], danger: peer.agreedAt != nil)
                                : .empty,
                         ] }, empty: ctx.t("federation.no-incoming")),
            .h2(.text(ctx.t("federation.outgoing"))),
            .p(.text(ctx.t("federation.outgoing-intro"))),
            Table.render(caption: ctx.t("federation.outgoing"),
                         headers: [ctx.t("field.name"), ctx.t("federation.pushing"), ctx.t("federation.agreement"), ctx.t("federation.actions")],
                         rows: p.outgoing.map { account in [
                            .text(account.name),
                            .text(account.pushes.map { ctx.t("federation.pushes-here", ["tlp": $0.label]) } ?? ctx.t("federation.read-only")),
                            agreement(ctx, true, account.agreedBy, account.agreedAt),
                            Forms.button(ctx, action: SiteURL.communityAccountAmber(p.slug, account.id).path,
                                         text: ctx.t(account.agreedAt == nil ? "federation.share-amber" : "federation.stop-sharing-amber"),
                                         hidden: [("agree", account.agreedAt == nil ? "true" : "false")], danger: account.agreedAt != nil),
                         ] }, empty: ctx.t("federation.no-outgoing")),
        ])
    }

    static func agreement(_ ctx: PageContext, _ asked: Bool, _ who: String?, _ at: Date?) -> Node<HTML.BodyContext> {
        guard asked else { return .text(ctx.t("federation.amber-not-asked")) }
        guard let at else { return .text(ctx.t("federation.not-agreed")) }
        return .group(.text(ctx.t("federation.agreed-by", ["name": who ?? "—"])), .text(" "), Format.time(at))
    }
}
