import Fluent
import Foundation
import Vapor

/// Cursor pagination for API lists: `?limit=` (1–200, default 50) and `?cursor=`, the previous page's `next_cursor`:
/// the id of its last item (any UUID is a valid cursor: the page starts after it). Items are ordered by id, so pages
/// neither skip nor repeat rows when new ones are added meanwhile. Cursors given out before were that id in base64;
/// they are still taken.
struct CursorPage<Item: Content>: Content {
    let items: [Item]
    let nextCursor: String?
}

struct PageRequest: Sendable {
    static let defaultLimit = 50
    static let maximumLimit = 200

    let limit: Int
    let after: UUID?

    init(_ req: Request) throws {
        if let raw = req.query[String.self, at: "limit"] {
            guard let n = Int(raw), (1...Self.maximumLimit).contains(n) else {
                throw Refusal(.badRequest, "error.limit", ["max": String(Self.maximumLimit)])
            }
            limit = n
        } else {
            limit = Self.defaultLimit
        }
        if let cursor = req.query[String.self, at: "cursor"] {
            guard let id = UUID(uuidString: cursor)
                ?? Data(base64Encoded: cursor).flatMap({ String(data: $0, encoding: .utf8) }).flatMap(UUID.init(uuidString:))
            else { throw Refusal(.badRequest, "error.cursor") }
            after = id
        } else {
            after = nil
        }
    }

    /// Runs the query for one page and maps the rows.
    func fetch<M: Model, Item: Sendable>(_ query: QueryBuilder<M>, map: (M) throws -> Item) async throws -> RawPage<Item>
    where M.IDValue == UUID {
        var query = query.sort(.id, .ascending)
        if let after { query = query.filter(.id, .greaterThan, after) }
        let rows = try await query.limit(limit + 1).all()
        let items = try rows.prefix(limit).map(map)
        let next = rows.count > limit ? rows[limit - 1].id.map(\.lowercaseText) : nil
        return RawPage(items: items, nextCursor: next)
    }
}

/// A page before it becomes a response (its items need not be Content yet).
struct RawPage<Item: Sendable>: Sendable {
    let items: [Item]
    let nextCursor: String?
}

extension RawPage where Item: Content {
    var response: CursorPage<Item> { CursorPage(items: items, nextCursor: nextCursor) }
}
