import Fluent
import Foundation
import ShieldwallCore

/// Creating and changing organisations, with the checks shared by pages, API and demo.
enum OrganisationActions {
    struct Input: Sendable {
        var name: String?
        var staffCount: String?
        var sector: String?
        var region: String?
    }

    /// Checks every field and returns the values to store, or throws every problem at once.
    static func validate(_ input: Input) throws -> (name: String, staff: Int, size: OrganisationSize, sector: String, region: String) {
        var problems = ProblemList()
        let name = problems.text("name", input.name, maxLength: 120)
        let sector = problems.text("sector", input.sector, maxLength: 80)
        let region = problems.text("region", input.region, maxLength: 80)
        var staff = 0
        var size = OrganisationSize.micro
        let rawStaff = (input.staffCount ?? "").trimmingWhitespace()
        if rawStaff.isEmpty {
            problems.add("staff_count", "error.required")
        } else if let n = Int(rawStaff) {
            switch OrganisationSize.classify(staff: n) {
            case .success(let s): staff = n; size = s
            case .failure(.negative): problems.add("staff_count", "error.staff-negative")
            case .failure(.tooLarge(let limit)): problems.add("staff_count", "error.staff-too-large", ["max": String(limit)])
            }
        } else {
            problems.add("staff_count", "error.whole-number")
        }
        try problems.throwIfAny()
        return (name, staff, size, sector, region)
    }

    static func create(_ input: Input, by actor: SignedIn?, ctx: ActionContext) async throws -> Organisation {
        let v = try validate(input)
        let organisation = Organisation(name: v.name, staffCount: v.staff, size: v.size, sector: v.sector, region: v.region,
                                        createdAt: ctx.now)
        try await ctx.db.transaction { tx in
            try await organisation.create(on: tx)
            try await AuditLog.record(.organisationCreated, personID: actor?.personID, email: actor?.email ?? "cli",
                                      organisationID: organisation.id, detail: v.name, address: ctx.address, at: ctx.now, on: tx)
        }
        return organisation
    }
}
