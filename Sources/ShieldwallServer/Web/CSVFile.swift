import Foundation
import ShieldwallCore
import Vapor

/// A CSV download.
enum CSVFile {
    static func response(_ rows: [[String]], filename: String) -> Response {
        let response = Response(status: .ok, body: .init(string: CSV.document(rows)))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
        return response
    }
}
