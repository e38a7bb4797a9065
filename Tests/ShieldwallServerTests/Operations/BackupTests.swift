import Fluent
import FluentSQLiteDriver
import Foundation
import XCTVapor
@testable import ShieldwallServer

/// `shieldwall backup`: what was there when it was made comes back, and a backup that is not whole changes nothing.
final class BackupTests: XCTestCase {
    let fm = FileManager.default

    func temporary(_ name: String) -> URL {
        fm.temporaryDirectory.appendingPathComponent("sw-backup-\(name)-\(UUID().uuidString)", isDirectory: true)
    }

    func names(_ db: any Database) async throws -> [String] {
        try await Organisation.query(on: db).all().map(\.name).sorted()
    }

    /// The reason `body` was refused with.
    func refusal(_ body: () async throws -> Any) async -> String? {
        do { _ = try await body() } catch let failure as Backup.Failure { return failure.description } catch { return "\(error)" }
        return nil
    }

    func testOnlyTheNewestBackupsAreKeptAndNothingElseIsTouched() throws {
        let parent = temporary("kept")
        defer { try? fm.removeItem(at: parent) }
        let names = [("shieldwall-backup-20261130T023000Z", 48.0), ("shieldwall-backup-20261201T023000Z", 24.0),
                     ("before-upgrade", 36.0), ("shieldwall-backup-20261202T023000Z", 0.0)]
        for (name, hoursAgo) in names {
            let folder = parent.appendingPathComponent(name)
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            let manifest = Backup.Manifest(created: Date(timeIntervalSince1970: 1_800_000_000 - hoursAgo * 3600), engine: "sqlite",
                                           database: "database.sqlite", migrations: [], files: [:])
            try manifest.encoded().write(to: folder.appendingPathComponent(Backup.manifestName))
        }
        try fm.createDirectory(at: parent.appendingPathComponent("photos"), withIntermediateDirectories: true)
        let newest = parent.appendingPathComponent("shieldwall-backup-20261202T023000Z")
        XCTAssertEqual(try Backup.prune(beside: newest, keep: 2).map(\.lastPathComponent), ["shieldwall-backup-20261130T023000Z"])
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: parent.path).sorted(),
                       ["before-upgrade", "photos", "shieldwall-backup-20261201T023000Z", "shieldwall-backup-20261202T023000Z"],
                       "the backup named by hand is older than the one removed, and stays")
        XCTAssertEqual(try Backup.prune(beside: newest, keep: 2), [], "nothing more to remove")
        XCTAssertEqual(try Backup.prune(beside: parent.appendingPathComponent("before-upgrade"), keep: 1), [], "alone in its pattern")
    }

    func testWhatWasThereComesBackAndABackupNotWholeChangesNothing() async throws {
        try await withApp { world in
            let app = world.app, data = app.shieldwall.configuration.dataDirectory
            _ = try await Seed.organisation(app, name: "Corner Bakery")
            let resources = data.appendingPathComponent("resources", isDirectory: true)
            try fm.createDirectory(at: resources, withIntermediateDirectories: true)
            try Data("incident plan".utf8).write(to: resources.appendingPathComponent("plan.pdf"))
            let locales = data.appendingPathComponent("locales", isDirectory: true)
            try fm.createDirectory(at: locales, withIntermediateDirectories: true)
            try Data("{}".utf8).write(to: locales.appendingPathComponent("cy.json"))

            let backup = temporary("made"), damaged = temporary("damaged"), newer = temporary("newer"), restored = temporary("restored")
            defer { for d in [backup, damaged, newer, restored] { try? fm.removeItem(at: d) } }
            let manifest = try await Backup.create(app: app, choice: testDatabase, dataDirectory: data, into: backup, now: world.time.now)
            XCTAssertEqual(Set(manifest.files.keys), [manifest.database, "resources/plan.pdf", "locales/cy.json"])
            XCTAssertEqual(Set(manifest.migrations), Set(Backup.knownMigrations), "every migration the database has had")
            XCTAssertEqual(try fm.attributesOfItem(atPath: backup.path)[.posixPermissions] as? Int, 0o700, "only its owner can read it")
            let exists = await refusal { try await Backup.create(app: app, choice: testDatabase, dataDirectory: data, into: backup, now: world.time.now) }
            XCTAssertEqual(exists, "\(backup.path) already exists: name a new directory")
            XCTAssertNoThrow(try Backup.verify(backup), "the directory it was asked to write into is left alone")

            // Since the backup: a firm joined, the plan was removed and another file shared.
            _ = try await Seed.organisation(app, name: "Late Arrival")
            try fm.removeItem(at: resources.appendingPathComponent("plan.pdf"))
            try Data("new".utf8).write(to: resources.appendingPathComponent("other.txt"))

            // A damaged copy, and one from a Shieldwall that has a migration this one does not know: refused whole.
            try fm.copyItem(at: backup, to: damaged)
            let handle = try FileHandle(forWritingTo: damaged.appendingPathComponent(manifest.database))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data([0]))
            try handle.close()
            try fm.copyItem(at: backup, to: newer)
            var future = manifest
            future.migrations.append("999_FromTheFuture")
            try future.encoded().write(to: newer.appendingPathComponent(Backup.manifestName))
            let target: DatabaseChoice = testDatabase.isPostgres ? testDatabase : .sqliteFile(restored.appendingPathComponent("shieldwall.sqlite"))
            let into = testDatabase.isPostgres ? data : restored
            let refusals = [
                await refusal { try Backup.restore(from: damaged, choice: target, dataDirectory: into) },
                await refusal { try Backup.restore(from: newer, choice: target, dataDirectory: into) },
                await refusal { try Backup.restore(from: backup, choice: testDatabase.isPostgres ? .sqliteFile(restored) : .postgres("postgres://x@127.0.0.1/x"),
                                                   dataDirectory: into) },
                await refusal { try Backup.restore(from: self.fm.temporaryDirectory, choice: target, dataDirectory: into) },
            ]
            XCTAssertEqual(refusals, [
                "\(manifest.database) in the backup is damaged: its size or SHA-256 is not what backup.json says",
                "the backup comes from a newer Shieldwall (its database has migration 999_FromTheFuture): restore it with that version or later",
                "the backup is of a \(testDatabase.isPostgres ? "postgresql" : "sqlite") database and this instance uses \(testDatabase.isPostgres ? "sqlite" : "postgresql"): set DATABASE_URL to match",
                "\(fm.temporaryDirectory.path) is not a Shieldwall backup: it has no readable backup.json",
            ])
            let unchanged = try await names(app.db)
            XCTAssertEqual(unchanged, ["Corner Bakery", "Late Arrival"], "nothing changed")
            XCTAssertTrue(fm.fileExists(atPath: resources.appendingPathComponent("other.txt").path))

            if testDatabase.isPostgres {
                // These tests' own server holds connections to the database: a restore is refused until told otherwise.
                let busy = await refusal { try Backup.restore(from: backup, choice: target, dataDirectory: into) }
                XCTAssertEqual(busy?.hasSuffix("open to the database: stop the server first (every one, with several on one database)"), true, busy ?? "")
            }
            try Backup.restore(from: backup, choice: target, dataDirectory: into, evenIfInUse: testDatabase.isPostgres)
            let files = try fm.contentsOfDirectory(atPath: into.appendingPathComponent("resources").path)
            XCTAssertEqual(files, ["plan.pdf"], "the files as they were, and only those")
            XCTAssertTrue(fm.fileExists(atPath: into.appendingPathComponent("locales/cy.json").path))
            XCTAssertEqual(try fm.contentsOfDirectory(atPath: into.path).filter { $0.contains(".restoring") || $0.contains(".old") }, [])
            if testDatabase.isPostgres {
                let found = try await names(app.db)
                XCTAssertEqual(found, ["Corner Bakery"])
            } else {
                // The running tests use an in-memory database: the restored file is opened on its own.
                let opened = try await Application.make(.testing)
                opened.databases.use(.sqlite(.file(restored.appendingPathComponent("shieldwall.sqlite").path)), as: .sqlite)
                let found = try await names(opened.db)
                try await opened.asyncShutdown()
                XCTAssertEqual(found, ["Corner Bakery"])
                // A server still running on the file: another process holding it open.
                let file = restored.appendingPathComponent("shieldwall.sqlite").path
                let holder = Process()
                holder.executableURL = URL(fileURLWithPath: "/bin/sh")
                holder.arguments = ["-c", "exec 3< \"$0\"; exec sleep 30", file]
                try holder.run()
                defer { holder.terminate() }
                for _ in 0..<100 where try Backup.usedBy(target) == nil { try await Task.sleep(nanoseconds: 50_000_000) }
                let busy = await refusal { try Backup.restore(from: backup, choice: target, dataDirectory: into) }
                XCTAssertEqual(busy, "process \(holder.processIdentifier) (sleep) has the database open: stop the server first (every one, with several on one database)")
            }
        }
    }
}
