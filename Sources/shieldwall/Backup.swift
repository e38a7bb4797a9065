import ArgumentParser
import Foundation
import ShieldwallServer

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Back the instance up into a directory, or restore it from one.",
        discussion: """
        A backup holds the database (a consistent snapshot, taken while the server runs: SQLite's VACUUM INTO, \
        PostgreSQL's pg_dump), the files people shared, and backup.json, which lists each file with its size and \
        SHA-256. PostgreSQL needs pg_dump, pg_restore and psql (Debian: postgresql-client) of the server's version or later.
        """,
        subcommands: [CreateBackup.self, RestoreBackup.self],
        defaultSubcommand: CreateBackup.self
    )
}

struct CreateBackup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Write a backup into a new directory.")

    @Option(name: .shortAndLong, help: "The directory to write (it must not exist). Default: shieldwall-backup-<UTC time>.")
    var output: String?

    @Option(help: "Then remove all but the N newest backups beside it named like it, the same but for their digits (for a backup run from cron; one named by hand stays).")
    var keep: Int?

    func validate() throws {
        if let keep, keep < 1 { throw ValidationError("--keep must be at least 1: the backup just made is kept.") }
    }

    func run() async throws {
        let configuration = ShieldwallConfiguration.fromEnvironment()
        let now = Date()
        let stamp = ISO8601DateFormatter.string(from: now, timeZone: TimeZone(identifier: "UTC") ?? .current,
                                                formatOptions: [.withYear, .withMonth, .withDay, .withTime])
        let directory = URL(fileURLWithPath: output ?? "shieldwall-backup-\(stamp)", isDirectory: true)
        var manifest: Backup.Manifest?
        do {
            try await withApp(configuration) { app in
                manifest = try await Backup.create(app: app, choice: .from(configuration), dataDirectory: configuration.dataDirectory,
                                                   into: directory, now: now)
            }
        } catch let failure as Backup.Failure {
            throw failed("the backup was not made: \(failure)")
        } catch {
            throw failed("the backup was not made: the database cannot be read (\(String(reflecting: error)))")
        }
        let files = manifest?.files.count ?? 0, bytes = manifest?.files.values.reduce(0) { $0 + $1.size } ?? 0
        let size = ByteCountFormatter.string(fromByteCount: Int64(bytes), countStyle: .file)
        print("Backed up into \(directory.path): \(files) file\(files == 1 ? "" : "s"), \(size).")
        if let keep {
            do {
                for old in try Backup.prune(beside: directory, keep: keep) { print("Removed the older backup \(old.path).") }
            } catch {
                throw failed("the backup was made, but older ones could not be removed: \(error.localizedDescription)")
            }
        }
    }
}

struct RestoreBackup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the instance's data with a backup's (stop the server first).",
        discussion: """
        The backup is checked whole (each file's size and SHA-256, and that it is not from a newer Shieldwall) \
        before anything is changed. Start the server afterwards: it applies any migrations the backup is behind on.
        """
    )

    @Argument(help: "A directory written by `shieldwall backup`.") var directory: String

    @Flag(help: "Restore even though another process has the database open (a server still running would not see it).")
    var evenIfInUse = false

    func run() async throws {
        let configuration = ShieldwallConfiguration.fromEnvironment()
        do {
            let manifest = try Backup.restore(from: URL(fileURLWithPath: directory, isDirectory: true), choice: .from(configuration),
                                              dataDirectory: configuration.dataDirectory, evenIfInUse: evenIfInUse)
            let files = manifest.files.count
            print("Restored the backup of \(ISO8601DateFormatter().string(from: manifest.created)) (\(files) file\(files == 1 ? "" : "s")).")
        } catch let failure as Backup.Failure {
            throw failed("nothing was restored: \(failure)")
        }
    }
}

/// Says what went wrong on standard error, for the command to exit with status 1.
private func failed(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("shieldwall backup: \(message)\n".utf8))
    return .failure
}
