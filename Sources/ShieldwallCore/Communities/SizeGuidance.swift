/// How big a community should be: small enough for trust (8–9 firms and 2–3 experts is what works),
/// with an optional hard cap an operator sets.
public struct SizeGuidance: Sendable, Equatable {
    public var organisations: Int
    public var experts: Int
    /// Organisations beyond this are refused; `nil` for no cap.
    public var hardCap: Int?

    public init(organisations: Int = 9, experts: Int = 3, hardCap: Int? = nil) {
        self.organisations = organisations
        self.experts = experts
        self.hardCap = hardCap
    }

    public enum Verdict: Equatable, Sendable {
        case fine
        /// Allowed, but the facilitator is told the group grows past the guidance.
        case aboveGuidance(guidance: Int, resulting: Int)
        case refused(cap: Int)
    }

    /// The verdict for adding `adding` organisations to `current` members plus `pending` open invitations.
    public func organisationVerdict(current: Int, pending: Int, adding: Int = 1) -> Verdict {
        let resulting = current + pending + adding
        if let cap = hardCap, current + adding > cap || resulting > cap { return .refused(cap: cap) }
        if resulting > organisations { return .aboveGuidance(guidance: organisations, resulting: resulting) }
        return .fine
    }

    public func expertVerdict(current: Int, pending: Int, adding: Int = 1) -> Verdict {
        let resulting = current + pending + adding
        return resulting > experts ? .aboveGuidance(guidance: experts, resulting: resulting) : .fine
    }
}
