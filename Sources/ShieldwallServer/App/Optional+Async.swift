import Foundation

/// `flatMap` for an optional whose transform awaits (a lookup by an id that may be missing).
extension Optional {
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
