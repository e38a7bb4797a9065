import Foundation
import XCTVapor
@testable import ShieldwallServer

extension Application {
    /// Calls the API with a bearer token and an optional raw JSON body.
    func api(_ method: HTTPMethod, _ path: String, token: String?, json: String? = nil,
             file: StaticString = #filePath, line: UInt = #line) async throws -> XCTHTTPResponse {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        if json != nil { headers.contentType = .json }
        return try await testable().sendRequest(method, "/api/v1" + path, headers: headers,
                                                body: json.map { ByteBuffer(string: $0) }, file: file, line: line)
    }
}

extension XCTHTTPResponse {
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.string.utf8))) as? [String: Any] ?? [:]
    }

    var jsonArray: [[String: Any]]? {
        (try? JSONSerialization.jsonObject(with: Data(body.string.utf8))) as? [[String: Any]]
    }
}
