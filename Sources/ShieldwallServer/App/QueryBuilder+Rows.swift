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

extension QueryBuilder {
    /// One field of every row, as Fluent's `all(\.$field)`, but read straight from the rows rather than through a
    /// model per row: an expert in 40 communities had 400 firms' memberships made into models on every page
    /// (BENCHMARKS.md "Pages at an operator's scale").
    func values<Field>(_ key: KeyPath<Model, Field>) async throws -> [Field.Value] where Field: QueryableProperty, Field.Model == Model {
        let path = Model.path(for: key)
        guard path.count == 1, let field = path.first else { return try await all(key) }
        let copy = self.copy()
        copy.query.fields = [.extendedPath(path, schema: Model.schemaOrAlias, space: Model.spaceIfNotAliased)]
        let schema = Model.schemaOrAlias, space = Model.spaceIfNotAliased
        return try await copy.rows { try $0.qualifiedSchema(space: space, schema).decode(field, as: Field.Value.self) }
    }
}
