import Foundation

/// Health figures of a community from plain facts, so they are computed the same way for the
/// facilitator's page, the operator console and the API — and tested without a database.
public struct CommunityHealth: Sendable, Equatable {
    public struct Membership: Sendable, Equatable {
        public var joined: Date
        public var left: Date?
        public init(joined: Date, left: Date?) {
            self.joined = joined
            self.left = left
        }
    }

    public struct HeldEvent: Sendable, Equatable {
        public var start: Date
        /// People who came, when attendance was taken.
        public var attended: Int?
        public var saidGoing: Int
        public init(start: Date, attended: Int?, saidGoing: Int) {
            self.start = start
            self.attended = attended
            self.saidGoing = saidGoing
        }
    }

    public struct Funnel: Sendable, Equatable {
        public var invited: Int
        public var joined: Int
        public var charterAccepted: Int
        public var active: Int
    }

    public struct MonthPoint: Sendable, Equatable {
        /// First day of the month, UTC.
        public var month: Date
        public var members: Int
        public var eventsHeld: Int
    }

    public var activeOrganisations: Int
    public var activeExperts: Int
    public var openInvitations: Int
    public var funnel: Funnel
    public var activePeopleLast30Days: Int
    public var eventsHeld: Int
    /// Attended ÷ said going, over events whose attendance was taken; `nil` when none was taken.
    public var attendanceRate: Double?
    public var months: [MonthPoint]

    /// - Parameters:
    ///   - memberships: every firm's membership, including former ones (for the chart over time).
    ///   - invitedFirms: distinct firms ever invited or approved after asking.
    ///   - firmsWithCharter: distinct active firms with at least one person who accepted the current charter.
    ///   - firmsActive: distinct active firms with someone active in the last 30 days.
    public init(memberships: [Membership], activeExperts: Int, openInvitations: Int, invitedFirms: Int, firmsWithCharter: Int,
                firmsActive: Int, activePeopleLast30Days: Int, events: [HeldEvent], now: Date, monthsBack: Int = 12) {
        let active = memberships.filter { $0.left == nil }
        activeOrganisations = active.count
        self.activeExperts = activeExperts
        self.openInvitations = openInvitations
        funnel = Funnel(invited: max(invitedFirms, memberships.count), joined: memberships.count,
                        charterAccepted: firmsWithCharter, active: firmsActive)
        self.activePeopleLast30Days = activePeopleLast30Days
        let held = events.filter { $0.start <= now }
        eventsHeld = held.count
        let taken = held.filter { $0.attended != nil }
        let going = taken.map(\.saidGoing).reduce(0, +)
        attendanceRate = taken.isEmpty || going == 0 ? nil : Double(taken.compactMap(\.attended).reduce(0, +)) / Double(going)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        let thisMonth = calendar.date(from: calendar.dateComponents([.year, .month], from: now)) ?? now
        months = (0..<monthsBack).reversed().compactMap { back -> MonthPoint? in
            guard let start = calendar.date(byAdding: .month, value: -back, to: thisMonth),
                  let end = calendar.date(byAdding: .month, value: 1, to: start) else { return nil }
            let members = memberships.filter { $0.joined < end && ($0.left.map { $0 >= end } ?? true) }.count
            let eventsInMonth = held.filter { $0.start >= start && $0.start < end }.count
            return MonthPoint(month: start, members: members, eventsHeld: eventsInMonth)
        }
    }
}
