import Fluent
import XCTVapor
@testable import ShieldwallServer

/// DESIGN.md §6 for communities: every community route × facilitator / expert / member / member who
/// has not accepted the charter / someone of another community / operator / signed out.
final class CommunityAccessMatrixTests: XCTestCase {
    enum Role: String, CaseIterable {
        case signedOut, facilitator, expert, member, memberWithoutCharter, otherCommunity, `operator`
    }

    func testCommunityRoutesByRole() async throws {
        try await withApp { world in
            let app = world.app
            let firmA = try await Seed.organisation(app, name: "Firm A"), firmB = try await Seed.organisation(app, name: "Firm B")
            let firmC = try await Seed.organisation(app, name: "Firm C")
            let fac = try await Seed.person(app, email: "fac@a.example", organisation: firmA, role: .admin)
            let member = try await Seed.person(app, email: "member@b.example", organisation: firmB, role: .admin)
            let unaccepted = try await Seed.person(app, email: "new@b.example", organisation: firmB, role: .staff)
            let expert = try await Seed.person(app, email: "expert@x.example", organisation: nil)
            let outsider = try await Seed.person(app, email: "admin@c.example", organisation: firmC, role: .admin)
            let op = try await Seed.person(app, email: "op@shieldwall.example", isOperator: true)
            _ = unaccepted
            for listed in [true, false] {
                let community = try await Seed.community(app, name: listed ? "Listed Group" : "Hidden Group", facilitator: fac,
                                                         firms: [firmA, firmB], experts: [expert], listed: listed)
                _ = try await Seed.community(app, name: listed ? "Other Group" : "Other Hidden", facilitator: outsider, firms: [firmC])
                try await Seed.acceptCharter(app, community, by: member)
                try await Seed.acceptCharter(app, community, by: expert)
                let event = try await Seed.event(app, in: community)
                let slug = community.slug, eventID = try event.requireID()
                let people: [Role: Person] = [.facilitator: fac, .expert: expert, .member: member, .memberWithoutCharter: unaccepted,
                                              .otherCommunity: outsider, .operator: op]
                var browsers: [Role: TestBrowser] = [.signedOut: TestBrowser(app)]
                for (role, person) in people {
                    let b = TestBrowser(app)
                    try await b.signIn(person.email)
                    browsers[role] = b
                }
                let out: HTTPStatus = .seeOther
                // Outsiders get the public card of a listed community, nothing of an unlisted one.
                let card: HTTPStatus = listed ? .ok : .notFound
                typealias Row = (String, String, [String: String], [Role: HTTPStatus])
                let rows: [Row] = [
                    ("GET", SiteURL.community(slug).path, [:], [.signedOut: out, .facilitator: .ok, .expert: .ok, .member: .ok,
                        .memberWithoutCharter: out, .otherCommunity: card, .operator: out]),
                    ("GET", SiteURL.communityCharter(slug).path, [:], [.signedOut: out, .facilitator: .ok, .expert: .ok, .member: .ok,
                        .memberWithoutCharter: .ok, .otherCommunity: .notFound, .operator: .ok]),
                    ("GET", SiteURL.communityEvents(slug).path, [:], [.signedOut: out, .facilitator: .ok, .expert: .ok, .member: .ok,
                        .memberWithoutCharter: out, .otherCommunity: .notFound, .operator: .notFound]),
                    ("GET", SiteURL.communityEvent(slug, eventID).path, [:], [.signedOut: out, .facilitator: .ok, .expert: .ok, .member: .ok,
                        .memberWithoutCharter: out, .otherCommunity: .notFound, .operator: .notFound]),
                    ("GET", SiteURL.communityEventICS(slug, eventID).path, [:], [.signedOut: out, .facilitator: .ok, .expert: .ok, .member: .ok,
                        .memberWithoutCharter: out, .otherCommunity: .notFound, .operator: .notFound]),
                    ("POST", SiteURL.communityEventRSVP(slug, eventID).path, ["answer": "maybe"], [.signedOut: out, .facilitator: out,
                        .expert: out, .member: out, .memberWithoutCharter: out, .otherCommunity: .notFound, .operator: .notFound]),
                    ("GET", SiteURL.communityHealth(slug).path, [:], [.signedOut: out, .facilitator: .ok, .expert: .notFound, .member: .notFound,
                        .memberWithoutCharter: .notFound, .otherCommunity: .notFound, .operator: .ok]),
                    // TLP:AMBER agreements with other instances: the facilitator alone.
                    ("GET", SiteURL.communityFederation(slug).path, [:], [.signedOut: out, .facilitator: .ok, .expert: .forbidden,
                        .member: .forbidden, .memberWithoutCharter: out, .otherCommunity: .notFound, .operator: .notFound]),
                    ("POST", SiteURL.communityPeerAmber(slug, UUID()).path, ["agree": "true"], [.signedOut: out, .facilitator: .notFound,
                        .expert: .forbidden, .member: .forbidden, .memberWithoutCharter: out, .otherCommunity: .notFound, .operator: .notFound]),
                    ("POST", SiteURL.communityAccountAmber(slug, UUID()).path, ["agree": "true"], [.signedOut: out, .facilitator: .notFound,
                        .expert: .forbidden, .member: .forbidden, .memberWithoutCharter: out, .otherCommunity: .notFound, .operator: .notFound]),
                    ("GET", SiteURL.communitySetup(slug, 1).path, [:], [.signedOut: out, .facilitator: .ok, .expert: .forbidden,
                        .member: .forbidden, .memberWithoutCharter: .forbidden, .otherCommunity: .notFound, .operator: .notFound]),
                    ("GET", SiteURL.communityEventNew(slug).path, [:], [.signedOut: out, .facilitator: .ok, .expert: .forbidden,
                        .member: .forbidden, .memberWithoutCharter: out, .otherCommunity: .notFound, .operator: .notFound]),
                    ("POST", SiteURL.communityInvitations(slug).path, ["expert": UUID().uuidString], [.signedOut: out, .facilitator: .unprocessableEntity,
                        .expert: .forbidden, .member: .forbidden, .memberWithoutCharter: .forbidden, .otherCommunity: .notFound, .operator: .notFound]),
                    ("POST", SiteURL.communityCalendarToken(slug).path, [:], [.signedOut: out, .facilitator: .ok, .expert: .ok, .member: .ok,
                        .memberWithoutCharter: out, .otherCommunity: .notFound, .operator: .notFound]),
                    ("GET", SiteURL.operatorCommunities.path, [:], [.signedOut: out, .facilitator: .forbidden, .expert: .forbidden,
                        .member: .forbidden, .memberWithoutCharter: .forbidden, .otherCommunity: .forbidden, .operator: .ok]),
                    ("POST", SiteURL.operatorCommunityCap(slug).path, ["hard_cap": "12"], [.signedOut: out, .facilitator: .forbidden,
                        .expert: .forbidden, .member: .forbidden, .memberWithoutCharter: .forbidden, .otherCommunity: .forbidden, .operator: out]),
                    // Last: publishing a new charter version hides content from everyone until they accept it again.
                    ("POST", SiteURL.communityCharter(slug).path, ["charter": "# Changed"], [.signedOut: out, .facilitator: out,
                        .expert: .forbidden, .member: .forbidden, .memberWithoutCharter: .forbidden, .otherCommunity: .notFound, .operator: .notFound]),
                ]
                for (method, path, form, expected) in rows {
                    for role in Role.allCases {
                        let browser = try XCTUnwrap(browsers[role])
                        let response: XCTHTTPResponse
                        if method == "GET" {
                            response = try await browser.get(path)
                        } else {
                            try await browser.get(role == .signedOut ? SiteURL.signIn.path : SiteURL.account.path)
                            response = try await browser.post(path, form)
                        }
                        XCTAssertEqual(response.status, expected[role], "\(method) \(path) as \(role) (listed: \(listed))")
                        if response.status == .ok && role != .facilitator && role != .operator && path != SiteURL.communityCharter(slug).path {
                            XCTAssertFalse(response.body.string.contains("Add an organisation"), "no operator tools for \(role)")
                        }
                        if role == .operator || role == .otherCommunity, response.status == .ok {
                            XCTAssertFalse(response.body.string.contains("Monthly webinar"), "no event content for \(role) at \(path)")
                        }
                    }
                }
            }
        }
    }
}
