import XCTVapor
@testable import ShieldwallServer

extension TestBrowser {
    /// Creates an integration key on the firm's page as its admin would, and reads the key shown once.
    func createIntegrationKey(_ firm: UUID, name: String = "CrowdSec on the shop server", scopes: [String] = ["alerts"],
                              file: StaticString = #filePath, line: UInt = #line) async throws -> String {
        let response = try await post(SiteURL.organisationIntegrations(firm).path, pairs: [("name", name)] + scopes.map { ($0, "true") },
                                      file: file, line: line)
        XCTAssertEqual(response.status, .ok, response.body.string, file: file, line: line)
        return try XCTUnwrap(response.text(ofID: "new-key"), "no key shown", file: file, line: line)
    }
}

extension Application {
    /// Sends a body to the ingest API with an integration key, as a tool would.
    func ingest(_ body: String, format: String? = nil, key: String?, header: String = "Authorization") async throws -> XCTHTTPResponse {
        var headers = HTTPHeaders()
        if let key { header == "Authorization" ? (headers.bearerAuthorization = BearerAuthorization(token: key)) : headers.add(name: header, value: key) }
        headers.contentType = .json
        let query = format.map { "?format=\($0)" } ?? ""
        return try await testable().sendRequest(.POST, "/api/v1/ingest/alerts" + query, headers: headers, body: ByteBuffer(string: body))
    }
}

extension Application {
    /// Sends a tool's device list with an integration key.
    func putDevices(_ body: String, key: String?) async throws -> XCTHTTPResponse {
        var headers = HTTPHeaders()
        if let key { headers.bearerAuthorization = BearerAuthorization(token: key) }
        headers.contentType = .json
        return try await testable().sendRequest(.PUT, "/api/v1/ingest/devices", headers: headers, body: ByteBuffer(string: body))
    }
}

enum DeviceSamples {
    /// One device as a tool sends it; dates as `2026-12-01`, nil leaves the field out.
    static func device(_ name: String, kind: String = "laptop", lastUpdate: String? = nil, encrypted: Bool? = true, antimalware: Bool? = true,
                       backup: String? = nil, owner: String = "Sam") -> String {
        var fields = [#""name":"\#(name)""#, #""kind":"\#(kind)""#, #""os":"Windows""#, #""os_version":"11 23H2""#, #""owner":"\#(owner)""#]
        if let lastUpdate { fields.append(#""last_update":"\#(lastUpdate)""#) }
        if let encrypted { fields.append(#""disk_encrypted":\#(encrypted)"#) }
        if let antimalware { fields.append(#""malware_protection":\#(antimalware)"#) }
        if let backup { fields.append(#""last_backup":"\#(backup)""#) }
        return "{" + fields.joined(separator: ",") + "}"
    }

    static func list(_ devices: [String]) -> String { #"{"devices":["# + devices.joined(separator: ",") + "]}" }
}

enum AlertSamples {
    /// One alert in our own format at `time`, from `address`.
    static func ours(_ time: String, address: String = "203.0.113.7", kind: String = "brute-force", summary: String = "Failed sign-in to the shop admin") -> String {
        #"{"alerts":[{"source":"shop-script","time":"\#(time)","severity":"medium","kind":"\#(kind)","addresses":["\#(address)"],"host":"shop","summary":"\#(summary)"}]}"#
    }

    static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}
