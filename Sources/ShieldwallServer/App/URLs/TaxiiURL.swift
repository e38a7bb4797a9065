import Foundation

/// Every address of the TAXII 2.1 server, once, under `/taxii2`: one API root, its collections and objects.
let TaxiiURL = TaxiiURLTable()

struct TaxiiURLTable: EndpointTable {
    static let prefix: [PathPart] = ["taxii2"]

    let discovery = Endpoint(parts: TaxiiURLTable.prefix, surface: .taxii)
    let apiRoot = Endpoint(taxii: "api")
    let collections = Endpoint(taxii: "api", "collections")
    let collection = Endpoint1<String>(taxii: "api", "collections", .collection)
    let objects = Endpoint1<String>(taxii: "api", "collections", .collection, "objects")
    let object = Endpoint2<String, String>(taxii: "api", "collections", .collection, "objects", .objectID)
    let objectVersions = Endpoint2<String, String>(taxii: "api", "collections", .collection, "objects", .objectID, "versions")
    let manifest = Endpoint1<String>(taxii: "api", "collections", .collection, "manifest")
    let status = Endpoint1<UUID>(taxii: "api", "status", .statusID)
}
