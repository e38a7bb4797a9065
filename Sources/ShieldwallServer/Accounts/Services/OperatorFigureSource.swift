import Fluent
import Foundation

/// Figures a domain above Accounts adds to the operator's console: counts only, never what they count. Answered by
/// those domains, wired by App (`DomainLinks.operatorFigures`).
protocol OperatorFigureSource: Sendable {
    func figures(on db: any Database, now: Date) async throws -> [OperatorFigure]
}

struct OperatorFigure: Sendable {
    let count: Int
    /// The catalogue key of what is counted (`{count}` in it, or the count shown before it).
    let key: String
}
