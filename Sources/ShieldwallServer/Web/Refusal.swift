import ShieldwallCore
import Vapor

/// A request refused for a reason people read, held as a catalogue key and worded where the answer is made
/// (the error middleware, a page, the CLI) in the reader's language. Code without a request refuses the same
/// way as a handler; for problems with form fields, `ValidationFailure`.
struct Refusal: AbortError {
    let status: HTTPResponseStatus
    let key: String
    let values: [String: String]
    let headers: HTTPHeaders

    init(_ status: HTTPResponseStatus, _ key: String, _ values: [String: String] = [:], headers: HTTPHeaders = [:]) {
        self.status = status
        self.key = key
        self.values = values
        self.headers = headers
    }

    /// The key, for logs; people are shown `message(_:)`.
    var reason: String { key }

    func message(_ localiser: Localiser) -> String { localiser.text(key, values) }
}

extension AbortError {
    /// What to tell people: a refusal in their language, any other error as it words itself.
    func message(_ localiser: Localiser) -> String {
        (self as? Refusal)?.message(localiser) ?? reason
    }
}
