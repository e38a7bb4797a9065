import Fluent
import NIOConcurrencyHelpers

extension QueryBuilder {
    /// The rows read column by column with `read` (`output.schema(Model.schema)` for the model's own columns and each
    /// joined one's), without making a model per row: Fluent reflects on a model's properties for every row it makes,
    /// which was most of a 100,000-indicator blocklist's build (BENCHMARKS.md "Integrations").
    func rows<T: Sendable>(_ read: @escaping @Sendable (any DatabaseOutput) throws -> T) async throws -> [T] {
        let box = NIOLockedValueBox<(rows: [T], error: (any Error)?)>(([], nil))
        try await run { output in
            do {
                let row = try read(output)
                box.withLockedValue { $0.rows.append(row) }
            } catch {
                box.withLockedValue { if $0.error == nil { $0.error = error } }
            }
        }.get()
        let result = box.withLockedValue { $0 }
        if let error = result.error { throw error }
        return result.rows
    }
}
