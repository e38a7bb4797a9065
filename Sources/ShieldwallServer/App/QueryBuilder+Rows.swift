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
        let (copy, keys) = columns([Model.path(for: key)])
        guard let field = keys?.first else { return try await all(key) }
        return try await copy.rows { try Model.ownColumns(of: $0).decode(field, as: Field.Value.self) }
    }
}

extension QueryBuilder {
    /// Two fields of every row, read straight from the rows as `values(_:)` reads one: a person's part in 200
    /// communities read as models was a fifth of an expert's page (BENCHMARKS.md "Pages at 100 times").
    func values<A, B>(_ a: KeyPath<Model, A>, _ b: KeyPath<Model, B>) async throws -> [(A.Value, B.Value)]
        where A: QueryableProperty, A.Model == Model, B: QueryableProperty, B.Model == Model {
        let (copy, keys) = columns([Model.path(for: a), Model.path(for: b)])
        guard let keys else {
            return try await all().compactMap { m in m[keyPath: a].value.flatMap { x in m[keyPath: b].value.map { (x, $0) } } }
        }
        return try await copy.rows { row in
            let own = Model.ownColumns(of: row)
            return (try own.decode(keys[0], as: A.Value.self), try own.decode(keys[1], as: B.Value.self))
        }
    }

    /// Three fields of every row (see the two-field `values`).
    func values<A, B, C>(_ a: KeyPath<Model, A>, _ b: KeyPath<Model, B>, _ c: KeyPath<Model, C>) async throws -> [(A.Value, B.Value, C.Value)]
        where A: QueryableProperty, A.Model == Model, B: QueryableProperty, B.Model == Model, C: QueryableProperty, C.Model == Model {
        let (copy, keys) = columns([Model.path(for: a), Model.path(for: b), Model.path(for: c)])
        guard let keys else {
            return try await all().compactMap { m in
                guard let x = m[keyPath: a].value, let y = m[keyPath: b].value, let z = m[keyPath: c].value else { return nil }
                return (x, y, z)
            }
        }
        return try await copy.rows { row in
            let own = Model.ownColumns(of: row)
            return (try own.decode(keys[0], as: A.Value.self), try own.decode(keys[1], as: B.Value.self), try own.decode(keys[2], as: C.Value.self))
        }
    }

    /// A copy that selects only these columns of the model's own table, and their keys; no keys when one is not a
    /// plain column (a nested field), for the caller to read models instead.
    private func columns(_ paths: [[FieldKey]]) -> (QueryBuilder<Model>, [FieldKey]?) {
        guard paths.allSatisfy({ $0.count == 1 }) else { return (self, nil) }
        let keys = paths.compactMap(\.first)
        return (copy().selecting(keys), keys)
    }

    /// This query, selecting only these columns of the model's own table (for `rows` to read with `ownColumns`).
    func selecting(_ keys: [FieldKey]) -> Self {
        query.fields = keys.map { .extendedPath([$0], schema: Model.schemaOrAlias, space: Model.spaceIfNotAliased) }
        return self
    }
}

extension Model {
    /// A row's columns of this model's own table, by their keys.
    static func ownColumns(of row: any DatabaseOutput) -> any DatabaseOutput {
        row.qualifiedSchema(space: spaceIfNotAliased, schemaOrAlias)
    }
}
