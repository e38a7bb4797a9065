import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// Sharing a report: checks every field, then writes the report, its recipients and its indicators in
/// one transaction — all of it or nothing.
enum ReportActions {
    struct Input: Sendable {
        var kind: String?
        var title: String?
        var summary: String?
        var narrative: String?
        var whatHappened: String?
        var impact: String?
        var whatHelped: String?
        var tlp: String?
        var anonymous: Bool = false
        var status: String?
        var recipients: [UUID] = []
        /// Values as the author reviewed them (normalised again here; nothing is trusted).
        var indicators: [String] = []
        var stixID: String?
    }

    static let maxIndicators = 5_000
    static let maxNarrative = 50_000

    struct Checked: Sendable {
        let kind: ThreatReport.Kind, title: String, summary: String, narrative: String
        let whatHappened: String, impact: String, whatHelped: String
        let tlp: TLP, status: ThreatReport.Status, recipients: [UUID], indicators: [IndicatorValue]
    }

    /// The words of a report, as shared or edited.
    struct Words: Sendable, Equatable {
        let title: String, summary: String, narrative: String, whatHappened: String, impact: String, whatHelped: String
    }

    static func checkWords(_ input: Input, _ problems: inout ProblemList) -> Words {
        func optional(_ field: String, _ value: String?, _ max: Int) -> String {
            let text = (value ?? "").trimmingWhitespace()
            if text.count > max { problems.add(field, "error.too-long", ["max": String(max)]) }
            return text
        }
        return Words(title: problems.text("title", input.title, maxLength: 200), summary: problems.text("summary", input.summary, maxLength: 2_000),
                     narrative: optional("narrative", input.narrative, maxNarrative), whatHappened: optional("what_happened", input.whatHappened, 10_000),
                     impact: optional("impact", input.impact, 10_000), whatHelped: optional("what_helped", input.whatHelped, 10_000))
    }

    static func check(_ input: Input, participants: Set<UUID>, author: UUID) throws -> Checked {
        var problems = ProblemList()
        let kind = ThreatReport.Kind(rawValue: input.kind ?? "")
        if kind == nil { problems.add("kind", "error.choose-one") }
        let words = checkWords(input, &problems)
        let tlp = (input.tlp ?? "").isEmpty ? TLP.amber : TLP(label: input.tlp ?? "")
        if tlp == nil { problems.add("tlp", "error.choose-one") }
        let status = (input.status ?? "").isEmpty ? ThreatReport.Status.open : ThreatReport.Status(rawValue: input.status ?? "")
        if status == nil { problems.add("status", "error.choose-one") }
        let recipients = Array(Set(input.recipients)).filter { $0 != author }
        if tlp == .red {
            if recipients.isEmpty { problems.add("recipients", "error.red-needs-recipients") }
            if recipients.contains(where: { !participants.contains($0) }) { problems.add("recipients", "error.recipient-not-member") }
        }
        var indicators: [IndicatorValue] = [], seen = Set<IndicatorValue>()
        if input.indicators.count > maxIndicators {
            problems.add("indicators", "error.too-many-indicators", ["max": String(maxIndicators)])
        } else {
            for (n, raw) in input.indicators.enumerated() {
                switch IndicatorValue.normalise(raw) {
                case .success(let value): if seen.insert(value).inserted { indicators.append(value) }
                case .failure(let problem):
                    problems.add("indicators", IndicatorMessages.key(problem), ["n": String(n + 1), "value": String(raw.prefix(80))])
                }
            }
        }
        try problems.throwIfAny()
        guard let kind, let tlp, let status else { throw ValidationFailure(field: "kind", key: "error.choose-one") }
        return Checked(kind: kind, title: words.title, summary: words.summary, narrative: words.narrative, whatHappened: words.whatHappened,
                       impact: words.impact, whatHelped: words.whatHelped, tlp: tlp, status: status, recipients: tlp == .red ? recipients : [], indicators: indicators)
    }

    /// Shares a report into a community; the author must be able to take part there.
    static func publish(_ input: Input, in community: Community, by person: SignedIn, ctx: ActionContext) async throws -> ThreatReport {
        let communityID = try community.requireID()
        let participants = try await CommunityStandings.participantIDs(of: communityID, on: ctx.db)
        let checked = try check(input, participants: participants, author: person.personID)
        let report = ThreatReport()
        report.$community.id = communityID
        report.$author.id = person.personID
        report.$organisation.id = person.organisationID
        report.kind = checked.kind
        report.title = checked.title
        report.summary = checked.summary
        report.narrative = checked.narrative
        report.whatHappened = checked.whatHappened
        report.impact = checked.impact
        report.whatHelped = checked.whatHelped
        report.tlp = checked.tlp
        report.anonymous = input.anonymous
        report.status = checked.status
        report.createdAt = ctx.now
        report.modifiedAt = ctx.now
        report.addedAt = ctx.now
        let id = UUID()
        report.id = id
        report.stixID = input.stixID ?? "report--\(id.uuidString.lowercased())"
        let mail = try await ctx.db.transaction { tx in
            try await report.create(on: tx)
            for recipient in checked.recipients { try await ReportRecipient(reportID: id, personID: recipient).create(on: tx) }
            try await IndicatorLinks.link(checked.indicators, to: id, at: ctx.now, on: tx)
            try await SearchIndex.put(report: report, on: tx)
            try await ThreatDataVersion.bump(on: tx)
            return try await NewReportNotices.published(report, ctx: ctx, on: tx)
        }
        await mail.send(ctx)
        return report
    }
}

/// Catalogue texts for the reasons a value is refused and the notes on extracted values.
enum IndicatorMessages {
    static func note(_ note: IndicatorExtractor.Note, _ localiser: Localiser) -> String {
        switch note {
        case .warningList(let reason): localiser.text("indicator.note.warning-list", ["reason": reason])
        case .looksLikeFileName: localiser.text("indicator.note.file-name")
        case .hostOfURL: localiser.text("indicator.note.host-of-url")
        }
    }

    static func key(_ problem: IndicatorValue.Problem) -> String {
        switch problem {
        case .empty: "indicator.problem.empty"
        case .tooLong: "indicator.problem.too-long"
        case .unrecognised: "indicator.problem.unrecognised"
        case .zoneID: "indicator.problem.zone-id"
        case .invalidPunycode: "indicator.problem.punycode"
        case .unsupportedScheme: "indicator.problem.scheme"
        case .unsupportedHashLength: "indicator.problem.hash-length"
        case .typeMismatch: "indicator.problem.type"
        }
    }
}
