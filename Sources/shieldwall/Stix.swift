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
            let (data, count) = try await StixCommands.exportCommunity(slug: community, app: app)
            if let output {
                try data.write(to: URL(fileURLWithPath: output), options: .atomic)
                FileHandle.standardError.write(Data("Exported \(count) report(s) to \(output).\n".utf8))
            } else {
                FileHandle.standardOutput.write(data)
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
