import XCTVapor
@testable import ShieldwallServer

/// Runs an access matrix's rows: every request as every role, each answer checked against what the row expects.
enum AccessMatrix {
    /// (method, path, form, expected status per role) for pages: a GET, or a form posted from a page the role can load.
    typealias PageRow<Role: Hashable> = (String, String, [(String, String)], [Role: HTTPStatus])
    /// (method, path, JSON body, expected status per role) for the API.
    typealias APIRow<Role: Hashable> = (HTTPMethod, String, String?, [Role: HTTPStatus])

    static func pages<Role: Hashable>(_ rows: [PageRow<Role>], roles: [Role], browsers: [Role: TestBrowser], signedOut: Role,
                                      also check: (Role, String, XCTHTTPResponse) -> Void = { _, _, _ in }) async throws {
        for (method, path, form, expected) in rows {
            for role in roles {
                let browser = try XCTUnwrap(browsers[role])
                let response: XCTHTTPResponse
                if method == "GET" {
                    response = try await browser.get(path)
                } else {
                    try await browser.get(role == signedOut ? SiteURL.signIn.path : SiteURL.account.path)
                    response = try await browser.post(path, pairs: form)
                }
                XCTAssertEqual(response.status, expected[role], "\(method) \(path) as \(role)")
                check(role, path, response)
            }
        }
    }

    static func api<Role: Hashable>(_ app: Application, _ rows: [APIRow<Role>], roles: [Role], tokens: [Role: String],
                                    also check: (Role, String, XCTHTTPResponse) -> Void = { _, _, _ in }) async throws {
        for (method, path, body, expected) in rows {
            for role in roles {
                let response = try await app.api(method, path, token: tokens[role], json: body)
                XCTAssertEqual(response.status, expected[role], "\(method) \(path) as \(role): \(response.body.string)")
                check(role, path, response)
            }
        }
    }
}
