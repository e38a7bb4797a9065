import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A firm's security dashboard: what its tools sent over the last two weeks, what it should do about it, and the
/// latest alerts. Its people only (`IntegrationScope`).
struct SecurityDashboardPage: Sendable {
    struct Day: Sendable {
        let label: String
        let alerts: Int
        let serious: Int
    }

    struct Alert: Sendable {
        let source: String
        let kind: IngestAlert.Kind
        let severity: IngestAlert.Severity
        let host: String
        let addresses: [String]
        let summary: String
        let count: Int
        let first: Date
        let last: Date
    }

    /// A recommendation as the firm stands: the addresses it may block and does not yet; one with none left is done.
    struct Advice: Sendable {
        let rule: String
        let actions: [AlertRules.Action]
        let addresses: [String]
        let device: String?
        let figure: Int
        let done: Bool
    }

    struct Block: Sendable {
        let id: UUID
        let value: String
        let reason: String
        let createdBy: String
        let createdAt: Date
        let expiresAt: Date
    }

    /// An address in the firm's alerts that a community it takes part in lists: the firm sees the listing as any member
    /// does (the indicator's page keeps the reports' own rules), never which firm shared it otherwise.
    struct Match: Sendable {
        let address: String
        /// The listed value: the address or a range holding it.
        let listed: String
        let community: String
        let link: String?
        let confidence: Int
        let alerts: Int
    }

    /// Days drawn in the chart.
    static let days = 14
    /// Alerts listed on the page (the API pages through all).
    static let listed = 50
    /// Alerts the rules and the chart read at most (the busiest firm's fortnight, folded).
    static let readAtMost = 20_000
    /// Devices needing attention listed on the dashboard (the devices page lists all).
    static let attentionListed = 10

    let firmID: UUID
    let firmName: String
    let canManageKeys: Bool
    let canBlock: Bool
    /// Whether the viewer may put a device's fix in the action list (`IntegrationAccess.canManageDevices`).
    let canManageDevices: Bool
    let hasKeys: Bool
    let days: [Day]
    /// Open ones first.
    let advice: [Advice]
    let blocks: [Block]
    /// Where the firm can warn others: the communities it takes part in (slug, name).
    let communities: [(slug: String, name: String)]
    let alerts: [Alert]
    /// Devices with something wrong under the firm's policy (at most `attentionListed`), and how many devices it has.
    let attention: [DevicesPage.Row]
    let deviceCount: Int
    let attentionCount: Int
    /// Most alerts first.
    let matches: [Match]
    var blockForm = FirmBlockForm()
    var errors: [String: String] = [:]

    static func build(_ firm: Organisation, viewer: SignedIn, links: DomainLinks, app: Application, on db: any Database,
                      now: Date) async throws -> SecurityDashboardPage {
        let id = try firm.requireID()
        let calendar = Self.calendar
        let today = calendar.startOfDay(for: now)
        let from = calendar.date(byAdding: .day, value: -(days - 1), to: today) ?? today
        let recent = try await IntegrationScope.alerts(of: id, since: from, limit: readAtMost, on: db)
        var perDay: [Date: (Int, Int)] = [:]
        for row in recent {
            let day = calendar.startOfDay(for: row.lastAt)
            let serious = row.alert.severity >= .high ? row.count : 0
            perDay[day, default: (0, 0)].0 += row.count
            perDay[day, default: (0, 0)].1 += serious
        }
        let labels = DateFormatter()
        labels.locale = Locale(identifier: "en_GB")
        labels.timeZone = calendar.timeZone
        labels.dateFormat = "d MMM"
        let chart = (0..<days).compactMap { calendar.date(byAdding: .day, value: $0, to: from) }.map { day in
            Day(label: labels.string(from: day), alerts: perDay[day]?.0 ?? 0, serious: perDay[day]?.1 ?? 0)
        }
        let hasKeys = try await IntegrationKey.query(on: db).filter(\.$organisation.$id == id).count() > 0
        let blockRows = try await FirmBlock.query(on: db).filter(\.$organisation.$id == id).filter(\.$expiresAt > now).with(\.$createdBy)
            .sort(\.$createdAt, .descending).all()
        let blocked = Set(blockRows.map(\.value))
        let devices = try await DevicesPage.build(firm, viewer: viewer, on: db, now: now)
        let recommendations = AlertRules.recommendations(alerts: recent.map(\.folded), devices: devices.rows.map(\.report), policy: devices.policy,
                                                         now: now)
        let planned = try await links.securityFollowUps.openActions(firm: id, keys: recommendations.compactMap { r in
            r.rule == "stale-updates" ? r.device.map(DeviceActions.actionKey) : nil
        }, on: db)
        let advice = recommendations.map { r in
            if r.rule == "stale-updates" {
                return Advice(rule: r.rule, actions: r.actions, addresses: [], device: r.device, figure: r.figure,
                              done: r.device.map { planned.contains(DeviceActions.actionKey($0)) } ?? false)
            }
            // Never offered: what the firm blocks already, and what must never be blocked (resolvers, private ranges).
            let blockable = r.addresses.filter { address in
                (try? IndicatorValue.normalise(address).get()).map { WarningList.shipped.reason(for: $0) == nil } ?? false
            }
            let remaining = blockable.filter { !blocked.contains($0) }
            let done = !blockable.isEmpty && remaining.isEmpty
            return Advice(rule: r.rule, actions: r.actions, addresses: done ? blockable : remaining, device: r.device, figure: r.figure, done: done)
        }
        let communities = try await CommunityStandings.activeCommunities(ofFirm: id, on: db)
        return SecurityDashboardPage(
            firmID: id, firmName: firm.name, canManageKeys: IntegrationAccess.canManageKeys(firm: id.uuidString, viewer: viewer.viewer),
            canBlock: IntegrationAccess.canBlock(firm: id.uuidString, viewer: viewer.viewer), canManageDevices: devices.canManage, hasKeys: hasKeys, days: chart,
            advice: advice.filter { !$0.done } + advice.filter(\.done),
            blocks: try blockRows.map { Block(id: try $0.requireID(), value: $0.value, reason: $0.reason, createdBy: $0.createdBy?.displayName ?? "—",
                                              createdAt: $0.createdAt, expiresAt: $0.expiresAt) },
            communities: communities.map { ($0.slug, $0.name) },
            alerts: recent.prefix(listed).map(\.folded).map {
                Alert(source: $0.alert.source, kind: $0.alert.kind, severity: $0.alert.severity, host: $0.alert.host, addresses: $0.alert.addresses,
                      summary: $0.alert.summary, count: $0.count, first: $0.first, last: $0.last)
            },
            attention: Array(devices.rows.filter { !$0.problems.isEmpty }.prefix(attentionListed)), deviceCount: devices.rows.count,
            attentionCount: devices.needingAttention,
            matches: try await matches(recent, firm: id, communities: communities, feed: links.firmThreatFeed, app: app, on: db, now: now))
    }

    /// Addresses in the fortnight's alerts that the firm's communities list (their blocklists as the firm may use them).
    static func matches(_ alerts: [FirmAlert], firm: UUID, communities: [Community], feed: any FirmThreatFeed, app: Application,
                        on db: any Database, now: Date) async throws -> [Match] {
        var counts: [String: Int] = [:]
        for row in alerts { for address in row.addresses { counts[address, default: 0] += row.count } }
        guard !counts.isEmpty else { return [] }
        let names = Dictionary(communities.map { ($0.slug, $0.name) }, uniquingKeysWith: { a, _ in a })
        var exact: [String: CommunityBlock] = [:], ranged: [String: CommunityBlock] = [:]
        var ranges = WarningList.empty
        for listed in try await feed.communityBlocks(firm: firm, now: now, app: app, on: db) {
            if listed.entry.indicator.type == .cidr {
                ranges.insert(listed.entry.indicator, reason: listed.entry.indicator.value)
                ranged[listed.entry.indicator.value] = listed
            } else if exact[listed.entry.indicator.value] == nil {
                exact[listed.entry.indicator.value] = listed
            }
        }
        let found: [Match] = counts.compactMap { address, count in
            let hit = exact[address] ?? (try? IndicatorValue.normalise(address).get()).flatMap { ranges.reason(for: $0) }.flatMap { ranged[$0] }
            return hit.map { Match(address: address, listed: $0.entry.indicator.value, community: names[$0.community] ?? $0.community, link: $0.entry.link,
                                   confidence: $0.entry.confidence, alerts: count) }
        }
        return found.sorted { $0.alerts != $1.alerts ? $0.alerts > $1.alerts : $0.address < $1.address }
    }

    static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC") ?? .current
        return c
    }()
}

/// Addresses to block, as typed or sent by a recommendation's button.
struct FirmBlockForm: Content {
    var addresses: String?
    var reason: String?
    var days: String?
}
