import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Runs what is due every 10 minutes inside `serve` (not in tests, not in one-off commands): event reminders,
/// plan review reminders, the digests, STIX imports a stopped process left and the peers due a pull. Each job is safe when several instances run it at once, and when the
/// process dies part-way (issue #34). On SIGTERM the round under way finishes, for at most `stopWithin`, before
/// the database closes; no new round starts.
final class ScheduledJobs: LifecycleHandler, Sendable {
    static let stopWithin: Duration = .seconds(10)
    private let loop = NIOLockedValueBox<Task<Void, Never>?>(nil)
    private let round = NIOLockedValueBox<Task<Void, Never>?>(nil)

    func didBootAsync(_ app: Application) async throws {
        loop.withLockedValue { $0 = Task { [round] in
            var wait: Duration = .seconds(30)
            while (try? await Task.sleep(for: wait)) != nil {
                // A task of its own, so that stopping the loop never cancels a round half-way.
                let current = Task { await Self.runRound(app) }
                round.withLockedValue { $0 = current }
                await current.value
                wait = .seconds(600)
            }
        } }
    }

    func shutdownAsync(_ app: Application) async {
        loop.withLockedValue { $0 }?.cancel()
        guard let current = round.withLockedValue({ $0 }) else { return }
        // Whichever comes first: the round's end or the bound (a task group would wait for both).
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let resumed = NIOLockedValueBox(false)
            let finish: @Sendable () -> Void = {
                if resumed.withLockedValue({ was in defer { was = true }; return !was }) { done.resume() }
            }
            Task { await current.value; finish() }
            Task { try? await Task.sleep(for: Self.stopWithin); finish() }
        }
    }

    private static func runRound(_ app: Application) async {
        do {
            try await EventReminders.run(ActionContext(app))
            try await RegistrationActions.remind(ActionContext(app))
            try await RegistrationActions.eraseVisitorsData(ActionContext(app))
            try await PlanNotices.remindOfReviews(ActionContext(app))
            try await AlertIngest.removeExpired(ActionContext(app))
            try await StixImportJobs.runPending(ActionContext(app))
            let outcome = try await DigestJob.run(ActionContext(app))
            if outcome.sent > 0 { app.logger.info("digests sent: \(outcome.sent)") }
            try await PeerPull.runDue(ActionContext(app), fetcher: HTTPTaxiiFetcher(client: app.http.client.shared))
        } catch {
            app.logger.error("scheduled job failed: \(String(describing: error))")
        }
    }
}
