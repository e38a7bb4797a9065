import Crypto
import Fluent
import Foundation
import SQLKit
import Vapor

/// `shieldwall backup`: the whole instance in one directory — the database (a consistent snapshot, taken while
/// the server runs: SQLite's `VACUUM INTO`, PostgreSQL's `pg_dump`), the files people shared (`resources/`), the
/// operator's language files (`locales/`), and `backup.json`, which lists every file with its size and SHA-256,
/// and the migrations the database has had. A restore checks all of that before it changes anything, and
/// refuses a backup from a newer Shieldwall.
public enum Backup {
    public static let manifestName = "backup.json"
    /// The data directory's folders a backup holds: the files people shared, and the operator's language files.
    static let folders = ["resources", "locales"]
    /// The migrations this Shieldwall knows: a backup whose database had another is from a newer version.
    public static var knownMigrations: [String] { ShieldwallMigrations.all.map(\.name) }

    public struct Manifest: Codable, Equatable, Sendable {
        public struct File: Codable, Equatable, Sendable {
            public var size: Int
            public var sha256: String
        }
        public var format = 1
        public var created: Date
        /// `sqlite` or `postgresql`: a backup is restored into the same kind of database.
        public var engine: String
        /// The database file, among `files`.
        public var database: String
        public var migrations: [String]
        /// Path inside the backup → what it holds.
        public var files: [String: File]

        /// `backup.json`'s text: sorted keys, ISO 8601 times.
        public func encoded() throws -> Data {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            return try encoder.encode(self)
        }

        public init(decoding data: Data) throws {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            self = try decoder.decode(Manifest.self, from: data)
        }

        init(created: Date, engine: String, database: String, migrations: [String], files: [String: File]) {
            (self.created, self.engine, self.database, self.migrations, self.files) = (created, engine, database, migrations, files)
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    static func engine(_ choice: DatabaseChoice) -> String { choice.isPostgres ? "postgresql" : "sqlite" }

    /// Writes a backup of the running instance into `directory`, which must not exist yet; a backup that fails
    /// halfway is removed, not left to be mistaken for a whole one.
    public static func create(app: Application, choice: DatabaseChoice, dataDirectory: URL, into directory: URL, now: Date) async throws -> Manifest {
        let fm = FileManager.default
        guard !fm.fileExists(atPath: directory.path) else { throw Failure("\(directory.path) already exists: name a new directory") }
        // Password hashes, second-factor secrets and TLP:RED reports are in it: for the operator's eyes only.
        try fm.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        do {
            guard let sql = app.db as? any SQLDatabase else { throw Failure("the database does not speak SQL") }
            let migrations = try await sql.select().column("name").from("_fluent_migrations").orderBy("batch").orderBy("created_at").all()
                .map { try $0.decode(column: "name", as: String.self) }
            let database: String
            switch choice {
            case .postgres(let url):
                database = "database.pgdump"
                try run("pg_dump", ["--format=custom", "--no-owner", "--file=" + directory.appendingPathComponent(database).path], url: url)
            case .sqliteFile, .sqliteMemory:
                database = "database.sqlite"
                try await sql.raw("VACUUM INTO \(bind: directory.appendingPathComponent(database).path)").run()
            }
            for folder in folders where fm.fileExists(atPath: dataDirectory.appendingPathComponent(folder).path) {
                try fm.copyItem(at: dataDirectory.appendingPathComponent(folder, isDirectory: true),
                                to: directory.appendingPathComponent(folder, isDirectory: true))
            }
            let manifest = Manifest(created: now, engine: engine(choice), database: database, migrations: migrations,
                                    files: try describe(directory))
            try manifest.encoded().write(to: directory.appendingPathComponent(manifestName), options: .atomic)
            return manifest
        } catch {
            try? fm.removeItem(at: directory)
            throw error
        }
    }

    /// Removes all but the `keep` newest backups beside `newest` that are named like it, for a backup run from cron
    /// not to fill the disk; the folders removed, oldest first. "Named like it": the same name but for its digits
    /// (`shieldwall-backup-20261202T023000Z` and `…-20261201T023000Z`), so a backup named by hand
    /// (`before-upgrade`) is never removed by cron's. Folders that hold no manifest are left alone too.
    public static func prune(beside newest: URL, keep: Int) throws -> [URL] {
        let fm = FileManager.default, family = namePattern(newest.lastPathComponent)
        let parent = newest.deletingLastPathComponent()
        let backups = try fm.contentsOfDirectory(at: parent, includingPropertiesForKeys: nil).compactMap { folder -> (URL, Date)? in
            guard namePattern(folder.lastPathComponent) == family,
                  let data = try? Data(contentsOf: folder.appendingPathComponent(manifestName)),
                  let manifest = try? Manifest(decoding: data) else { return nil }
            return (folder, manifest.created)
        }.sorted { ($0.1, $0.0.path) < ($1.1, $1.0.path) }
        let old = backups.dropLast(max(0, keep)).map(\.0)
        for folder in old { try fm.removeItem(at: folder) }
        return old
    }

    /// A name with each digit as `0`: backups named by the same pattern, at other times, have the same one.
    static func namePattern(_ name: String) -> String {
        String(name.map { $0.isASCII && $0.isNumber ? "0" : $0 })
    }

    /// Checks a backup against its manifest: every file there, of its size and hash, and nothing else.
    public static func verify(_ directory: URL, knownMigrations: [String] = knownMigrations) throws -> Manifest {
        let data: Data
        do { data = try Data(contentsOf: directory.appendingPathComponent(manifestName)) } catch {
            throw Failure("\(directory.path) is not a Shieldwall backup: it has no readable \(manifestName)")
        }
        guard let manifest = try? Manifest(decoding: data) else { throw Failure("\(manifestName) in \(directory.path) cannot be read") }
        guard manifest.format == 1 else { throw Failure("this backup is in format \(manifest.format); this Shieldwall reads format 1") }
        let found = try describe(directory)
        for (path, file) in manifest.files.sorted(by: { $0.key < $1.key }) {
            guard let actual = found[path] else { throw Failure("\(path) is missing from the backup") }
            guard actual == file else { throw Failure("\(path) in the backup is damaged: its size or SHA-256 is not what \(manifestName) says") }
        }
        if let extra = found.keys.sorted().first(where: { manifest.files[$0] == nil }) {
            throw Failure("\(extra) is in the backup but not in \(manifestName)")
        }
        guard manifest.files[manifest.database] != nil else { throw Failure("the backup holds no database") }
        if let unknown = manifest.migrations.first(where: { !knownMigrations.contains($0) }) {
            throw Failure("the backup comes from a newer Shieldwall (its database has migration \(unknown)): restore it with that version or later")
        }
        return manifest
    }

    /// Puts a checked backup in place of the instance's data. The server must be stopped: unless `evenIfInUse`, a
    /// database another process has open is refused. PostgreSQL is restored in one transaction; the SQLite file
    /// and the folders are each written beside the old ones and then moved over them, so a restore that fails
    /// leaves the instance as it was.
    public static func restore(from directory: URL, choice: DatabaseChoice, dataDirectory: URL, evenIfInUse: Bool = false,
                               knownMigrations: [String] = knownMigrations) throws -> Manifest {
        let manifest = try verify(directory, knownMigrations: knownMigrations)
        guard manifest.engine == engine(choice) else {
            throw Failure("the backup is of a \(manifest.engine) database and this instance uses \(engine(choice)): set DATABASE_URL to match")
        }
        if !evenIfInUse, let user = try usedBy(choice) {
            // A server left running would go on with the old data (SQLite: in a file no longer there) or stale caches.
            throw Failure("\(user): stop the server first (every one, with several on one database)")
        }
        let fm = FileManager.default
        try fm.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        // Each folder is copied beside the one it replaces first.
        let incoming = folders.map { dataDirectory.appendingPathComponent($0 + ".restoring", isDirectory: true) }
        do {
            for (folder, copy) in zip(folders, incoming) {
                try? fm.removeItem(at: copy)
                let saved = directory.appendingPathComponent(folder, isDirectory: true)
                if fm.fileExists(atPath: saved.path) { try fm.copyItem(at: saved, to: copy) } else { try fm.createDirectory(at: copy, withIntermediateDirectories: true) }
            }
            switch choice {
            case .postgres(let url):
                try run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",
                                       directory.appendingPathComponent(manifest.database).path], url: url)
            case .sqliteFile(let file):
                let temporary = file.appendingPathExtension("restoring")
                try? fm.removeItem(at: temporary)
                try fm.copyItem(at: directory.appendingPathComponent(manifest.database), to: temporary)
                guard rename(temporary.path, file.path) == 0 else { throw Failure("\(file.path) cannot be replaced: \(String(cString: strerror(errno)))") }
                // The old file's write-ahead log would be read into the new one.
                for suffix in ["-wal", "-shm"] { try? fm.removeItem(atPath: file.path + suffix) }
            case .sqliteMemory:
                throw Failure("an in-memory database cannot be restored into")
            }
        } catch {
            for copy in incoming { try? fm.removeItem(at: copy) }
            throw error
        }
        for (folder, copy) in zip(folders, incoming) {
            let current = dataDirectory.appendingPathComponent(folder, isDirectory: true)
            let old = dataDirectory.appendingPathComponent(folder + ".old", isDirectory: true)
            try? fm.removeItem(at: old)
            if fm.fileExists(atPath: current.path) { try fm.moveItem(at: current, to: old) }
            try fm.moveItem(at: copy, to: current)
            try? fm.removeItem(at: old)
        }
        return manifest
    }

    /// Who else has the instance's database open, said for a person; nil when no one is seen to. PostgreSQL is
    /// asked for its other sessions on the database; for SQLite, the processes that have the file open are looked
    /// for in `/proc` (those of other users are not visible unless this runs as root).
    static func usedBy(_ choice: DatabaseChoice) throws -> String? {
        switch choice {
        case .postgres(let url):
            let said = try run("psql", ["--no-psqlrc", "--tuples-only", "--no-align", "--command",
                                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"],
                               url: url)
            let others = Int(said.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            return others == 0 ? nil : "\(others) other connection\(others == 1 ? " is" : "s are") open to the database"
        case .sqliteFile(let file):
            let fm = FileManager.default, me = String(getpid())
            let path = file.resolvingSymlinksInPath().path, names: Set = [path, path + "-wal"]
            for pid in (try? fm.contentsOfDirectory(atPath: "/proc")) ?? [] where pid != me && pid.allSatisfy(\.isNumber) {
                for fd in (try? fm.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? [] {
                    guard let target = try? fm.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(fd)"), names.contains(target) else { continue }
                    let command = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
                    return "process \(pid) (\(command ?? "?")) has the database open"
                }
            }
            return nil
        case .sqliteMemory:
            return nil
        }
    }

    /// Every regular file under `directory` but the manifest, by its path inside it.
    static func describe(_ directory: URL) throws -> [String: Manifest.File] {
        var files: [String: Manifest.File] = [:]
        let root = directory.standardizedFileURL.path
        guard let walk = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else { return files }
        for case let url as URL in walk where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let path = String(url.standardizedFileURL.path.dropFirst(root.count + 1))
            guard path != manifestName else { continue }
            files[path] = try describeFile(url)
        }
        return files
    }

    /// Size and SHA-256 of one file, read in 1 MB pieces.
    static func describeFile(_ url: URL) throws -> Manifest.File {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hash = SHA256(), size = 0
        while let piece = try handle.read(upToCount: 1 << 20), !piece.isEmpty {
            hash.update(data: piece)
            size += piece.count
        }
        return Manifest.File(size: size, sha256: hash.finalize().map { String(format: "%02x", $0) }.joined())
    }

    /// Runs a PostgreSQL client tool found on the PATH, connected to `url`'s database through libpq's environment (so
    /// the password is not on the command line for `ps` to show), and returns what it printed (a few lines at most);
    /// what it says on failure becomes the error. The database is named with `--dbname`, which pg_restore needs
    /// to restore into it rather than print it.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], url: String) throws -> String {
        guard let parts = URLComponents(string: url), let host = parts.host else { throw Failure("DATABASE_URL cannot be read as a URL") }
        var environment = ProcessInfo.processInfo.environment
        environment["PGHOST"] = host
        environment["PGPORT"] = parts.port.map(String.init) ?? "5432"
        if let user = parts.user { environment["PGUSER"] = user.removingPercentEncoding ?? user }
        if let password = parts.password { environment["PGPASSWORD"] = password.removingPercentEncoding ?? password }
        for item in parts.queryItems ?? [] where item.name == "sslmode" { environment["PGSSLMODE"] = item.value }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool, "--dbname=" + String(parts.path.drop { $0 == "/" })] + arguments
        process.environment = environment
        let errors = Pipe(), output = Pipe()
        process.standardError = errors
        process.standardOutput = output
        do { try process.run() } catch { throw Failure("\(tool) cannot be started: \(error.localizedDescription)") }
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let said = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: said, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if process.terminationStatus == 127 { throw Failure("\(tool) is not installed (on Debian: apt-get install postgresql-client)") }
            throw Failure("\(tool) failed: \(text.isEmpty ? "exit status \(process.terminationStatus)" : text)")
        }
        return String(decoding: printed, as: UTF8.self)
    }
}
