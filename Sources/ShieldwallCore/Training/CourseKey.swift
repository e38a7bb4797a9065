import Foundation

/// Which course an assignment or a record is about: one of our modules (by id) or an external course (by its row).
/// Written as text (`module:passwords`, `external:UUID`) in addresses and tables.
public enum CourseKey: Hashable, Sendable, CustomStringConvertible {
    case module(String)
    case external(UUID)

    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        switch parts[0] {
        case "module" where !parts[1].isEmpty && parts[1].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }): self = .module(parts[1])
        case "external": guard let id = UUID(uuidString: parts[1]) else { return nil }; self = .external(id)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .module(let id): "module:\(id)"
        case .external(let id): "external:\(id.uuidString)"
        }
    }

    /// How it is written in a page's address: the module's id, or the external course's UUID.
    public var path: String {
        switch self {
        case .module(let id): id
        case .external(let id): id.uuidString
        }
    }

    public init?(path: String) {
        if let id = UUID(uuidString: path) { self = .external(id) } else { self.init("module:" + path) }
    }

    public var externalID: UUID? { if case .external(let id) = self { id } else { nil } }

    public var isModule: Bool { if case .module = self { true } else { false } }
}
