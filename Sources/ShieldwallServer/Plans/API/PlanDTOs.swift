import Foundation
import ShieldwallCore
import Vapor

/// What the plan's API answers with.
enum PlanDTOs {
    struct Plan: Content {
        let currentVersion: Int?
        let draftVersion: Int?
        let reviewEveryMonths: Int
        let nextReviewOn: String?
        let versions: [VersionSummary]
        /// The current version's words.
        let content: PlanContent?
    }

    struct VersionSummary: Content {
        let number: Int
        let status: String
        let publishedAt: Date?
        let summary: String
    }

    struct Version: Content {
        let number: Int
        let status: String
        let publishedAt: Date?
        let summary: String
        let content: PlanContent
    }

    struct Diff: Content {
        struct Measure: Content {
            let kind: String
            let section: String
            let measureId: String
            let title: String
        }
        struct Line: Content {
            /// `same`, `removed`, `added`, or `skipped` (`count` unchanged lines left out).
            let kind: String
            let text: String?
            let count: Int?
        }
        let from: Int
        let to: Int
        let measures: [Measure]
        let lines: [Line]
    }

    struct Proposal: Content {
        let id: UUID
        let kind: String
        let status: String
        let baseVersion: Int
        let measure: String?
        let section: String?
        let title: String
        let text: String
        let reason: String
        let author: String
        let createdAt: Date
        let decisionReason: String?
        let decidedAt: Date?
    }

    struct Comment: Content {
        let id: UUID
        let version: Int
        let section: String
        let body: String
        let author: String
        let createdAt: Date
    }

    struct Signature: Content {
        let organisation: String
        let signedVersion: Int?
        /// `current`, `older` or `never`.
        let state: String
    }

    struct Review: Content {
        let heldOn: String
        let version: Int
        let summary: String
    }

    struct FirmMeasure: Content {
        let measureId: String
        let section: String
        let title: String
        /// `adopted`, `adapted`, `not-applicable`, or null while the firm has not said.
        let status: String?
        let note: String
        let actionId: UUID?
    }

    struct FirmPlan: Content {
        let organisation: String
        let version: Int
        let measures: [FirmMeasure]
    }

    static func version(_ v: PlanVersion) throws -> Version {
        Version(number: v.number, status: v.status.rawValue, publishedAt: v.publishedAt, summary: v.summary, content: try v.content())
    }

    static func plan(_ state: PlanState) throws -> Plan {
        Plan(currentVersion: state.current?.number, draftVersion: state.draft?.number, reviewEveryMonths: state.plan.reviewEveryMonths,
             nextReviewOn: state.plan.nextReviewOn,
             versions: state.versions.map { VersionSummary(number: $0.number, status: $0.status.rawValue, publishedAt: $0.publishedAt, summary: $0.summary) },
             content: try state.current?.content())
    }

    static func proposal(_ p: PlanProposal) throws -> Proposal {
        Proposal(id: try p.requireID(), kind: p.kind.rawValue, status: p.status.rawValue, baseVersion: p.baseVersion, measure: p.measureID,
                 section: p.section?.rawValue, title: p.title, text: p.text, reason: p.reason, author: p.$author.value?.displayName ?? "",
                 createdAt: p.createdAt, decisionReason: p.decisionReason, decidedAt: p.decidedAt)
    }

    static func diff(_ page: PlanDiffPage) -> Diff {
        Diff(from: page.from, to: page.to,
             measures: page.changes.map { .init(kind: $0.kind.rawValue, section: $0.section.rawValue, measureId: $0.measureID, title: $0.title) },
             lines: page.lines.map { piece in
                switch piece {
                case .same(let t): .init(kind: "same", text: t, count: nil)
                case .removed(let t): .init(kind: "removed", text: t, count: nil)
                case .added(let t): .init(kind: "added", text: t, count: nil)
                case .skipped(let n): .init(kind: "skipped", text: nil, count: n)
                }
             })
    }

    static func state(_ s: PlanSignOff.State) -> (String, Int?) {
        switch s {
        case .current: ("current", nil)
        case .older(let v): ("older", v)
        case .never: ("never", nil)
        }
    }
}
