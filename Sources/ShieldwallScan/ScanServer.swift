import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import ShieldwallCore

/// `shieldwall scan --server`: the holder's view of a community blocklist, cached on disk with its ETag
/// (an hourly cron run costs one `304`), and aggregated sightings sent back — never log lines, never
/// addresses that are not indicators.
struct ScanServer {
    let server: String
    let token: String
    let community: String
    let cacheDirectory: URL

    var base: String { server.hasSuffix("/") ? String(server.dropLast()) : server }
    /// One cached list per server and community (`shieldwall.example_443-my-community-blocklist.csv`).
    var cacheName: String {
        let url = URL(string: base)
        let port = url?.port ?? (url?.scheme == "https" ? 443 : 80)
        return "\(url?.host ?? "server")_\(port)-\(community)-blocklist"
    }
    var cacheFile: URL { cacheDirectory.appendingPathComponent(cacheName + ".csv") }
    var etagFile: URL { cacheDirectory.appendingPathComponent(cacheName + ".etag") }

    struct Failure: Error { let message: String }

    /// A blocklist of a million indicators is about 20 MB; an answer past this is refused, not held.
    static let largestAnswer = 1 << 30

    /// The process's client. A server that refuses the connection fails the request at once: by default the client
    /// tries to connect again until the request's deadline, and a cron run against a server that is down waited 30 s
    /// for the list and 30 s more for the sightings. Never shut down: it lives as long as the command.
    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(30))
        return HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
    }()

    /// One request through AsyncHTTPClient (NIO, already in the binary for the server). Not URLSession: on Linux
    /// that is FoundationNetworking, which links libcurl and some thirty libraries behind it, and loading those
    /// took 7 to 8 ms of every start, a cron run's and a one-line scan's alike.
    func send(_ path: String, method: HTTPMethod = .GET, body: Data? = nil, headers: [(String, String)] = []) async throws
        -> (status: UInt, headers: HTTPHeaders, data: Data) {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.body = .bytes(ByteBuffer(bytes: body))
            request.headers.add(name: "Content-Type", value: "application/json")
        }
        let response = try await Self.client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: Self.largestAnswer)
        return (response.status.code, response.headers, Data(bytes.readableBytesView))
    }

    /// The indicator list (the CSV's bytes), and a note for the person when the cache had to stand in.
    func indicators() async throws -> (list: [UInt8], note: String?) {
        var headers: [(String, String)] = []
        if let etag = try? String(contentsOf: etagFile, encoding: .utf8), FileManager.default.fileExists(atPath: cacheFile.path) {
            headers.append(("If-None-Match", etag))
        }
        do {
            let (status, answerHeaders, data) = try await send("/api/v1/communities/\(community)/blocklist?format=csv", headers: headers)
            if status == 304 { return (Array(try Data(contentsOf: cacheFile)), nil) }
            guard status == 200 else {
                throw Failure(message: "the server answered \(status): \(String(decoding: data.prefix(300), as: UTF8.self))")
            }
            try FileManager.default.createDirectory(at: cacheDirectory, withIntermediateDirectories: true)
            try data.write(to: cacheFile, options: .atomic)
            if let etag = answerHeaders.first(name: "ETag") {
                try Data(etag.utf8).write(to: etagFile, options: .atomic)
            }
            return (Array(data), nil)
        } catch let failure as Failure {
            throw failure
        } catch {
            guard let cached = try? Data(contentsOf: cacheFile) else {
                throw Failure(message: "cannot reach \(base) (\(Self.reason(error))) and there is no cached list yet")
            }
            let date = (try? FileManager.default.attributesOfItem(atPath: cacheFile.path)[.modificationDate] as? Date).map { "\($0)" } ?? "earlier"
            return (Array(cached), "cannot reach \(base) (\(Self.reason(error))); using the list cached \(date)")
        }
    }

    /// Why a request failed, in words: AsyncHTTPClient's errors say little through `localizedDescription`.
    static func reason(_ error: any Error) -> String {
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)) }
        if let connection = error as? NIOConnectionError, let first = connection.connectionErrors.first {
            return reason(first.error)
        }
        if let client = error as? HTTPClientError, client == .invalidURL { return "not a web address" }
        let text = String(describing: error)
        if text.contains("CERTIFICATE_VERIFY_FAILED") { return "its certificate is not trusted by this machine" }
        return text
    }

    struct Sighting {
        let value: String
        let count: Int
        /// From the logs (seconds since 1970), never later than now: a clock or time zone off in a log must not be refused.
        let firstSeen: Int64?
        let lastSeen: Int64?

        init(value: String, count: Int, firstSeen: Int64?, lastSeen: Int64?) {
            let now = Int64(Date().timeIntervalSince1970)
            self.value = value
            self.count = count
            self.firstSeen = firstSeen.map { min($0, now) }
            self.lastSeen = lastSeen.map { min($0, now) }
        }

        /// One item of the request, exactly as sent.
        var item: [String: Any] {
            var body: [String: Any] = ["value": value, "count": count]
            if let firstSeen { body["first_seen"] = ScanServer.stamp(firstSeen) }
            if let lastSeen { body["last_seen"] = ScanServer.stamp(lastSeen) }
            return body
        }
    }

    static func stamp(_ seconds: Int64) -> String { ISO8601.format(Int(seconds)) }

    /// Where the sightings go: one request per thousand.
    var sightingsPath: String { "/api/v1/communities/\(community)/sightings" }
    static let batch = 1_000

    /// What would be sent: the request, then one line per item in it.
    func describe(_ sightings: [Sighting]) -> String {
        (["POST \(sightingsPath) {\"source\":\"scan\",\"sightings\":[…]}, with these items:"] + sightings.map { s in
            let item = s.item
            let fields = ["value", "count", "first_seen", "last_seen"].compactMap { key -> String? in
                guard let v = item[key] else { return nil }
                let data = (try? JSONSerialization.data(withJSONObject: v, options: [.fragmentsAllowed, .withoutEscapingSlashes])) ?? Data()
                return "\"\(key)\":" + String(decoding: data, as: UTF8.self)
            }
            return "{" + fields.joined(separator: ",") + "}"
        }).joined(separator: "\n")
    }

    /// Sends the counts, a thousand to a request. The answer says how many were counted; values the holder may
    /// not see (or that left the list since it was fetched) are not.
    func report(_ sightings: [Sighting]) async throws -> (sent: Int, unknown: Int) {
        var sent = 0, unknown = 0
        for start in stride(from: 0, to: sightings.count, by: Self.batch) {
            let batch = sightings[start..<min(start + Self.batch, sightings.count)]
            let body = try JSONSerialization.data(withJSONObject: ["source": "scan", "sightings": batch.map(\.item)])
            let (status, _, data) = try await send(sightingsPath, method: .POST, body: body)
            guard status == 200, let answer = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let recorded = answer["recorded"] as? Int else {
                let before = sent > 0 ? " (after \(sent) were counted)" : ""
                throw Failure(message: "the server answered \(status)\(before): \(String(decoding: data.prefix(300), as: UTF8.self))")
            }
            sent += recorded
            unknown += (answer["unknown"] as? [Any])?.count ?? 0
        }
        return (sent, unknown)
    }
}
