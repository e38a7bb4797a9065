import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// The firm's devices, as its people see them (`IntegrationScope`: nobody outside the firm).
struct FirmDevicesAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(APIURL.organisationDevices, use: list)
    }

    struct DeviceDTO: Content {
        let id: UUID
        let name: String
        let kind: String
        let os: String
        let osVersion: String
        let lastUpdate: Date?
        let malwareProtection: Bool?
        let lastSignatureUpdate: Date?
        let diskEncrypted: Bool?
        let lastBackup: Date?
        let owner: String
        let reportedAt: Date
        /// What is wrong under the firm's policy, as codes (`updates-overdue`…); empty when protected as it should be.
        let problems: [String]
    }

    @Sendable func list(req: Request) async throws -> CursorPage<DeviceDTO> {
        let person = try req.requireAPIPerson()
        let firm = try await IntegrationScope.firm(req, person: person, need: .alerts)
        let id = try firm.requireID()
        let policy = try await DeviceActions.policy(of: id, on: req.db)
        let now = req.now
        return try await PageRequest(req).fetch(FirmDevice.query(on: req.db).filter(\.$organisation.$id == id)) { d in
            DeviceDTO(id: try d.requireID(), name: d.name, kind: d.kind, os: d.operatingSystem, osVersion: d.osVersion, lastUpdate: d.lastUpdate,
                      malwareProtection: d.malwareProtection, lastSignatureUpdate: d.lastSignatureUpdate, diskEncrypted: d.diskEncrypted,
                      lastBackup: d.lastBackup, owner: d.owner, reportedAt: d.reportedAt,
                      problems: policy.problems(d.report, now: now).map(\.code))
        }.response
    }
}
