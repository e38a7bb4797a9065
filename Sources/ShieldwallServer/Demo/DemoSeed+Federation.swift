import Foundation
import ShieldwallCore
import Vapor

/// `shieldwall demo --peer URL`: a link to another instance, for trying federation by hand.
extension DemoSeed {
    /// Pulls every collection `token` may read at `apiRoot` into the micro-business circle, up to TLP:GREEN.
    public static func linkPeer(apiRoot: String, token: String?, app: Application) async throws -> String {
        let community = Slug.make(from: communityPlans[0].name)
        _ = try await FederationCommands.addPeer(.init(name: "Peer instance", apiRoot: apiRoot, username: nil, secret: token, collections: "",
                                                       community: community, highestTLP: "green", intervalMinutes: 15),
                                                 by: nil, app: app)
        return "Peer instance (\(apiRoot)): every collection it lets this instance read, into \(community), up to TLP:GREEN, every 15 minutes."
    }
}
