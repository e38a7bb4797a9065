/// The size class of an organisation, from its staff count (EU SME definition, by head count only).
///
/// Shieldwall is a platform for small and medium-sized firms: 250 staff or more is refused, not
/// classed, so that a large company cannot join a community of small ones by accident.
public enum OrganisationSize: String, Codable, Sendable, CaseIterable {
    case micro, small, medium

    /// Why a staff count cannot be used.
    public enum Problem: Error, Equatable, Sendable {
        case negative
        case tooLarge(limit: Int)
    }

    /// The largest staff count a medium firm may have.
    public static let largestMedium = 249

    public static func classify(staff: Int) -> Result<OrganisationSize, Problem> {
        switch staff {
        case ..<0: return .failure(.negative)
        case 0..<10: return .success(.micro)
        case 10..<50: return .success(.small)
        case 50...largestMedium: return .success(.medium)
        default: return .failure(.tooLarge(limit: largestMedium))
        }
    }
}
