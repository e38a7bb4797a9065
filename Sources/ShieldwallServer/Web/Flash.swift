import Vapor

/// A one-time message shown on the next page after an action ("Password changed").
///
/// Carried in a short-lived cookie holding only a catalogue key, never free text, so nothing a
/// visitor sets can be shown as a message.
enum Flash {
    static let cookieName = "sw_flash"

    static func set(_ key: String, on response: Response) {
        guard key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" }) else { return }
        response.cookies[cookieName] = HTTPCookies.Value(string: key, maxAge: 60, path: "/", isHTTPOnly: true, sameSite: .lax)
    }
}

extension Request {
    /// The flash key sent with this request, if it names a known text.
    var flashMessage: String? {
        guard let key = cookies[Flash.cookieName]?.string, key.hasPrefix("flash."),
              localiser.text(key) != key else { return nil }
        return key
    }

    /// Redirects (303, so a form POST becomes a GET) with an optional flash message.
    func seeOther(_ path: String, flash: String? = nil) -> Response {
        let response = redirect(to: path, redirectType: .normal)
        if let flash { Flash.set(flash, on: response) }
        if cookies[Flash.cookieName] != nil && flash == nil {
            response.cookies[Flash.cookieName] = .expired
        }
        return response
    }
}
