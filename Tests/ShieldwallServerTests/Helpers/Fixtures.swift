import Foundation

/// The real-world inputs in `Tests/Fixtures/` (their README says where each came from), found from this
/// file so that a clone anywhere reads its own copy.
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let logs = folder.appendingPathComponent("logs")
    static let stixOasis = folder.appendingPathComponent("stix-oasis")
    static let integrations = folder.appendingPathComponent("integrations")
}
