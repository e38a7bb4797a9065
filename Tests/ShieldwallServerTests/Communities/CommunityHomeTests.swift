import XCTVapor
@testable import ShieldwallServer

final class CommunityHomeTests: XCTestCase {
    /// An expert in many communities sees the first twenty on her home, by name, and a link to all of them.
    func testTheHomeListsTwentyCommunitiesAndLinksToAll() async throws {
        try await withApp { world in
            let app = world.app
            let firm = try await Seed.organisation(app)
            let facilitator = try await Seed.person(app, email: "fac@a.example", organisation: firm, role: .admin)
            let expert = try await Seed.person(app, email: "expert@x.example", organisation: nil)
            for n in 1...23 {
                let community = try await Seed.community(app, name: String(format: "Group %02d", n), facilitator: facilitator, firms: [firm],
                                                         experts: [expert])
                try await Seed.acceptCharter(app, community, by: expert)
            }
            let browser = TestBrowser(app)
            try await browser.signIn(expert.email)
            let home = try await browser.get("/").body.string
            XCTAssertTrue(home.contains("Group 20"))
            XCTAssertFalse(home.contains("Group 21"), "the twenty-first is on the directory, not the home")
            XCTAssertTrue(home.contains("All 23 of your communities"))
            let directory = try await browser.get(SiteURL.communities.path).body.string
            XCTAssertTrue(directory.contains("Group 23"))
        }
    }
}
