import Fluent
import Foundation
import ShieldwallCore
import Vapor

/// A firm's devices (its people), the CSV upload and device policy (its admins), and the dashboard's "add to our
/// action list" for a device left without updates.
struct DeviceController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.organisationDevices, use: list)
        routes.post(SiteURL.organisationDevices, bodyLimit: AlertIngest.maxBytes, use: upload)
        routes.get(SiteURL.organisationDevicesCSV, use: csv)
        routes.post(SiteURL.organisationDevicePolicy, use: savePolicy)
        routes.post(SiteURL.organisationSecurityActions, use: addAction)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let firm = try await IntegrationScope.firm(req, person: person, need: .alerts)
        return DevicesView.page(try await req.pageContext(), try await DevicesPage.build(firm, viewer: person, on: req.db, now: req.now))
    }

    struct Upload: Content { var file: File? }

    /// A CSV of the firm's devices: replaces the list uploaded before, or is refused whole with every line's problem.
    @Sendable func upload(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let firm = try await IntegrationScope.firm(req, person: person, need: .alerts)
        let id = try firm.requireID()
        guard IntegrationAccess.canManageDevices(firm: id.uuidString, viewer: person.viewer) else { throw Refusal(.forbidden, "devices.error.admin") }
        do {
            guard let file = try? req.content.decode(Upload.self).file, file.data.readableBytes > 0 else {
                throw ValidationFailure(field: "file", key: "devices.error.choose-file")
            }
            guard let text = String(data: Data(buffer: file.data), encoding: .utf8) else { throw ValidationFailure(field: "file", key: "devices.error.not-text") }
            let devices = try DeviceActions.read(csv: text, now: req.now)
            let outcome = try await DeviceActions.report(devices, firm: id, key: nil, ctx: ActionContext(req))
            return req.seeOther(SiteURL.organisationDevices(id).path, flash: outcome.removed > 0 ? "flash.devices-replaced" : "flash.devices-uploaded")
        } catch let failure as ValidationFailure {
            var page = try await DevicesPage.build(firm, viewer: person, on: req.db, now: req.now)
            page.uploadProblems = failure.problems.map { $0.message(req.localiser) }
            return DevicesView.page(try await req.pageContext(), page, status: .unprocessableEntity)
        } catch let refusal as Refusal where refusal.status == .payloadTooLarge {
            var page = try await DevicesPage.build(firm, viewer: person, on: req.db, now: req.now)
            page.uploadProblems = [refusal.message(req.localiser)]
            return DevicesView.page(try await req.pageContext(), page, status: .payloadTooLarge)
        }
    }

    @Sendable func csv(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let firm = try await IntegrationScope.firm(req, person: person, need: .alerts)
        let devices = try await DeviceActions.devices(of: try firm.requireID(), on: req.db)
        return CSVFile.response(DevicesPage.csv(devices), filename: "devices-\(PlanActions.today(req.now)).csv")
    }

    @Sendable func savePolicy(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let firm = try await IntegrationScope.firm(req, person: person, need: .alerts)
        let id = try firm.requireID()
        let form = try req.content.decode(DevicePolicyForm.self)
        do {
            try await DeviceActions.savePolicy(form, firm: id, by: person, ctx: ActionContext(req))
            return req.seeOther(SiteURL.organisationDevices(id).path, flash: "flash.device-policy-saved")
        } catch let failure as ValidationFailure {
            var page = try await DevicesPage.build(firm, viewer: person, on: req.db, now: req.now)
            page.policyForm = form
            page.errors = failure.messages(req.localiser)
            return DevicesView.page(try await req.pageContext(), page, status: .unprocessableEntity)
        }
    }

    struct ActionForm: Content { var device: String? }

    @Sendable func addAction(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let firm = try await IntegrationScope.firm(req, person: person, need: .alerts)
        let id = try firm.requireID()
        let form = try req.content.decode(ActionForm.self)
        try await DeviceActions.addUpdateAction(device: form.device ?? "", firm: id, by: person, followUps: req.shieldwall.links.securityFollowUps,
                                                localiser: req.localiser, ctx: ActionContext(req))
        return req.seeOther(SiteURL.organisationSecurity(id).path + "#recommendations", flash: "flash.device-action-added")
    }
}
