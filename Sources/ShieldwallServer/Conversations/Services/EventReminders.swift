import Fluent
import Foundation
import ShieldwallCore

/// "Starts soon": people who said they are going hear of an event within a day of its start, once
/// (a unique index on person, event and kind keeps it once when several instances run the job).
enum EventReminders {
    static let ahead: TimeInterval = 86_400

    @discardableResult
    static func run(_ ctx: ActionContext) async throws -> Int {
        let events = try await CommunityEvent.query(on: ctx.db).filter(\.$cancelled == false)
            .filter(\.$startsAt > ctx.now).filter(\.$startsAt <= ctx.now.addingTimeInterval(ahead)).all()
        var pending: [Notifier.Pending] = []
        for event in events {
            let eventID = try event.requireID()
            let going = try await EventResponse.query(on: ctx.db).filter(\.$event.$id == eventID)
                .filter(\.$answer == EventResponse.Answer.going).values(\.$person.$id)
            let told = Set(try await PersonNotification.query(on: ctx.db).filter(\.$event.$id == eventID)
                .filter(\.$kind == NotificationKind.eventSoon).values(\.$person.$id))
            for person in going where !told.contains(person) {
                do {
                    pending += try await Notifier.notify([person], kind: .eventSoon, community: event.$community.id, thread: nil, event: eventID,
                                                         actor: nil, on: ctx.db, now: ctx.now)
                } catch let error as any DatabaseError where error.isConstraintFailure {
                    continue  // another instance told them a moment ago
                }
            }
        }
        await Notifier.mailNow(pending, ctx: ctx)
        return pending.count
    }
}
