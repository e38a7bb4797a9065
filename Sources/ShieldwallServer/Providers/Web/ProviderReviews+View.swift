import Foundation
import Plot
import ShieldwallCore
import Vapor

/// A provider's scores and reviews, and the firm's own review form, on the provider's page.
enum ProviderReviewsView {
    static func section(_ ctx: PageContext, _ p: ProviderPage) -> Node<HTML.BodyContext> {
        .section(.id("provider-reviews"),
            .h2(.text(ctx.t("providers.reviews.title"))),
            scores(ctx, p.scores),
            .if(p.reviews.isEmpty, .p(.text(ctx.t("providers.reviews.none")))),
            .forEach(p.reviews) { review(ctx, $0) },
            .if(p.canReview, form(ctx, p)))
    }

    static func scores(_ ctx: PageContext, _ s: ProviderReviews.Scores) -> Node<HTML.BodyContext> {
        guard s.isShown else {
            return .p(.class("notice"), .id("provider-scores"),
                      .text(ctx.t("providers.scores.not-enough", ["k": String(s.threshold), "count": String(s.reviewingFirms)])))
        }
        return .div(.id("provider-scores"),
            .p(.text(ctx.t("providers.scores.from", ["count": String(s.reviewingFirms)]))),
            .dl(.class("facts"),
                .forEach(ProviderReviews.Rating.allCases) { rating in
                    .group(.dt(.text(ctx.t("providers.rating.\(rating.rawValue)"))),
                           .dd(.text(s.averages[rating].map { String(format: "%.1f", $0) + " / 5" } ?? "–")))
                },
                .forEach(ProviderReviews.PracticeQuestion.allCases) { question in
                    let figure = s.practice[question]
                    return .group(.dt(.text(ctx.t("providers.practice.\(question.rawValue)"))),
                                  .dd(.text(figure.map { $0.known == 0 ? ctx.t("providers.practice.nobody-knows")
                                        : ctx.t("providers.practice.figure", ["yes": String($0.yes), "known": String($0.known)]) } ?? "–")))
                }))
    }

    static func review(_ ctx: PageContext, _ r: ProviderPage.Review) -> Node<HTML.BodyContext> {
        let author: String = switch r.author {
        case .firm(let name): name
        case .memberFirm: ctx.t("providers.review.member-firm")
        }
        let ratings = ProviderReviews.Rating.allCases.compactMap { rating in
            r.ratings[rating].map { ctx.t("providers.rating.\(rating.rawValue)") + " \($0)/5" }
        }.joined(separator: " · ")
        return .article(.class("review"),
            .p(.strong(.text(author)), .text(" — "), Format.time(r.updatedAt),
               .if(r.edited, .text(" " + ctx.t("providers.review.edited"))),
               .if(r.own, .span(.class("badge"), .text(ctx.t(r.anonymous ? "providers.review.own-anonymous" : "providers.review.own"))))),
            .p(.text(ratings)),
            .if(!r.text.isEmpty, .p(.text(r.text))),
            .ul(.class("practice"), .forEach(ProviderReviews.PracticeQuestion.allCases.filter { r.practice[$0] != nil && r.practice[$0] != .unknown }) { q in
                .li(.text(ctx.t("providers.practice.\(q.rawValue)") + " " + ctx.t("providers.answer.\(r.practice[q]?.rawValue ?? "unknown")")))
            }))
    }

    static func form(_ ctx: PageContext, _ p: ProviderPage) -> Node<HTML.BodyContext> {
        let f = p.form
        let stars = ProviderReviews.ratingRange.map { (String($0), ctx.t("providers.rating.value.\($0)")) }
        let answers = ProviderReviews.Answer.allCases.map { ($0.rawValue, ctx.t("providers.answer.\($0.rawValue)")) }
        return .section(.id("review-form"),
            .h3(.text(ctx.t(p.hasOwnReview ? "providers.review.edit" : "providers.review.write"))),
            Forms.errorSummary(ctx, p.errors),
            .form(.method(.post), .action(SiteURL.providerReview(p.card.id).path),
                Forms.csrf(ctx),
                .if(!p.hasOwnReview, .group(
                    .if(p.errors["uses_provider"] != nil, .p(.class("error"), .text(p.errors["uses_provider"] ?? ""))),
                    Forms.checkbox("uses_provider", label: ctx.t("providers.review.uses"), checked: f.uses_provider ?? false))),
                .if(p.hasOwnReview, .input(.type(.hidden), .name("uses_provider"), .value("true"))),
                .forEach(ProviderReviews.Rating.allCases) { rating in
                    Forms.radios("ratings[\(rating.rawValue)]", legend: ctx.t("providers.rating.\(rating.rawValue)"),
                                 hint: ctx.t("providers.rating.\(rating.rawValue).hint"), options: stars,
                                 selected: f.ratings?[rating.rawValue], error: p.errors["ratings.\(rating.rawValue)"])
                },
                .forEach(ProviderReviews.PracticeQuestion.allCases) { question in
                    Forms.radios("practice[\(question.rawValue)]", legend: ctx.t("providers.practice.\(question.rawValue)"), options: answers,
                                 selected: f.practice?[question.rawValue] ?? "unknown", error: p.errors["practice.\(question.rawValue)"])
                },
                Forms.textarea("text", label: ctx.t("providers.review.text"), value: f.text ?? "", error: p.errors["text"],
                               hint: ctx.t("providers.review.text-hint"), required: false, rows: 4),
                Forms.checkbox("anonymous", label: ctx.t("providers.review.anonymous"), checked: f.anonymous ?? false),
                Forms.submit(ctx.t(p.hasOwnReview ? "providers.review.save" : "providers.review.send"))))
    }
}
