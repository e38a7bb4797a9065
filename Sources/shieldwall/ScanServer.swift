import Foundation
import ShieldwallCore
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

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

    func request(_ path: String, method: String = "GET", body: Data? = nil) -> URLRequest {
        var r = URLRequest(url: URL(string: base + path) ?? URL(fileURLWithPath: "/"))
        r.httpMethod = method
        r.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        r.timeoutInterval = 30
        if let body {
            r.httpBody = body
            r.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        return r
    }

    /// The indicator list, and a note for the person when the cache had to stand in.
    func indicators() async throws -> (text: String, note: String?) {
        var r = request("/api/v1/communities/\(community)/blocklist?format=csv")
        if let etag = try? String(contentsOf: etagFile, encoding: .utf8), FileManager.default.fileExists(atPath: cacheFile.path) {
            r.setValue(etag, forHTTPHeaderField: "If-None-Match")
        }
        do {
            let (data, response) = try await URLSession.shared.data(for: r)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            if status == 304 { return (try String(contentsOf: cacheFile, encoding: .utf8), nil) }
            guard status == 200 else {
                throw Failure(message: "the server answered \(status): \(String(decoding: data.prefix(300), as: UTF8.self))")
            }
            try FileManager.default.createDirectory(at: cacheDirectory, withIntermediateDirectories: true)
            try data.write(to: cacheFile, options: .atomic)
            if let etag = (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "ETag") {
                try Data(etag.utf8).write(to: etagFile, options: .atomic)
            }
            return (String(decoding: data, as: UTF8.self), nil)
        } catch let failure as Failure {
            throw failure
        } catch {
            guard let cached = try? String(contentsOf: cacheFile, encoding: .utf8) else {
                throw Failure(message: "cannot reach \(base) (\(error.localizedDescription)) and there is no cached list yet")
            }
            let date = (try? FileManager.default.attributesOfItem(atPath: cacheFile.path)[.modificationDate] as? Date).map { "\($0)" } ?? "earlier"
            return (cached, "cannot reach \(base) (\(error.localizedDescription)); using the list cached \(date)")
        }
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

        /// The body of the sighting request, exactly as sent.
        func body(community: String) -> [String: Any] {
            var body: [String: Any] = ["community": community, "count": count, "source": "scan"]
            if let firstSeen { body["first_seen"] = ScanServer.stamp(firstSeen) }
            if let lastSeen { body["last_seen"] = ScanServer.stamp(lastSeen) }
            return body
        }
    }

    static func stamp(_ seconds: Int64) -> String { ISO8601.format(Int(seconds)) }

    /// What would be sent: one line per indicator with its value and the body of its sighting.
    static func describe(_ sightings: [Sighting], community: String) -> String {
        sightings.map { s in
            let body = s.body(community: community).merging(["value": s.value]) { a, _ in a }
            let fields = ["value", "community", "count", "first_seen", "last_seen", "source"].compactMap { key -> String? in
                guard let v = body[key] else { return nil }
                let data = (try? JSONSerialization.data(withJSONObject: v, options: [.fragmentsAllowed, .withoutEscapingSlashes])) ?? Data()
                return "\"\(key)\":" + String(decoding: data, as: UTF8.self)
            }
            return "{" + fields.joined(separator: ",") + "}"
        }.joined(separator: "\n")
    }

    /// Sends the counts: values are looked up (only those the holder may see are known), then one sighting each.
    func report(_ sightings: [Sighting]) async throws -> Int {
        guard !sightings.isEmpty else { return 0 }
        var sent = 0
        for start in stride(from: 0, to: sightings.count, by: 1000) {
            let batch = Array(sightings[start..<min(start + 1000, sightings.count)])
            let lookup = try JSONSerialization.data(withJSONObject: ["values": batch.map(\.value)])
            let (data, response) = try await URLSession.shared.data(for: request("/api/v1/indicators/lookup", method: "POST", body: lookup))
            guard (response as? HTTPURLResponse)?.statusCode == 200,
                  let answers = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
                throw Failure(message: "the lookup was refused: \(String(decoding: data.prefix(300), as: UTF8.self))")
            }
            for (sighting, answer) in zip(batch, answers) {
                guard let indicator = answer["indicator"] as? [String: Any], let id = indicator["id"] as? String else { continue }
                let body = try JSONSerialization.data(withJSONObject: sighting.body(community: community))
                let (reply, response) = try await URLSession.shared.data(for: request("/api/v1/indicators/\(id)/sightings", method: "POST", body: body))
                guard (response as? HTTPURLResponse)?.statusCode == 201 else {
                    throw Failure(message: "a sighting of \(sighting.value) was refused: \(String(decoding: reply.prefix(300), as: UTF8.self))")
                }
                sent += 1
            }
        }
        return sent
    }
}
