import ShieldwallCore
import Vapor

/// One thing wrong with one field, as a catalogue key so pages show it in the person's language and
/// the API in English.
struct FieldProblem: Sendable, Equatable {
    let field: String
    let key: String
    var values: [String: String] = [:]

    func message(_ localiser: Localiser) -> String { localiser.text(key, values) }
}

/// Input that cannot be used; nothing was written. 422 with every problem at once.
struct ValidationFailure: AbortError {
    let problems: [FieldProblem]
    var status: HTTPResponseStatus { .unprocessableEntity }
    var reason: String { "Some fields are not valid." }

    init(_ problems: [FieldProblem]) { self.problems = problems }
    init(field: String, key: String, values: [String: String] = [:]) {
        self.problems = [FieldProblem(field: field, key: key, values: values)]
    }

    /// Field name to message, for showing next to form fields.
    func messages(_ localiser: Localiser) -> [String: String] {
        var out: [String: String] = [:]
        for p in problems where out[p.field] == nil { out[p.field] = p.message(localiser) }
        return out
    }
}

/// Collects problems while checking a form, then throws them all together.
struct ProblemList {
    private(set) var problems: [FieldProblem] = []

    mutating func add(_ field: String, _ key: String, _ values: [String: String] = [:]) {
        problems.append(FieldProblem(field: field, key: key, values: values))
    }

    func throwIfAny() throws {
        if !problems.isEmpty { throw ValidationFailure(problems) }
    }

    /// A required, trimmed text of at most `maxLength` characters.
    mutating func text(_ field: String, _ value: String?, maxLength: Int = 200) -> String {
        let trimmed = (value ?? "").trimmingWhitespace()
        if trimmed.isEmpty { add(field, "error.required") }
        else if trimmed.count > maxLength { add(field, "error.too-long", ["max": String(maxLength)]) }
        return trimmed
    }

    /// An optional, trimmed text of at most `maxLength` characters (empty when not given).
    mutating func optionalText(_ field: String, _ value: String?, maxLength: Int) -> String {
        let trimmed = (value ?? "").trimmingWhitespace()
        if trimmed.count > maxLength { add(field, "error.too-long", ["max": String(maxLength)]) }
        return trimmed
    }
}
