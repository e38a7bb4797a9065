import Fluent
import Foundation
import ShieldwallCore

/// `/registrations/TOKEN`: a visitor's own registration, from the link in their mail.
struct EventRegistrationPage: Sendable {
    enum Place: Sendable, Equatable { case pending, seat, waiting(Int), cancelled }

    let token: String
    let name: String
    let event: EventSummary
    let chapterSlug: String
    let place: Place
    let note: String?
    /// Cancelling is for events still ahead.
    let upcoming: Bool

    static func build(_ registration: EventRegistration, token: String, note: String?, on db: any Database, now: Date) async throws -> EventRegistrationPage {
        let event = registration.event
        let slug = try await RegistrationActions.chapterSlug(event, on: db)
        let place: Place
        switch registration.status {
        case .pending: place = .pending
        case .cancelled: place = .cancelled
        case .confirmed:
            switch try await RegistrationActions.places(event, on: db)[registration.id?.uuidString ?? ""] {
            case .waiting(let n): place = .waiting(n)
            default: place = .seat
            }
        }
        return EventRegistrationPage(token: token, name: registration.name ?? "", event: try EventSummary(event, slug: slug), chapterSlug: slug,
                                place: place, note: note, upcoming: event.endsAt > now)
    }
}
