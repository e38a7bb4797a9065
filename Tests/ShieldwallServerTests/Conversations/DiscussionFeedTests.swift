import Fluent
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// The private Atom feed of a community's threads: works without a session, only within the holder's
/// access of today, revoked by a new address.
final class DiscussionFeedTests: XCTestCase {
    func address(_ browser: TestBrowser, _ slug: String) async throws -> String {
        _ = try await browser.get(SiteURL.communityDiscussionsFeed(slug).path)
        let made = try await browser.post(SiteURL.communityDiscussionsFeed(slug).path)
        XCTAssertEqual(made.status, .ok)
        let full = try XCTUnwrap(made.text(ofID: "feed-address"))
        return try XCTUnwrap(URL(string: full)).path
    }

    func testTheFeedShowsNewThreadsToItsHolderOnly() async throws {
        try await withApp { world in
            let w = try await ConversationWorld.make(world.app)
            _ = try await w.thread(world.app, title: "Fake invoice <from> \"our\" supplier & co")
            _ = try await w.thread(world.app, in: w.b, by: .memberB, title: "Bradford thread")
            let path = try await address(try w.browser(.asker), w.a.slug)
            let feed = try await world.app.testable().sendRequest(.GET, path)
            XCTAssertEqual(feed.status, .ok)
            XCTAssertEqual(feed.headers.first(name: .contentType), "application/atom+xml; charset=utf-8")
            XCTAssertTrue(feed.body.string.contains("<title>Fake invoice &lt;from&gt; &quot;our&quot; supplier &amp; co</title>"))
            XCTAssertFalse(feed.body.string.contains("Bradford"))
            XCTAssertNotNil(try? XMLDocument(data: Data(feed.body.string.utf8)), "well-formed XML")
            // The same token cannot open a community its holder does not read.
            let other = try await world.app.testable().sendRequest(.GET, path.replacingOccurrences(of: "/\(w.a.slug)/", with: "/\(w.b.slug)/"))
            XCTAssertEqual(other.status, .notFound)
            // A new address revokes the old one.
            let newer = try await address(try w.browser(.asker), w.a.slug)
            await expectEqual(try await world.app.testable().sendRequest(.GET, path).status, .notFound)
            await expectEqual(try await world.app.testable().sendRequest(.GET, newer).status, .ok)
            // Leaving the community closes the feed.
            try await Seed.firmLeaves(world.app, try w.person(.asker).$organisation.id)
            await expectEqual(try await world.app.testable().sendRequest(.GET, newer).status, .notFound)
            await expectEqual(try await world.app.testable().sendRequest(.GET, "/feeds/nonsense-token-xxxxxxxxxxxx/\(w.a.slug)/discussions.atom").status, .notFound)
            // Pages: only for people who read the community.
            await expectEqual(try await w.browser(.memberB).get(SiteURL.communityDiscussionsFeed(w.a.slug).path).status, .notFound)
            await expectEqual(try await w.browser(.operator).get(SiteURL.communityDiscussionsFeed(w.a.slug).path).status, .notFound)
        }
    }

    func testAtomEscaping() {
        let feed = AtomFeed(id: "urn:x", title: "A & B", link: "https://x.example/?a=1&b=2", updated: Date(timeIntervalSince1970: 0),
                            entries: [.init(id: "urn:y", title: "<script>", link: "https://x.example/t", author: "O'Neil", updated: Date(timeIntervalSince1970: 0),
                                            summary: "bell\u{7} gone")])
        XCTAssertTrue(feed.xml.contains("<title>A &amp; B</title>"))
        XCTAssertTrue(feed.xml.contains("href=\"https://x.example/?a=1&amp;b=2\""))
        XCTAssertTrue(feed.xml.contains("<title>&lt;script&gt;</title>"))
        XCTAssertTrue(feed.xml.contains("<name>O&apos;Neil</name>"))
        XCTAssertTrue(feed.xml.contains("<summary type=\"text\">bell gone</summary>"))
        XCTAssertTrue(feed.xml.contains("<updated>1970-01-01T00:00:00Z</updated>"))
    }
}
