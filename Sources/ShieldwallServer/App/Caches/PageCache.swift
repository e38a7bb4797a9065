import Crypto
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Whole signed-in pages kept per server process under the page-data mark (`DataVersions.page`, `PageDataTriggers`), which
/// the database moves with every write: a page is answered from here only while nothing at all has been written since
/// it was made — on this server or any other — and for a minute at most, so what a page says about the time ("due
/// today", "2 minutes ago") is never older than that. The first page kept under a new mark empties the cache.
///
/// A page is kept for exactly the request that made it: the key is a digest of its address and of every header a page
/// may depend on (the cookies, which carry the session, and the languages, type and host asked for), so no two
/// sessions ever share one. Kept: 200 answers in HTML that set no cookie. Not kept: anything else, a page showing a
/// one-time message, and pages of a session that is not fully signed in.
final class PageCache: Sendable {
    struct Page: Sendable {
        let headers: HTTPHeaders
        let body: ByteBuffer

        /// What of `response` can be kept, or nil when it must not be.
        init?(_ response: Response, largest: Int) {
            guard response.status == .ok, !response.headers.contains(name: .setCookie),
                  response.headers.first(name: .contentType)?.hasPrefix("text/html") == true,
                  let body = response.body.buffer, body.readableBytes <= largest else { return nil }
            headers = response.headers
            self.body = body
        }

        func response() -> Response {
            Response(status: .ok, headers: headers, body: .init(buffer: body))
        }
    }

    private struct Entry: Sendable {
        let page: Page
        let made: Date
    }

    private struct State: Sendable {
        var stamp = ""
        var entries: [SHA256Digest: Entry] = [:]
        var bytes = 0
    }

    static let lifetime: TimeInterval = 60
    private let state = NIOLockedValueBox(State())
    /// At most this many bytes of pages; one page at most a sixteenth of it.
    let budget: Int

    init(budget: Int) {
        self.budget = budget
    }

    static func key(_ req: Request) -> SHA256Digest {
        var hasher = SHA256()
        for part in [req.url.string, req.headers[.cookie].joined(separator: "; "), req.headers[.acceptLanguage].joined(separator: ","),
                     req.headers[.accept].joined(separator: ","), req.headers[.host].joined(separator: ",")] {
            hasher.update(data: Data(part.utf8))
            hasher.update(data: [0])
        }
        return hasher.finalize()
    }

    func get(_ key: SHA256Digest, stamp: String, now: Date) -> Page? {
        state.withLockedValue { s in
            guard s.stamp == stamp, let entry = s.entries[key], abs(now.timeIntervalSince(entry.made)) < Self.lifetime else { return nil }
            return entry.page
        }
    }

    func store(_ response: Response, for key: SHA256Digest, stamp: String, now: Date) {
        guard let page = Page(response, largest: budget / 16) else { return }
        let size = page.body.readableBytes
        state.withLockedValue { s in
            if s.stamp != stamp { s = State(stamp: stamp) }
            if s.bytes + size > budget {  // first what has expired, then everything
                s.entries = s.entries.filter { abs(now.timeIntervalSince($0.value.made)) < Self.lifetime }
                s.bytes = s.entries.values.reduce(0) { $0 + $1.page.body.readableBytes }
                if s.bytes + size > budget { s = State(stamp: stamp) }
            }
            s.bytes += size - (s.entries[key]?.page.body.readableBytes ?? 0)
            s.entries[key] = Entry(page: page, made: now)
        }
    }
}

/// Answers a fully signed-in person's GET from the `PageCache` when nothing was written since the same request was
/// answered; otherwise lets the page be made and keeps it. Runs after `WebSessionMiddleware`, which read the session and
/// the page mark in one statement: what the page is made from is never older than the mark it is kept under.
struct PageCacheMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let cache = req.application.pageCache, req.method == .GET, let person = req.signedIn, person.isFullySignedIn,
              person.sessionID != nil, req.cookies[Flash.cookieName] == nil else { return try await next.respond(to: req) }
        let stamp = try await req.firstPageMark(), key = PageCache.key(req), now = req.now
        guard !stamp.isEmpty else { return try await next.respond(to: req) }
        if let page = cache.get(key, stamp: stamp, now: now) { return page.response() }
        let response = try await next.respond(to: req)
        cache.store(response, for: key, stamp: stamp, now: now)
        return response
    }
}

extension Application {
    private struct PageCacheKey: StorageKey { typealias Value = PageCache }

    /// Nil when the operator turned page keeping off (`SHIELDWALL_PAGE_CACHE_MB=0`). Set once by `configure`, before any
    /// request.
    var pageCache: PageCache? {
        get { storage[PageCacheKey.self] }
        set { storage[PageCacheKey.self] = newValue }
    }
}
