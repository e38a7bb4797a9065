import Fluent
import Foundation
import ShieldwallCore

/// Where reports that came from another instance came from: a peer this instance pulls (`ReportOrigin`), or a
/// reading account that pushed them (`ReportPush`).
enum FederatedSource: Sendable {
    case pulled(FederationPeer)
    case pushed(PeerAccount, pushCommunity: UUID, allowedBy: UUID)

    var name: String {
        switch self {
        case .pulled(let peer): peer.name
        case .pushed(let account, _, _): account.name
        }
    }

    var communityID: UUID {
        switch self {
        case .pulled(let peer): peer.$community.id
        case .pushed(_, let community, _): community
        }
    }

    /// Who the reports are filed under: the operator who added the peer, or who let the account push.
    var authorID: UUID {
        switch self {
        case .pulled(let peer): peer.$createdBy.id
        case .pushed(_, _, let operatorID): operatorID
        }
    }

    /// Among `reports`, those that came from this source's instance (for a peer, any peer of the same API root).
    func own(_ reports: [UUID], on db: any Database) async throws -> Set<UUID> {
        guard !reports.isEmpty else { return [] }
        switch self {
        case .pulled(let peer):
            let sameInstance = try await FederationPeer.query(on: db).filter(\.$apiRoot == peer.apiRoot).all().compactMap(\.id)
            return Set(try await ReportOrigin.query(on: db).filter(\.$report.$id ~~ reports).filter(\.$peer.$id ~~ sameInstance).values(\.$report.$id))
        case .pushed(let account, _, _):
            return Set(try await ReportPush.query(on: db).filter(\.$report.$id ~~ reports).filter(\.$account.$id == account.requireID())
                .values(\.$report.$id))
        }
    }

    /// Records that `report` came from here, through `collection`.
    func record(_ report: UUID, collection: String, now: Date, on db: any Database) async throws {
        switch self {
        case .pulled(let peer):
            let origin = ReportOrigin()
            origin.$report.id = report
            origin.$peer.id = try peer.requireID()
            origin.collectionID = collection
            origin.pulledAt = now
            try await origin.create(on: db)
        case .pushed(let account, _, _):
            let push = ReportPush()
            push.$report.id = report
            push.$account.id = try account.requireID()
            push.collectionID = collection
            push.pushedAt = now
            try await push.create(on: db)
        }
    }
}

/// Imports what another instance sent — pulled or pushed — through the STIX importer, in the caller's transaction:
/// provenance for new reports, revoked indicators and reports retracted where only that instance's reports had them.
/// A report this instance holds from anywhere else is never overwritten by one with the same id.
enum FederatedImport {
    struct Change: Sendable {
        var summary = StixImporter.Summary()
        /// Objects imported (not markings; not reports left out because someone else shared them here).
        var objects = 0
        var retracted = 0
        var reportsRemoved = 0
    }

    static func store(_ objects: PulledObjects, from source: FederatedSource, collection: String, bundleID: String, looseTitle: String,
                      localiser: Localiser, now: Date, on tx: any Database) async throws -> Change {
        var objects = objects, change = Change()
        let communityID = source.communityID
        if objects.content > 0 {
            let looseReports = TLP.allCases.map { "report--" + StableUUID.make("\(bundleID)|\($0.rawValue)").uuidString.lowercased() }
            let ids = objects.reportIDs + looseReports
            let existing = try await ThreatReport.query(on: tx).filter(\.$community.$id == communityID).filter(\.$stixID ~~ ids).all()
            let own = try await source.own(existing.compactMap(\.id), on: tx)
            let incoming = Set(objects.reportIDs)
            let others = existing.filter { !own.contains($0.id ?? UUID()) && incoming.contains($0.stixID) }
            objects.drop(reports: Set(others.map(\.stixID)))
            change.objects = objects.content
            guard let community = try await Community.find(communityID, on: tx) else { return change }
            change.summary = try await StixImporter.run(PulledObjects.bundle(objects.importable, id: bundleID), into: community,
                                                        authorID: source.authorID, organisationID: nil, now: now, localiser: localiser,
                                                        looseTitle: looseTitle, on: tx)
            change.summary.skipped += others.map {
                .init(id: $0.stixID, type: "report", reason: "A report with this id was shared here by someone else; it was not changed.")
            }
            let after = try await ThreatReport.query(on: tx).filter(\.$community.$id == communityID).filter(\.$stixID ~~ ids).values(\.$id)
            let before = Set(existing.compactMap(\.id))
            for id in after where !before.contains(id) { try await source.record(id, collection: collection, now: now, on: tx) }
            if case .pulled(let peer) = source {
                try await ReportOrigin.query(on: tx).filter(\.$report.$id ~~ after).filter(\.$peer.$id == peer.requireID()).set(\.$pulledAt, to: now)
                    .update()
            }
        }
        change.retracted = try await retract(objects.revokedValues, from: source, on: tx, now: now)
        change.reportsRemoved = try await removeRevoked(objects.revokedReports, from: source, on: tx)
        if change.retracted + change.reportsRemoved > 0 { try await ThreatDataVersion.bump(on: tx) }
        return change
    }

    /// An indicator the other instance revoked is retracted here when only reports from that instance name it;
    /// otherwise those reports stop naming it and the others keep it.
    static func retract(_ values: [IndicatorValue], from source: FederatedSource, on db: any Database, now: Date) async throws -> Int {
        var retracted = 0
        for value in Set(values) {
            guard let indicator = try await Indicator.query(on: db).filter(\.$type == value.type).filter(\.$value == value.value).first(),
                  indicator.retractedAt == nil, let id = indicator.id else { continue }
            let reports = Set(try await ReportIndicator.query(on: db).filter(\.$indicator.$id == id).values(\.$report.$id))
            let fromThere = try await source.own(Array(reports), on: db)
            if !reports.isEmpty, fromThere == reports {
                indicator.retractedAt = now
                indicator.retractionReason = "Revoked by \(source.name), where it was shared."
                try await indicator.update(on: db)
                retracted += 1
            } else if !fromThere.isEmpty {
                try await ReportIndicator.query(on: db).filter(\.$indicator.$id == id).filter(\.$report.$id ~~ Array(fromThere)).delete()
            }
        }
        return retracted
    }

    /// Reports the other instance revoked go, when they came from it.
    static func removeRevoked(_ stixIDs: [String], from source: FederatedSource, on db: any Database) async throws -> Int {
        guard !stixIDs.isEmpty else { return 0 }
        let candidates = try await ThreatReport.query(on: db).filter(\.$community.$id == source.communityID).filter(\.$stixID ~~ stixIDs).values(\.$id)
        let ours = try await source.own(candidates, on: db)
        for id in ours {
            try await ThreatReport.query(on: db).filter(\.$id == id).delete()
            try await SearchIndex.remove(ref: id, on: db)
        }
        return ours.count
    }
}
