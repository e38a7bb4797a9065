import Foundation

/// The addresses of CrowdSec's local API that Shieldwall answers for a firm's bouncers, under `/v1` as CrowdSec
/// serves them (a bouncer's `api_url` is the instance's address): `docs/integrations.md`.
let CrowdSecURL = CrowdSecURLTable()

struct CrowdSecURLTable: EndpointTable {
    static let prefix: [PathPart] = ["v1"]

    let decisionsStream = Endpoint(parts: CrowdSecURLTable.prefix + ["decisions", "stream"], surface: .api)
    let decisions = Endpoint(parts: CrowdSecURLTable.prefix + ["decisions"], surface: .api)
}
