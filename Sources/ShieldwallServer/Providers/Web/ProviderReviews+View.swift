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
            .if(p.answersForProvider, .p(.class("notice"), .id("answers-for-provider"), .text(ctx.t("providers.answer.you-answer")))),
            .if(!p.canReview, Forms.errorSummary(ctx, p.errors)),  // an answer's or a report's problems; the review form has its own
            .forEach(p.reviews) { review(ctx, $0, p) },
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

    static func review(_ ctx: PageContext, _ r: ProviderPage.Review, _ p: ProviderPage) -> Node<HTML.BodyContext> {
        let author: String = switch r.author {
        case .firm(let name): name
        case .memberFirm: ctx.t("providers.review.member-firm")
        }
        let ratings = ProviderReviews.Rating.allCases.compactMap { rating in
            r.ratings[rating].map { ctx.t("providers.rating.\(rating.rawValue)") + " \($0)/5" }
        }.joined(separator: " · ")
        return .article(.class("review"), .id("review-\(r.id.uuidString.lowercased())"),
            .unwrap(r.hiddenReason) { .p(.class("notice"), .text(ctx.t("providers.review.hidden", ["reason": $0]))) },
            .p(.strong(.text(author)), .text(" — "), Format.time(r.updatedAt),
               .if(r.edited, .text(" " + ctx.t("providers.review.edited"))),
               .if(r.own, .span(.class("badge"), .text(ctx.t(r.anonymous ? "providers.review.own-anonymous" : "providers.review.own"))))),
            .p(.text(ratings)),
            .if(!r.text.isEmpty, .p(.text(r.text))),
            .ul(.class("practice"), .forEach(ProviderReviews.PracticeQuestion.allCases.filter { r.practice[$0] != nil && r.practice[$0] != .unknown }) { q in
                .li(.text(ctx.t("providers.practice.\(q.rawValue)") + " " + ctx.t("providers.answer.\(r.practice[q]?.rawValue ?? "unknown")")))
            }),
            .unwrap(r.answer) { answer in
                .div(.class("answer"),
                     .p(.strong(.text(ctx.t("providers.answer.from", ["provider": p.card.name]))), .text(" — "), Format.time(answer.at)),
                     .p(.text(answer.text)))
            },
            .if(p.answersForProvider, answerForm(ctx, r)),
            .if(!r.own && !p.answersForProvider && r.hiddenReason == nil, reportForm(ctx, r)))
    }

    static func answerForm(_ ctx: PageContext, _ r: ProviderPage.Review) -> Node<HTML.BodyContext> {
        .form(.method(.post), .action(SiteURL.reviewAnswer(r.id).path), .class("answer-form"),
              Forms.csrf(ctx),
              Forms.textarea("answer", label: ctx.t(r.answer == nil ? "providers.answer.write" : "providers.answer.edit"), value: r.answer?.text ?? "",
                             hint: ctx.t("providers.answer.hint"), rows: 3, id: "answer-\(r.id.uuidString.lowercased())"),
              Forms.submit(ctx.t("providers.answer.send")))
    }

    static func reportForm(_ ctx: PageContext, _ r: ProviderPage.Review) -> Node<HTML.BodyContext> {
        guard !r.reportedByViewer else { return .p(.class("hint"), .text(ctx.t("providers.report.done"))) }
        let reasons = ProviderReviews.ReportReason.allCases.map { ($0.rawValue, ctx.t("providers.report.reason.\($0.rawValue)")) }
        let id = r.id.uuidString.lowercased()
        return .details(.class("report"),
            .summary(.text(ctx.t("providers.report.open"))),
            .form(.method(.post), .action(SiteURL.reviewReport(r.id).path),
                  Forms.csrf(ctx),
                  Forms.select("reason", label: ctx.t("providers.report.reason"), options: reasons, selected: "misleading", id: "reason-\(id)"),
                  Forms.field("note", label: ctx.t("providers.report.note"), hint: ctx.t("providers.report.note-hint"), required: false, id: "note-\(id)"),
                  Forms.submit(ctx.t("providers.report.send"))))
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
