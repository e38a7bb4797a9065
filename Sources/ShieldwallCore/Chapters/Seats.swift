import Foundation

/// Seats at an event with a capacity: confirmed registrations in the order they were confirmed take the seats, the
/// rest wait in that order. Nothing is stored about who has a seat, so a cancellation promotes the first on the waiting
/// list by itself, and two confirmations at once can never both take the last seat.
public enum Seats {
    public enum Place: Sendable, Equatable {
        case seat
        /// 1 for the first on the waiting list.
        case waiting(Int)
    }

    /// `confirmed`: registration ids in order of confirmation (ties broken by id by the caller).
    public static func places(capacity: Int?, confirmed: [String]) -> [String: Place] {
        var places: [String: Place] = [:]
        for (index, id) in confirmed.enumerated() {
            if let capacity, index >= capacity { places[id] = .waiting(index - capacity + 1) } else { places[id] = .seat }
        }
        return places
    }

    /// Those who had no seat before and have one after (to be told by mail).
    public static func promoted(before: [String: Place], after: [String: Place]) -> [String] {
        after.filter { $0.value == .seat && before[$0.key] != .seat && before[$0.key] != nil }.map(\.key).sorted()
    }

    /// Seats still free (nil when there is no limit).
    public static func free(capacity: Int?, confirmed: Int) -> Int? { capacity.map { max(0, $0 - confirmed) } }
}
