import Fluent
import ShieldwallCore
import XCTVapor
@testable import ShieldwallServer

/// DESIGN.md §3 for the provider directory: every signed-in person reads approved entries and proposes; a
/// proposal waiting for approval is seen only by its proposer and the curators (the operator and facilitators),
/// who alone decide. Every route × every role.
final class ProviderAccessMatrixTests: XCTestCase {
    enum Role: String, CaseIterable { case signedOut, proposer, adminB, expert, facilitator, `operator` }

    struct World {
        let browsers: [Role: TestBrowser]
        let tokens: [Role: String]
        let approved: UUID
        let pending: UUID
    }

    func makeWorld(_ app: Application) async throws -> World {
        let a = try await Seed.organisation(app, name: "Firm A"), b = try await Seed.organisation(app, name: "Firm B")
        let people: [Role: Person] = [
            .proposer: try await Seed.person(app, email: "staff@a.example", organisation: a, role: .staff),
            .adminB: try await Seed.person(app, email: "admin@b.example", organisation: b, role: .admin),
            .expert: try await Seed.person(app, email: "expert@experts.example"),
            .facilitator: try await Seed.person(app, email: "fac@experts.example"),
            .operator: try await Seed.person(app, email: "op@shieldwall.example", isOperator: true),
        ]
        _ = try await Seed.community(app, facilitator: try XCTUnwrap(people[.facilitator]), firms: [a, b])
        let (browsers, tokens) = try await Seed.signedIn(app, people, signedOut: .signedOut)
        let approved = try await app.api(.POST, "/providers", token: tokens[.operator],
                                         json: #"{"name":"Northern Backup","website":"nbackup.example","services":["backup"],"certifications":["ISO/IEC 27001"]}"#)
        XCTAssertEqual(approved.status, .created, approved.body.string)
        let pending = try await app.api(.POST, "/providers", token: tokens[.proposer],
                                        json: #"{"name":"Secret Hosting","website":"secret-hosting.example","services":["web-hosting"]}"#)
        XCTAssertEqual(pending.status, .created, pending.body.string)
        return World(browsers: browsers, tokens: tokens, approved: try XCTUnwrap(UUID(uuidString: approved.json["id"] as? String ?? "")),
                     pending: try XCTUnwrap(UUID(uuidString: pending.json["id"] as? String ?? "")))
    }

    static func all(_ status: HTTPStatus, signedOut: HTTPStatus = .seeOther, except: [Role: HTTPStatus] = [:]) -> [Role: HTTPStatus] {
        var out = Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0, status) })
        out[.signedOut] = signedOut
        return out.merging(except) { _, new in new }
    }

    static let reviewForm: [(String, String)] = [("uses_provider", "true"), ("ratings[pricing-clarity]", "4"), ("ratings[responsiveness]", "5"),
                                                 ("ratings[security-practice]", "3"), ("ratings[overall]", "4"), ("text", "Good.")]
    static let reviewJSON = #"{"uses_provider":true,"ratings":{"pricing-clarity":4,"responsiveness":5,"security-practice":3,"overall":4}}"#

    func testPagesByRole() async throws {
        try await withApp { world in
            let w = try await makeWorld(world.app)
            let hidden: [Role: HTTPStatus] = [.adminB: .notFound, .expert: .notFound]
            let rows: [AccessMatrix.PageRow<Role>] = [
                ("GET", SiteURL.providers.path, [], Self.all(.ok)),
                ("GET", SiteURL.providers.path + "?service=backup", [], Self.all(.ok)),
                ("GET", SiteURL.providerNew.path, [], Self.all(.ok)),
                ("GET", SiteURL.provider(w.approved).path, [], Self.all(.ok)),
                ("GET", SiteURL.provider(w.pending).path, [], Self.all(.ok, except: hidden)),
                ("GET", SiteURL.provider(UUID()).path, [], Self.all(.notFound)),
                // The same proposal by everyone: the first is stored, the rest are duplicates.
                ("POST", SiteURL.providers.path, [("name", "Shop Cloud"), ("website", "shopcloud.example"), ("services[]", "online-shop")],
                 Self.all(.unprocessableEntity, except: [.proposer: .seeOther])),
                ("POST", SiteURL.providerDecision(w.pending).path, [("decision", "approve")],
                 Self.all(.notFound, except: [.proposer: .forbidden, .facilitator: .seeOther, .operator: .unprocessableEntity])),
                // Only a firm's admin reviews, for the firm; the second time it is an edit.
                ("POST", SiteURL.providerReview(w.approved).path, Self.reviewForm, Self.all(.forbidden, except: [.adminB: .seeOther])),
                // Curators correct an entry; a correction that makes it a duplicate is refused.
                ("GET", SiteURL.providerEdit(w.approved).path, [], Self.all(.forbidden, except: [.facilitator: .ok, .operator: .ok])),
                ("POST", SiteURL.providerEdit(w.approved).path, [("name", "Northern Backup Ltd"), ("website", "nbackup.example"), ("services[]", "backup"),
                                                                 ("certifications", "ISO/IEC 27001")],
                 Self.all(.forbidden, except: [.facilitator: .seeOther, .operator: .seeOther])),
                ("POST", SiteURL.providerEdit(w.approved).path, [("name", "Secret Hosting"), ("website", "nbackup.example"), ("services[]", "backup")],
                 Self.all(.forbidden, except: [.facilitator: .unprocessableEntity, .operator: .unprocessableEntity])),
                // Only the operator vouches for a certificate.
                ("POST", SiteURL.providerCertification(w.approved).path, [("name", "ISO/IEC 27001"), ("checked", "true")],
                 Self.all(.forbidden, except: [.operator: .seeOther])),
            ]
            try await AccessMatrix.pages(rows, roles: Role.allCases, browsers: w.browsers, signedOut: .signedOut) { role, path, response in
                if role == .adminB || role == .expert { XCTAssertFalse(response.body.string.contains("Secret Hosting"), "\(role) at \(path)") }
            }
        }
    }

    func testAPIByRole() async throws {
        try await withApp { world in
            let w = try await makeWorld(world.app)
            let hidden: [Role: HTTPStatus] = [.adminB: .notFound, .expert: .notFound]
            let rows: [AccessMatrix.APIRow<Role>] = [
                (.GET, "/providers", nil, Self.all(.ok, signedOut: .unauthorized)),
                (.GET, "/providers?service=nonsense", nil, Self.all(.unprocessableEntity, signedOut: .unauthorized)),
                (.GET, "/providers?page=0", nil, Self.all(.badRequest, signedOut: .unauthorized)),
                (.GET, "/providers/\(w.approved)", nil, Self.all(.ok, signedOut: .unauthorized)),
                (.GET, "/providers/\(w.pending)", nil, Self.all(.ok, signedOut: .unauthorized, except: hidden)),
                (.POST, "/providers", #"{"name":"Shop Cloud","website":"shopcloud.example","services":["online-shop"]}"#,
                 Self.all(.unprocessableEntity, signedOut: .unauthorized, except: [.proposer: .created])),
                (.POST, "/providers/\(w.pending)/decision", #"{"decision":"approve"}"#,
                 Self.all(.notFound, signedOut: .unauthorized, except: [.proposer: .forbidden, .facilitator: .ok, .operator: .unprocessableEntity])),
                (.GET, "/providers/\(w.approved)/reviews", nil, Self.all(.ok, signedOut: .unauthorized)),
                (.POST, "/providers/\(w.approved)/reviews", Self.reviewJSON, Self.all(.forbidden, signedOut: .unauthorized, except: [.adminB: .created])),
                (.POST, "/providers/\(w.approved)/reviews", Self.reviewJSON, Self.all(.forbidden, signedOut: .unauthorized, except: [.adminB: .conflict])),
                (.PUT, "/providers/\(w.approved)/reviews/own", Self.reviewJSON, Self.all(.notFound, signedOut: .unauthorized, except: [.adminB: .ok])),
                (.PUT, "/providers/\(w.approved)", #"{"name":"Northern Backup","website":"nbackup.example","services":["backup","managed-it"],"certifications":["ISO/IEC 27001"]}"#,
                 Self.all(.forbidden, signedOut: .unauthorized, except: [.facilitator: .ok, .operator: .ok])),
                (.PUT, "/providers/\(w.approved)", #"{"name":"","website":"nbackup.example","services":["backup"]}"#,
                 Self.all(.forbidden, signedOut: .unauthorized, except: [.facilitator: .unprocessableEntity, .operator: .unprocessableEntity])),
                (.POST, "/providers/\(w.approved)/certification", #"{"name":"ISO/IEC 27001","checked":true}"#,
                 Self.all(.forbidden, signedOut: .unauthorized, except: [.operator: .ok])),
                (.POST, "/providers/\(w.approved)/certification", #"{"name":"Not stated","checked":true}"#,
                 Self.all(.forbidden, signedOut: .unauthorized, except: [.operator: .unprocessableEntity])),
            ]
            try await AccessMatrix.api(world.app, rows, roles: Role.allCases, tokens: w.tokens) { role, path, response in
                if role == .adminB || role == .expert { XCTAssertFalse(response.body.string.contains("Secret Hosting"), "\(role) at \(path)") }
            }
        }
    }
}
