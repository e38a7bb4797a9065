import Foundation
import Vapor

/// One part of an address: a fixed word, or a named parameter that the route declares and a link fills.
struct PathPart: Sendable, Hashable, ExpressibleByStringLiteral {
    let name: String
    let isParameter: Bool

    init(stringLiteral word: String) {
        name = word
        isParameter = false
    }

    private init(parameter: String) {
        name = parameter
        isParameter = true
    }

    static func parameter(_ name: String) -> PathPart { PathPart(parameter: name) }

    var component: PathComponent { isParameter ? .parameter(name) : .constant(name) }
}

/// A value that fills a parameter of a link.
protocol PathValue: Sendable {
    var pathText: String { get }
}

extension String: PathValue {
    /// Slugs and tokens are URL-safe already; anything else is percent-encoded so it stays one part.
    var pathText: String { addingPercentEncoding(withAllowedCharacters: .urlUnreserved) ?? self }
}

extension UUID: PathValue {
    var pathText: String { uuidString }
}

extension Int: PathValue {
    var pathText: String { String(self) }
}

extension CharacterSet {
    /// RFC 3986's unreserved characters: what a path part may hold without encoding.
    static let urlUnreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}

/// Which kind of answer a route gives, so that middleware asks the route instead of its path:
/// pages answer errors with a page in the person's language, the API and TAXII with JSON problems.
enum EndpointSurface: String, Sendable {
    case page, api, taxii
}

/// An address, declared once: routes are registered from it and links are built from it. The
/// tables (`SiteURL`, `APIURL`, `TaxiiURL`) hold one per address; the contract test walks them all.
protocol EndpointDeclaration: Sendable {
    var surface: EndpointSurface { get }
    var parts: [PathPart] { get }
    /// The type of each parameter, in order.
    var parameterTypes: [any PathValue.Type] { get }
    init(parts: [PathPart], surface: EndpointSurface)
}

extension EndpointDeclaration {
    /// A page: `Endpoint1<String>("communities", .slug)`.
    init(_ parts: PathPart...) { self.init(parts: parts, surface: .page) }
    /// An address of the JSON API, under `/api/v1`.
    init(api parts: PathPart...) { self.init(parts: APIURLTable.prefix + parts, surface: .api) }
    /// An address of the TAXII server, under `/taxii2`.
    init(taxii parts: PathPart...) { self.init(parts: TaxiiURLTable.prefix + parts, surface: .taxii) }

    var components: [PathComponent] { parts.map(\.component) }

    /// How many values a link needs; the contract test checks it against the parameters in `parts`.
    var arity: Int { parameterTypes.count }

    /// The parameters that only an id fills: any other text in their place answers 404, so the address does not
    /// take that method (`MethodIndex`).
    var idParameters: Set<String> {
        Set(zip(parts.filter(\.isParameter), parameterTypes).filter { $0.1 == UUID.self }.map(\.0.name))
    }

    /// The route as Vapor prints it, `/communities/:slug/events`.
    var template: String { "/" + parts.map { $0.isParameter ? ":" + $0.name : $0.name }.joined(separator: "/") }

    func link(_ values: [String]) -> Link {
        var next = values.makeIterator()
        let filled = parts.map { part in part.isParameter ? (next.next() ?? "") : part.name }
        return Link(path: "/" + filled.joined(separator: "/"))
    }
}

/// A built address: `.path` for a link on this site.
struct Link: Sendable, Hashable {
    let path: String
}

/// An address without parameters; it is its own link.
struct Endpoint: EndpointDeclaration {
    let parts: [PathPart]
    let surface: EndpointSurface
    var parameterTypes: [any PathValue.Type] { [] }
    var path: String { link([]).path }

    init(parts: [PathPart], surface: EndpointSurface) {
        self.parts = parts
        self.surface = surface
    }
}

/// An address with one parameter: `SiteURL.community(slug).path`.
struct Endpoint1<A: PathValue>: EndpointDeclaration {
    let parts: [PathPart]
    let surface: EndpointSurface
    var parameterTypes: [any PathValue.Type] { [A.self] }

    init(parts: [PathPart], surface: EndpointSurface) {
        self.parts = parts
        self.surface = surface
    }

    func callAsFunction(_ a: A) -> Link { link([a.pathText]) }
}

/// An address with two parameters, filled in the order they appear.
struct Endpoint2<A: PathValue, B: PathValue>: EndpointDeclaration {
    let parts: [PathPart]
    let surface: EndpointSurface
    var parameterTypes: [any PathValue.Type] { [A.self, B.self] }

    init(parts: [PathPart], surface: EndpointSurface) {
        self.parts = parts
        self.surface = surface
    }

    func callAsFunction(_ a: A, _ b: B) -> Link { link([a.pathText, b.pathText]) }
}

/// A table of addresses, walked by the contract test: every stored property that is an address counts.
protocol EndpointTable: Sendable {}

extension EndpointTable {
    var endpoints: [(name: String, endpoint: any EndpointDeclaration)] {
        Mirror(reflecting: self).children.compactMap { child in
            guard let name = child.label, let endpoint = child.value as? any EndpointDeclaration else { return nil }
            return (name, endpoint)
        }
    }
}

private struct EndpointSurfaceKey: Hashable, Sendable {}
private struct BodyLimitKey: Hashable, Sendable {}
private struct IDParametersKey: Hashable, Sendable {}

extension Route {
    /// The parameters of the route's address that only an id fills (`EndpointDeclaration.idParameters`).
    var idParameters: Set<String> { userInfo[AnySendableHashable(IDParametersKey())] as? Set<String> ?? [] }
}

extension RoutesBuilder {
    /// Registers `endpoint` for `method`. A route that takes uploads names its own body limit here; the session
    /// middleware reads it from the route (`Request.bodyLimit`) before it checks a form's CSRF token.
    @discardableResult
    func on<Response: AsyncResponseEncodable>(_ method: HTTPMethod, _ endpoint: some EndpointDeclaration, bodyLimit: Int? = nil,
                                              use handler: @Sendable @escaping (Request) async throws -> Response) -> Route {
        let route = on(method, endpoint.components, body: .collect(maxSize: bodyLimit.map { ByteCount(value: $0) }), use: handler)
        route.userInfo[AnySendableHashable(EndpointSurfaceKey())] = endpoint.surface
        route.userInfo[AnySendableHashable(IDParametersKey())] = endpoint.idParameters
        if let bodyLimit { route.userInfo[AnySendableHashable(BodyLimitKey())] = bodyLimit }
        return route
    }

    @discardableResult
    func get<Response: AsyncResponseEncodable>(_ endpoint: some EndpointDeclaration,
                                               use handler: @Sendable @escaping (Request) async throws -> Response) -> Route {
        on(.GET, endpoint, use: handler)
    }

    @discardableResult
    func post<Response: AsyncResponseEncodable>(_ endpoint: some EndpointDeclaration, bodyLimit: Int? = nil,
                                                use handler: @Sendable @escaping (Request) async throws -> Response) -> Route {
        on(.POST, endpoint, bodyLimit: bodyLimit, use: handler)
    }

    @discardableResult
    func put<Response: AsyncResponseEncodable>(_ endpoint: some EndpointDeclaration,
                                               use handler: @Sendable @escaping (Request) async throws -> Response) -> Route {
        on(.PUT, endpoint, use: handler)
    }

    @discardableResult
    func patch<Response: AsyncResponseEncodable>(_ endpoint: some EndpointDeclaration,
                                                 use handler: @Sendable @escaping (Request) async throws -> Response) -> Route {
        on(.PATCH, endpoint, use: handler)
    }

    @discardableResult
    func delete<Response: AsyncResponseEncodable>(_ endpoint: some EndpointDeclaration,
                                                  use handler: @Sendable @escaping (Request) async throws -> Response) -> Route {
        on(.DELETE, endpoint, use: handler)
    }
}

extension Route {
    /// The surface its endpoint declared; nil for a route registered some other way (there are none).
    var surface: EndpointSurface? { userInfo[AnySendableHashable(EndpointSurfaceKey())] as? EndpointSurface }
    var bodyLimit: Int? { userInfo[AnySendableHashable(BodyLimitKey())] as? Int }
}

extension Request {
    /// What kind of answer this request expects: its route's surface, or for an address no route has, the
    /// surface whose prefix it starts with (a mistyped API address still gets a JSON problem).
    var surface: EndpointSurface {
        if let surface = route?.surface { return surface }
        let first = url.path.split(separator: "/").first.map(String.init)
        if first == APIURLTable.prefix.first?.name { return .api }
        if first == TaxiiURLTable.prefix.first?.name { return .taxii }
        return .page
    }

    /// The largest body this request's route takes: its own limit, else the application's default.
    var bodyLimit: Int { route?.bodyLimit ?? application.routes.defaultMaxBodySize.value }
}

extension Parameters {
    /// A parameter by the name its endpoint declared.
    func get(_ part: PathPart) -> String? { get(part.name) }

    func get<T: LosslessStringConvertible>(_ part: PathPart, as type: T.Type) -> T? { get(part.name, as: type) }
}
