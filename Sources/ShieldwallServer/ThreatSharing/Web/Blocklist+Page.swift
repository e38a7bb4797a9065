import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A community's blocklist as the viewer would download it: the rule, what it holds, what it leaves out and why,
/// the personal feed address (shown once, when made), and for the facilitator the warning list and the rule's setting.
struct BlocklistPage: Sendable {
    struct Warning: Sendable {
        let id: UUID
        let value: String
        let type: IndicatorType
        let reason: String
    }

    let card: CommunityCard
    let result: Blocklist.Result
    let rule: BlocklistRule
    let feedURL: String?
    let hasToken: Bool
    let warnings: [Warning]
    let canFacilitate: Bool
    let errors: [String: String]

    static func build(_ community: Community, viewer person: SignedIn, standing: CommunityStanding, scope: ReportScope, feedURL: String? = nil,
                      errors: [String: String] = [:], app: Application, on db: any Database, now: Date) async throws -> BlocklistPage {
        let subject = try Blocklist.Subject(community)
        let result = try await Blocklist.build(subject, scope: scope, filter: .init(), now: now, app: app, on: db)
        let hasToken = try await FeedToken.query(on: db).filter(\.$purpose == .blocklist).filter(\.$communityID == subject.communityID)
            .filter(\.$person.$id == person.personID).first() != nil
        let warnings = try await CommunityWarning.query(on: db).filter(\.$community.$id == subject.communityID).sort(\.$value).all()
            .map { Warning(id: try $0.requireID(), value: $0.value, type: $0.type, reason: $0.reason) }
        return BlocklistPage(card: try CommunityCard(community), result: result, rule: subject.rule, feedURL: feedURL, hasToken: hasToken,
                             warnings: warnings, canFacilitate: CommunityAccess.canFacilitate(standing), errors: errors)
    }
}
