import Logging
import NIOConcurrencyHelpers
import Vapor

/// Counts the database queries one request runs and answers the number in `X-Shieldwall-Queries`. Fluent hands each
/// request's database the request's logger, and SQLKit (SQLite and PostgreSQL alike) logs every statement to it as
/// "Executing query" with its SQL; this swaps in a logger that counts those lines and passes everything on as before.
/// On only when configured (`ShieldwallConfiguration.countQueries`): tests bound each main page's queries with it.
struct QueryCountMiddleware: AsyncMiddleware {
    static let header = "X-Shieldwall-Queries"

    final class Counter: @unchecked Sendable {
        private let lock = NIOLock()
        private var value = 0
        func increment() { lock.withLock { value += 1 } }
        var count: Int { lock.withLock { value } }
    }

    struct CountingHandler: LogHandler {
        var inner: any LogHandler
        let counter: Counter

        var metadata: Logger.Metadata {
            get { inner.metadata }
            set { inner.metadata = newValue }
        }
        /// Low enough for the statements (logged at debug); what reaches `inner` still follows its own level.
        var logLevel: Logger.Level {
            get { min(inner.logLevel, .debug) }
            set { inner.logLevel = newValue }
        }
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { inner[metadataKey: key] }
            set { inner[metadataKey: key] = newValue }
        }

        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
                 function: String, line: UInt) {
            if message.description == "Executing query", metadata?["sql"] != nil { counter.increment() }
            guard level >= inner.logLevel else { return }
            inner.log(level: level, message: message, metadata: metadata, source: source, file: file, function: function, line: line)
        }
    }

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let counter = Counter()
        let original = req.logger
        // The handler's own level lets the statements through; the inner handler keeps the level it had.
        req.logger = Logger(label: original.label) { _ in CountingHandler(inner: original.handler, counter: counter) }
        let response = try await next.respond(to: req)
        response.headers.replaceOrAdd(name: Self.header, value: String(counter.count))
        return response
    }
}
