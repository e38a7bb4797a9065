import Fluent
import Foundation
import ShieldwallCore

/// The community's plan as a member reads it: one version (the current one unless another is asked for), its
/// comments per section, which firms signed which version, and the reviews held.
struct PlanPage: Sendable {
    struct VersionRow: Sendable {
        let number: Int
        let publishedAt: Date?
        let summary: String
    }

    struct Shown: Sendable {
        let number: Int
        let published: Bool
        let isCurrent: Bool
        let publishedAt: Date?
        let summary: String
        let content: PlanContent
    }

    struct CommentRow: Sendable {
        let author: String
        let at: Date
        let body: String
    }

    struct FirmRow: Sendable {
        let name: String
        let state: PlanSignOff.State
    }

    struct ReviewRow: Sendable {
        let heldOn: String
        let version: Int
        let summary: String
    }

    /// The viewer's own firm, when it takes part.
    struct MyFirm: Sendable {
        let name: String
        let state: PlanSignOff.State
        let canSign: Bool
    }

    let card: CommunityCard
    let canEdit: Bool
    let canContribute: Bool
    let started: Bool
    let shown: Shown?
    let versions: [VersionRow]
    let draftNumber: Int?
    let currentNumber: Int?
    let openProposals: Int
    let nextReviewOn: String?
    let reviewEveryMonths: Int
    let reviews: [ReviewRow]
    let firms: [FirmRow]
    let myFirm: MyFirm?
    let comments: [PlanSectionKind: [CommentRow]]
    /// The KPIs with targets the community agreed, as lines of text.
    var kpis: [String] = []
    var errors: [String: String] = [:]

    static func build(_ community: Community, state: PlanState?, standing: CommunityStanding, viewer person: SignedIn,
                      version wanted: Int?, on db: any Database) async throws -> PlanPage {
        let card = try CommunityCard(community)
        guard let state else {
            return PlanPage(card: card, canEdit: PlanAccess.canEdit(standing), canContribute: PlanAccess.canContribute(standing), started: false,
                            shown: nil, versions: [], draftNumber: nil, currentNumber: nil, openProposals: 0, nextReviewOn: nil,
                            reviewEveryMonths: PlanReviewSchedule.defaultMonths, reviews: [], firms: [], myFirm: nil, comments: [:])
        }
        let planID = try state.plan.requireID()
        let current = state.current
        // A member reads published versions; the draft is read on its own page.
        let version = wanted.flatMap { n in state.published.first { $0.number == n } } ?? current
        let shown = try version.map { v in
            Shown(number: v.number, published: v.isPublished, isCurrent: v.number == current?.number, publishedAt: v.publishedAt,
                  summary: v.summary, content: try v.content())
        }
        var comments: [PlanSectionKind: [CommentRow]] = [:]
        if let shown {
            for c in try await PlanComment.query(on: db).filter(\.$plan.$id == planID).filter(\.$version == shown.number)
                .with(\.$author).sort(\.$createdAt).all() {
                comments[c.section, default: []].append(CommentRow(author: c.author.displayName, at: c.createdAt, body: c.body))
            }
        }
        let signatures = try await PlanScope.signatures(of: state.plan, communityID: card.id, on: db)
        let firms = current.map { cur in signatures.map { FirmRow(name: $0.0.name, state: PlanSignOff.state(signed: $0.1, current: cur.number)) } } ?? []
        var myFirm: MyFirm?
        if let current, let org = person.organisationID, let mine = signatures.first(where: { $0.0.id == org }) {
            let state = PlanSignOff.state(signed: mine.1, current: current.number)
            myFirm = MyFirm(name: mine.0.name, state: state,
                            canSign: state != .current && PlanAccess.canSign(standing, firm: org.uuidString, firmTakesPart: true, viewer: person.viewer))
        }
        let reviews = try await PlanReview.query(on: db).filter(\.$plan.$id == planID).sort(\.$heldOn, .descending).all()
            .map { ReviewRow(heldOn: $0.heldOn, version: $0.version, summary: $0.summary) }
        let open = try await PlanProposal.query(on: db).filter(\.$plan.$id == planID).filter(\.$status == PlanProposal.Status.open).count()
        return PlanPage(card: card, canEdit: PlanAccess.canEdit(standing), canContribute: PlanAccess.canContribute(standing), started: true,
                        shown: shown, versions: state.published.reversed().map { VersionRow(number: $0.number, publishedAt: $0.publishedAt, summary: $0.summary) },
                        draftNumber: state.draft?.number, currentNumber: current?.number, openProposals: open,
                        nextReviewOn: state.plan.nextReviewOn, reviewEveryMonths: state.plan.reviewEveryMonths, reviews: reviews,
                        firms: firms, myFirm: myFirm, comments: comments)
    }
}
