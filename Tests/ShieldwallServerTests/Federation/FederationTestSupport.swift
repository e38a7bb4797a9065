import Foundation
import NIOConcurrencyHelpers
import ShieldwallCore
import Vapor
@testable import ShieldwallServer

/// A peer that answers from a script, one answer per request, and remembers what it was asked.
final class ScriptedPeer: TaxiiFetcher, @unchecked Sendable {
    enum Step { case answer(TaxiiAnswer), fail(String) }
    private let lock = NIOLock()
    private var steps: [Step] = []
    private(set) var asked: [(url: String, headers: [(String, String)])] = []

    func then(_ body: String, status: Int = 200, headers: [String: String] = [:]) {
        lock.withLock { steps.append(.answer(TaxiiAnswer(status: status, headers: headers, body: Data(body.utf8)))) }
    }

    func thenDown(_ why: String) { lock.withLock { steps.append(.fail(why)) } }

    var urls: [String] { lock.withLock { asked.map(\.url) } }

    func get(_ url: String, headers: [(String, String)]) async throws -> TaxiiAnswer {
        let step = lock.withLock { () -> Step? in
            asked.append((url, headers))
            return steps.isEmpty ? nil : steps.removeFirst()
        }
        switch step {
        case .answer(let answer): return answer
        case .fail(let why): throw PeerDown(why: why)
        case nil: throw PeerDown(why: "nothing more scripted")
        }
    }

    struct PeerDown: Error, CustomStringConvertible { let why: String; var description: String { why } }
}

/// STIX objects as a peer sends them.
enum PeerObjects {
    static func indicator(_ n: Int, _ address: String, _ tlp: TLP?, revoked: Bool = false) -> String {
        let marking = tlp.map { ", \"object_marking_refs\": [\"\($0.stixMarkingID)\"]" } ?? ""
        return """
            {"type": "indicator", "spec_version": "2.1", "id": "\(id("indicator", n))", "created": "2027-01-10T08:00:00.000Z",
             "modified": "2027-01-1\(revoked ? 2 : 0)T08:00:00.000Z", "pattern": "[ipv4-addr:value = '\(address)']", "pattern_type": "stix",
             "valid_from": "2027-01-10T08:00:00.000Z"\(marking)\(revoked ? ", \"revoked\": true" : "")}
            """
    }

    static func report(_ n: Int, _ name: String, _ tlp: TLP, refs: [Int], revoked: Bool = false) -> String {
        """
        {"type": "report", "spec_version": "2.1", "id": "\(id("report", n))", "created": "2027-01-10T08:00:00.000Z",
         "modified": "2027-01-1\(revoked ? 2 : 0)T08:00:00.000Z", "name": "\(name)", "published": "2027-01-10T08:00:00.000Z",
         "object_refs": [\(refs.map { "\"\(id("indicator", $0))\"" }.joined(separator: ", "))],
         "object_marking_refs": ["\(tlp.stixMarkingID)"]\(revoked ? ", \"revoked\": true" : "")}
        """
    }

    static func id(_ type: String, _ n: Int) -> String { "\(type)--00000000-0000-4000-8000-\(String(format: "%012d", n))" }

    static func envelope(_ objects: [String], more: Bool = false, next: String? = nil) -> String {
        "{\"more\": \(more)\(next.map { ", \"next\": \"\($0)\"" } ?? ""), \"objects\": [\(objects.joined(separator: ", "))]}"
    }
}

/// Two communities with their facilitators, and an operator: Leeds (Fred, of Quayside Books) and Hull (Hana, of
/// Harbour IT), as the reading-account and pushing tests share them.
struct TwoCommunities {
    let firm: Organisation, other: Organisation
    let fred: Person, hana: Person, olga: Person
    let leeds: Community, hull: Community
    let fredIn: SignedIn, hanaIn: SignedIn, olgaIn: SignedIn

    static func make(_ app: Application) async throws -> TwoCommunities {
        let firm = try await Seed.organisation(app, name: "Quayside Books"), other = try await Seed.organisation(app, name: "Harbour IT")
        let fred = try await Seed.person(app, email: "fred@books.example", name: "Fred Facilitator", organisation: firm, role: .admin)
        let hana = try await Seed.person(app, email: "hana@harbour.example", name: "Hana Harbour", organisation: other, role: .admin)
        let olga = try await Seed.person(app, email: "op@shieldwall.example", name: "Olga Operator", isOperator: true)
        let leeds = try await Seed.community(app, name: "Leeds Shops", facilitator: fred, firms: [firm])
        let hull = try await Seed.community(app, name: "Hull Harbour", facilitator: hana, firms: [other])
        return TwoCommunities(firm: firm, other: other, fred: fred, hana: hana, olga: olga, leeds: leeds, hull: hull,
                              fredIn: try SignedIn(person: fred, organisation: firm, sessionID: nil, stage: .full),
                              hanaIn: try SignedIn(person: hana, organisation: other, sessionID: nil, stage: .full),
                              olgaIn: try SignedIn(person: olga, organisation: nil, sessionID: nil, stage: .full))
    }
}
