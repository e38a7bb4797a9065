import Foundation
import XCTVapor
@testable import ShieldwallServer

/// A browser for page tests: keeps cookies, follows nothing on its own, and fills the CSRF field
/// from the page it last loaded, as a real form would.
final class TestBrowser {
    let app: Application
    var cookies: [String: String] = [:]
    var userAgent = "TestBrowser/1.0"
    var acceptLanguage: String?
    private(set) var lastCSRF: String?

    init(_ app: Application) { self.app = app }

    /// A browser signed in as `email`.
    static func signedIn(_ app: Application, _ email: String) async throws -> TestBrowser {
        let browser = TestBrowser(app)
        try await browser.signIn(email)
        return browser
    }

    @discardableResult
    func get(_ path: String, file: StaticString = #filePath, line: UInt = #line) async throws -> XCTHTTPResponse {
        let response = try await app.testable().sendRequest(.GET, path, headers: headers(), file: file, line: line)
        absorb(response)
        return response
    }

    /// Posts a form. `csrf: nil` uses the token of the last page loaded (loading the sign-in page or
    /// home page first if none); pass a string to send that instead, or `""` to send none.
    @discardableResult
    func post(_ path: String, _ form: [String: String] = [:], csrf: String? = nil,
              file: StaticString = #filePath, line: UInt = #line) async throws -> XCTHTTPResponse {
        var fields = form
        let token: String
        if let csrf { token = csrf } else { token = try await currentCSRF() }
        if !token.isEmpty { fields["_csrf"] = token }
        var h = headers()
        h.contentType = .urlEncodedForm
        let body = fields.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        let response = try await app.testable().sendRequest(.POST, path, headers: h, body: ByteBuffer(string: body), file: file, line: line)
        absorb(response)
        return response
    }

    /// Posts a form whose fields repeat (`indicators[]=a&indicators[]=b`).
    @discardableResult
    func post(_ path: String, pairs: [(String, String)], file: StaticString = #filePath, line: UInt = #line) async throws -> XCTHTTPResponse {
        let fields = pairs + [("_csrf", try await currentCSRF())]
        var h = headers()
        h.contentType = .urlEncodedForm
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        let response = try await app.testable().sendRequest(.POST, path, headers: h, body: ByteBuffer(string: body), file: file, line: line)
        absorb(response)
        return response
    }

    /// Posts a `multipart/form-data` form with one file, as a browser's upload would.
    @discardableResult
    func upload(_ path: String, _ form: [String: String], file: (field: String, name: String, bytes: [UInt8]),
                file line: StaticString = #filePath, line number: UInt = #line) async throws -> XCTHTTPResponse {
        let boundary = "----shieldwall-test-\(UUID().uuidString)"
        var body = ByteBuffer()
        for (name, value) in form.merging(["_csrf": try await currentCSRF()], uniquingKeysWith: { $1 }) {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\n")
        body.writeString("Content-Type: application/octet-stream\r\n\r\n")
        body.writeBytes(file.bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        var h = headers()
        h.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        let response = try await app.testable().sendRequest(.POST, path, headers: h, body: body, file: line, line: number)
        absorb(response)
        return response
    }

    func currentCSRF() async throws -> String {
        if let lastCSRF { return lastCSRF }
        try await get(SiteURL.signIn.path)
        if lastCSRF == nil { try await get(SiteURL.account.path) }
        guard let token = lastCSRF else { throw TestFailure("no CSRF token on the sign-in or account page") }
        return token
    }

    func signIn(_ email: String, password: String = Seed.password) async throws -> XCTHTTPResponse {
        lastCSRF = nil
        return try await post(SiteURL.signIn.path, ["email": email, "password": password])
    }

    private func headers() -> HTTPHeaders {
        var h = HTTPHeaders()
        if !cookies.isEmpty { h.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        h.replaceOrAdd(name: .userAgent, value: userAgent)
        if let acceptLanguage { h.replaceOrAdd(name: .acceptLanguage, value: acceptLanguage) }
        return h
    }

    private func absorb(_ response: XCTHTTPResponse) {
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";")[0]
            let parts = pair.split(separator: "=", maxSplits: 1)
            let name = String(parts[0])
            let value = parts.count > 1 ? String(parts[1]) : ""
            let expired = header.contains("Expires=Thu, 01 Jan 1970") || header.lowercased().contains("max-age=0")
            if expired || value.isEmpty { cookies[name] = nil } else { cookies[name] = value }
        }
        let body = response.body.string
        if let range = body.range(of: #"name="_csrf" value=""#) {
            let rest = body[range.upperBound...]
            if let end = rest.firstIndex(of: "\"") { lastCSRF = String(rest[..<end]) }
        } else if response.headers.contentType == .html {
            lastCSRF = nil
        }
        if response.status == .seeOther { lastCSRF = nil }
    }

    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension XCTHTTPResponse {
    var location: String? { headers.first(name: .location) }

    /// The text of the first element with this id, for reading values a person would copy.
    func text(ofID id: String) -> String? {
        let body = self.body.string
        guard let start = body.range(of: "id=\"\(id)\"") else { return nil }
        guard let open = body[start.upperBound...].firstIndex(of: ">") else { return nil }
        let rest = body[body.index(after: open)...]
        guard let close = rest.firstIndex(of: "<") else { return nil }
        return String(rest[..<close])
    }
}
