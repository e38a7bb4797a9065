import RoutingKit
import Vapor

/// Which methods an address answers to, so that a request whose path exists under another method gets
/// "405 Method Not Allowed" with an `Allow` header (RFC 9110 §15.5.6) instead of "404 Not Found". Built once, after
/// the routes are registered; read-only afterwards, so shared by every request.
final class MethodIndex: @unchecked Sendable {
    private let router = TrieRouter<Bool>()
    private let methods: [HTTPMethod]

    init(_ routes: [Route]) {
        var seen: [String: HTTPMethod] = [:]
        for route in routes {
            // As Vapor's own responder does: the method is the first component, so "/" has a path too.
            router.register(true, at: [.constant(route.method.rawValue)] + route.path)
            seen[route.method.rawValue] = route.method
        }
        methods = seen.values.sorted { $0.rawValue < $1.rawValue }
    }

    /// The methods a route exists for at `path` (GET brings HEAD, as Vapor answers it).
    func methods(for path: String) -> [HTTPMethod] {
        let parts = path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        var found: [HTTPMethod] = []
        for method in methods {
            var parameters = Parameters()
            guard router.route(path: [method.rawValue] + parts, parameters: &parameters) != nil else { continue }
            found.append(method)
            if method == .GET { found.append(.HEAD) }
        }
        return found
    }
}

extension Application {
    private struct MethodIndexKey: StorageKey { typealias Value = MethodIndex }

    /// Set by `configure` once every route is registered.
    var methodIndex: MethodIndex? {
        get { storage[MethodIndexKey.self] }
        set { storage[MethodIndexKey.self] = newValue }
    }
}
