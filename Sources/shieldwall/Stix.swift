import ArgumentParser
import Foundation
import ShieldwallServer

struct Stix: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stix",  // named, not derived from the type: that costs a conformance search at every start
        abstract: "Exchange threat intelligence as STIX 2.1 bundles.",
        subcommands: [StixExportCommand.self, StixImportCommand.self]
    )
}

struct StixExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a community's shared intelligence as a STIX 2.1 bundle.",
        discussion: "Only what may be shared beyond this instance is exported: TLP:CLEAR, GREEN and AMBER. AMBER+STRICT and RED never leave."
    )

    @Option(help: "The community's address (slug).") var community: String
    @Option(help: "Write the bundle to this file instead of standard output.") var output: String?

    func run() async throws {
        try await withApp { app in
            if let output {
                // Written beside the target and moved over it at the end, so a failed export leaves no half file.
                let target = URL(fileURLWithPath: output)
                let partial = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).partial")
                guard FileManager.default.createFile(atPath: partial.path, contents: nil), let file = try? FileHandle(forWritingTo: partial) else {
                    throw ValidationError("Cannot write \(output).")
                }
                do {
                    let count = try await StixCommands.exportCommunity(slug: community, app: app) { try file.write(contentsOf: Data($0.readableBytesView)) }
                    try file.close()
                    guard rename(partial.path, target.path) == 0 else { throw ValidationError("Cannot write \(output).") }
                    FileHandle.standardError.write(Data("Exported \(count) report(s) to \(output).\n".utf8))
                } catch {
                    try? file.close()
                    try? FileManager.default.removeItem(at: partial)
                    throw error
                }
            } else {
                _ = try await StixCommands.exportCommunity(slug: community, app: app) { FileHandle.standardOutput.write(Data($0.readableBytesView)) }
                FileHandle.standardOutput.write(Data("\n".utf8))
            }
        }
    }
}

struct StixImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a STIX 2.x bundle into a community as reports and indicators.",
        discussion: "Objects Shieldwall cannot use are listed as skipped with the reason; malformed ones as errors while the rest is imported. Importing the same bundle again changes nothing."
    )

    @Argument(help: "The bundle file (JSON).") var file: String
    @Option(help: "The community's address (slug).") var community: String
    @Option(help: "E-mail of the person named as author (default: the community's facilitator).") var author: String?

    func run() async throws {
        try await withApp { app in
            try await app.autoMigrate()
            print(try await StixCommands.importFile(file, community: community, author: author, app: app))
        }
    }
}
