import Foundation
import Vapor

/// Runs what is due every 10 minutes inside `serve` (not in tests, not in one-off commands): event reminders,
/// plan review reminders and the digests. Each job is safe when several instances run it at once.
struct ScheduledJobs: LifecycleHandler {
    func didBootAsync(_ app: Application) async throws {
        app.eventLoopGroup.next().scheduleRepeatedAsyncTask(initialDelay: .seconds(30), delay: .minutes(10)) { _ in
            app.eventLoopGroup.next().makeFutureWithTask {
                do {
                    try await EventReminders.run(ActionContext(app))
                    try await PlanNotices.remindOfReviews(ActionContext(app))
                    let outcome = try await DigestJob.run(ActionContext(app))
                    if outcome.sent > 0 { app.logger.info("digests sent: \(outcome.sent)") }
                } catch {
                    app.logger.error("scheduled job failed: \(String(describing: error))")
                }
            }
        }
    }
}
