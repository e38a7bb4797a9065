import RoutingKit
import Vapor

/// Which methods an address answers to, so that a request whose path exists under another method gets
/// "405 Method Not Allowed" with an `Allow` header (RFC 9110 §15.5.6) instead of "404 Not Found". Built once, after
/// the routes are registered; read-only afterwards, so shared by every request. A route whose id parameter the path
/// does not fill with an id is not counted: `GET /indicators/extract` reaches `GET /indicators/:indicatorID` and
/// answers 404, so `/indicators/extract` does not take GET.
final class MethodIndex: @unchecked Sendable {
    private let router = TrieRouter<Set<String>>()
    private let methods: [HTTPMethod]

    init(_ routes: [Route]) {
        var seen: [String: HTTPMethod] = [:]
        for route in routes {
            // As Vapor's own responder does: the method is the first component, so "/" has a path too.
            router.register(route.idParameters, at: [.constant(route.method.rawValue)] + route.path)
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
            guard let ids = router.route(path: [method.rawValue] + parts, parameters: &parameters),
                  ids.allSatisfy({ parameters.get($0).flatMap(UUID.init(uuidString:)) != nil }) else { continue }
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
