import Fluent
import Foundation
import Vapor

/// What an account action needs, whether it comes from a page, the API or the CLI.
struct ActionContext: Sendable {
    let db: any Database
    let services: ShieldwallServices
    let hasher: AsyncPasswordHasher
    let address: String

    var now: Date { services.time.now }

    init(db: any Database, services: ShieldwallServices, hasher: AsyncPasswordHasher, address: String) {
        self.db = db
        self.services = services
        self.hasher = hasher
        self.address = address
    }

    init(_ req: Request) {
        self.init(db: req.db, services: req.shieldwall, hasher: req.password.async, address: req.clientAddress)
    }

    init(_ app: Application) {
        self.init(db: app.db, services: app.shieldwall,
                  hasher: app.password.async(on: app.threadPool, hopTo: app.eventLoopGroup.next()), address: "cli")
    }
}
