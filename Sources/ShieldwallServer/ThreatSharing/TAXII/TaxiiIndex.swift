import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// What one TAXII collection holds for one holder, as a small entry per object in `date_added` order: when it
/// was added, its version and what it is. The STIX objects themselves are made only for the page asked for,
/// so paging through a million indicators keeps about 40 bytes per object in memory rather than the whole
/// collection as JSON (issue #32: 1.6 GB stayed after one client paged 12.8 MB).
struct TaxiiIndex: Sendable {
    enum Kind: UInt8, Sendable, Comparable {
        case marking, identity, indicator, sighting, report

        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }

        var stixType: String {
            switch self {
            case .marking: "marking-definition"
            case .identity: "identity"
            case .indicator: "indicator"
            case .sighting: "sighting"
            case .report: "report"
            }
        }
    }

    struct Entry: Sendable {
        let added: Date
        let version: Date
        /// The organisation (identity), indicator (indicator and its sighting) or report; unused for markings.
        let key: UUID
        let kind: Kind
        let tlp: TLP
    }

    let entries: [Entry]
    /// Reports keep the STIX id they arrived with.
    let reportStixIDs: [UUID: String]
    let organisations: [UUID: String]

    /// The fixed `created` of the TLP marking definitions and of identities, as `StixBundle` writes them.
    static let markingVersion = StixReader.parseDate("2022-10-01T00:00:00.000Z") ?? .distantPast
    static let identityVersion = StixReader.parseDate("2020-01-01T00:00:00.000Z") ?? .distantPast

    func id(_ e: Entry) -> String {
        switch e.kind {
        case .marking: e.tlp.stixMarkingID
        case .identity: StixBundleWriter.stixID("identity", e.key)
        case .indicator: StixBundleWriter.stixID("indicator", e.key)
        case .sighting: StixBundleWriter.sightingID(e.key, e.tlp)
        case .report: reportStixIDs[e.key] ?? StixBundleWriter.stixID("report", e.key)
        }
    }

    /// Whether an entry's STIX id is one of `ids`, without writing out the id of every entry: indicators and
    /// identities are compared by their UUID, reports and markings through their few ids.
    func matcher(_ ids: Set<String>) -> @Sendable (Entry) -> Bool {
        func uuids(_ prefix: String) -> Set<UUID> {
            Set(ids.filter { $0.hasPrefix(prefix) }.compactMap { UUID(uuidString: String($0.dropFirst(prefix.count))) })
        }
        let indicators = uuids("indicator--"), identities = uuids("identity--")
        let reports = Set(reportStixIDs.filter { ids.contains($0.value) }.keys)
        let markings = Set(TLP.allCases.filter { ids.contains($0.stixMarkingID) })
        let sightings = ids.filter { $0.hasPrefix("sighting--") }
        return { e in
            switch e.kind {
            case .marking: markings.contains(e.tlp)
            case .identity: identities.contains(e.key)
            case .indicator: indicators.contains(e.key)
            case .sighting: !sightings.isEmpty && sightings.contains(StixBundleWriter.sightingID(e.key, e.tlp))
            case .report: reports.contains(e.key)
            }
        }
    }

    /// Every object of `reports` (the collection's, oldest first) with when it arrived on this instance — for a peer
    /// whose reading of TLP:AMBER was agreed at `amberFrom`, AMBER objects arrived for it then.
    static func build(reports: [ThreatReport], scope: ReportScope, amberFrom: Date? = nil, now: Date, on db: any Database) async throws -> TaxiiIndex {
        let links = try await StixBundleWriter.readLinks(reports, on: db)
        let organisations = try await StixBundleWriter.organisationNames(of: reports, on: db)
        var entries: [Entry] = []
        entries.reserveCapacity(reports.count + links.tlp.count + 8)
        let earliest = reports.map(\.createdAt).min() ?? now
        for tlp in Set(reports.map(\.tlp)) {
            entries.append(Entry(added: earliest, version: markingVersion, key: StableUUID.make("taxii-marking|\(tlp.rawValue)"), kind: .marking, tlp: tlp))
        }
        var identityAdded: [UUID: Date] = [:]
        var stixIDs: [UUID: String] = [:]
        for r in reports {
            let id = try r.requireID()
            stixIDs[id] = r.stixID
            entries.append(Entry(added: r.addedAt ?? max(r.createdAt, r.modifiedAt), version: r.modifiedAt, key: id, kind: .report, tlp: r.tlp))
            if !r.anonymous, let org = r.$organisation.id, organisations[org] != nil { identityAdded[org] = min(identityAdded[org] ?? r.createdAt, r.createdAt) }
        }
        for (org, added) in identityAdded {
            entries.append(Entry(added: added, version: identityVersion, key: org, kind: .identity, tlp: .clear))
        }
        let indicatorIDs = Array(links.tlp.keys)
        for start in stride(from: 0, to: indicatorIDs.count, by: StixBundleWriter.batch) {
            let part = Array(indicatorIDs[start..<min(start + StixBundleWriter.batch, indicatorIDs.count)])
            for (id, s) in try await IndicatorFacts.summaries(indicatorIDs: part, scope: scope, now: now, on: db) {
                guard let tlp = links.tlp[id] else { continue }
                // A retraction is a new version, added when it was made: clients reading with `added_after` see it.
                let linked = links.firstLinked[id] ?? s.firstSeen
                entries.append(Entry(added: max(linked, s.retractedAt ?? linked), version: max(s.createdAt, s.retractedAt ?? s.createdAt),
                                     key: id, kind: .indicator, tlp: tlp))
                if let sighting = StixBundleWriter.sightingObject(id, s, tlp) {
                    entries.append(Entry(added: sighting.lastSeen, version: sighting.lastSeen, key: id, kind: .sighting, tlp: tlp))
                }
            }
        }
        if let amberFrom {
            entries = entries.map { e in
                e.tlp == .amber && e.added < amberFrom ? Entry(added: amberFrom, version: e.version, key: e.key, kind: e.kind, tlp: e.tlp) : e
            }
        }
        entries.sort { ($0.added, $0.kind, $0.key) < ($1.added, $1.kind, $1.key) }
        return TaxiiIndex(entries: entries, reportStixIDs: stixIDs, organisations: organisations)
    }

    /// The STIX objects of `page`, in its order, read now from the database (facts such as confidence move with
    /// time); an object that has gone since the index was made is left out.
    func objects(_ page: [Entry], scope: ReportScope, now: Date, on db: any Database) async throws -> [JSONText] {
        let indicatorIDs = Array(Set(page.filter { $0.kind == .indicator || $0.kind == .sighting }.map(\.key)))
        var summaries: [UUID: IndicatorSummary] = [:]
        if !indicatorIDs.isEmpty { summaries = try await IndicatorFacts.summaries(indicatorIDs: indicatorIDs, scope: scope, now: now, on: db) }
        let reportIDs = page.filter { $0.kind == .report }.map(\.key)
        var reports: [UUID: ThreatReport] = [:]
        var refs: [UUID: [UUID]] = [:]
        if !reportIDs.isEmpty {
            let found = try await scope.reports(on: db).filter(\.$id ~~ reportIDs).all()
            for r in found { reports[try r.requireID()] = r }
            refs = try await StixBundleWriter.readLinks(found, on: db).refs
        }
        return try page.compactMap { e -> JSONText? in
            switch e.kind {
            case .marking: return StixBundle.marking(e.tlp)
            case .identity: return organisations[e.key].map { StixBundle.object(StixBundle.Identity(id: id(e), name: $0)) }
            case .indicator: return summaries[e.key].map { StixBundle.object(StixBundleWriter.indicatorObject(e.key, $0, e.tlp)) }
            case .sighting: return summaries[e.key].flatMap { StixBundleWriter.sightingObject(e.key, $0, e.tlp) }.map(StixBundle.object)
            case .report:
                guard let r = reports[e.key] else { return nil }
                return StixBundle.object(try StixBundleWriter.reportObject(r, organisations: organisations, indicators: refs[e.key] ?? []))
            }
        }
    }
}
