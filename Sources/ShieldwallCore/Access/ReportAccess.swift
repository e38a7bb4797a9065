import Foundation

/// Who may see a shared threat report, and its author (DESIGN.md §3, the TLP table). The server turns
/// exactly these rules into one query scope; the access-matrix test checks that both agree.
public struct ReportFacts: Sendable, Equatable {
    public var tlp: TLP
    public var communityID: UUID
    public var authorID: UUID
    public var authorOrganisationID: UUID?
    public var anonymous: Bool
    /// For TLP:RED: the people the author named.
    public var recipients: Set<UUID>

    public init(tlp: TLP, communityID: UUID, authorID: UUID, authorOrganisationID: UUID?, anonymous: Bool, recipients: Set<UUID> = []) {
        self.tlp = tlp
        self.communityID = communityID
        self.authorID = authorID
        self.authorOrganisationID = authorOrganisationID
        self.anonymous = anonymous
        self.recipients = recipients
    }
}

/// What the server knows about the person looking.
public struct ReportViewer: Sendable, Equatable {
    public var personID: UUID?
    public var organisationID: UUID?
    /// Communities whose content this person may see (active, charter accepted): `CommunityAccess.canSeeContent`.
    public var contentCommunities: Set<UUID>
    /// Another instance reading over TAXII (`FederationAccess`): `personID` is its reading account, and
    /// `contentCommunities` the communities whose facilitators let it read their TLP:AMBER.
    public var peerInstance: Bool

    public init(personID: UUID?, organisationID: UUID?, contentCommunities: Set<UUID>, peerInstance: Bool = false) {
        self.personID = personID
        self.organisationID = organisationID
        self.contentCommunities = contentCommunities
        self.peerInstance = peerInstance
    }

    public static let signedOut = ReportViewer(personID: nil, organisationID: nil, contentCommunities: [])

    /// A member of any community on this instance (the TLP:GREEN audience).
    public var isCommunityMember: Bool { !contentCommunities.isEmpty }
}

public enum ReportAccess {
    public static func canSee(_ report: ReportFacts, _ viewer: ReportViewer) -> Bool {
        guard let person = viewer.personID else { return false }
        if viewer.peerInstance {
            switch report.tlp {
            case .clear, .green: return true
            case .amber: return viewer.contentCommunities.contains(report.communityID)
            case .amberStrict, .red: return false
            }
        }
        if person == report.authorID { return true }
        switch report.tlp {
        case .clear: return true
        case .green: return viewer.isCommunityMember
        case .amber, .amberStrict: return viewer.contentCommunities.contains(report.communityID)
        case .red: return report.recipients.contains(person) && viewer.contentCommunities.contains(report.communityID)
        }
    }

    /// An anonymous report names its author and firm only to that firm (and the author).
    public static func canSeeAuthor(_ report: ReportFacts, _ viewer: ReportViewer) -> Bool {
        guard canSee(report, viewer) else { return false }
        guard report.anonymous else { return true }
        if viewer.personID == report.authorID { return true }
        guard let mine = viewer.organisationID else { return false }
        return mine == report.authorOrganisationID
    }

    /// Feeds and exports a holder's token may carry (TLP table, third column). RED is never redistributed.
    public enum Channel: Sendable, CaseIterable {
        /// A member's own feed token or export (blocklist, TAXII collection of their community, lookup).
        case holdersOwnFeed
        /// Anything that leaves the instance to be shared on (`stix export`, the GREEN and CLEAR collections).
        case beyondInstance
        /// Another instance's reading account (`FederationAccess`): AMBER only from communities that agreed.
        case peerInstance
    }

    public static func mayCarry(_ tlp: TLP, on channel: Channel) -> Bool {
        switch channel {
        case .holdersOwnFeed: tlp != .red
        case .beyondInstance: tlp <= .amber
        case .peerInstance: tlp <= .amber
        }
    }
}
