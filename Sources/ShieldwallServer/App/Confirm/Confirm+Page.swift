import Foundation

/// A destructive action waiting for "yes": what a danger button (`Forms.dangerButton`) sent, checked so the page can only
/// lead to one of our own addresses with one of our own questions.
struct ConfirmPage: Sendable {
    /// Each has `confirm.KIND` (the question, with `{name}`) and `confirm.KIND.yes` (the button) in the catalogue.
    static let kinds: Set<String> = [
        "delete-thread", "delete-reply", "remove-resource", "withdraw-report", "remove-allowlist", "remove-measure",
        "remove-firm", "remove-expert", "leave-community", "leave-community-firm", "archive-community", "cancel-event",
        "deactivate-person", "revoke-token", "revoke-integration-key", "remove-peer", "revoke-peer-account", "unblock-address", "revoke-feed", "remove-warning", "decline-provider", "revoke-provider-claim",
        "training-withdraw", "training-withdraw-course", "end-mentorship", "withdraw-profile", "withdraw-lab",
    ]

    let kind: String
    let action: String
    let name: String
    let back: String
    let fields: [(name: String, value: String)]

    enum Problem: Error { case kind, action, name }

    init(form: [String: String]) throws(Problem) {
        guard let kind = form["kind"], Self.kinds.contains(kind) else { throw .kind }
        guard let action = form["action"], Self.isLocalPath(action) else { throw .action }
        let name = form["name"] ?? ""
        guard name.count <= 200 else { throw .name }
        self.kind = kind
        self.action = action
        self.name = name
        back = form["back"].flatMap { Self.isLocalPath($0) ? $0 : nil } ?? "/"
        fields = form.compactMap { key, value in
            key.hasPrefix(Forms.confirmFieldPrefix) ? (String(key.dropFirst(Forms.confirmFieldPrefix.count)), value) : nil
        }.sorted { $0.name < $1.name }
    }

    /// An address on this site: one leading slash (not `//host`), no backslash, space or control character.
    static func isLocalPath(_ s: String) -> Bool {
        s.hasPrefix("/") && !s.hasPrefix("//") && s.count <= 500
            && !s.unicodeScalars.contains { $0 == "\\" || $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7f }
    }
}
