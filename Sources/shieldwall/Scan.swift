import ArgumentParser
import Foundation
import ShieldwallCore
import ShieldwallScan

/// `shieldwall scan`: looks for the community's indicators in your own logs, on your own machine.
struct Scan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",  // named, not derived from the type: that costs a conformance search at every start
        abstract: "Check log files for known indicators (addresses, ranges, domains, URLs, e-mail addresses, hashes).",
        discussion: """
        Reads web server logs (combined and common format) by field, and any other log token by token, naming the \
        field from the key or word before a value: sshd/auth.log, Postfix and Exim, BIND and dnsmasq, JSON lines \
        (nginx, Caddy), free text. Use - to read standard input. Exit code: 0 nothing found, 1 something found, \
        2 an error (like grep). With --server, --token and --community the indicators are your view of the community's \
        blocklist (cached with its ETag; when the server cannot be reached the cached list is used and you are told), \
        each indicator found is followed by the address of its page there (the reports naming it), \
        and what was found goes back as sightings: one count per indicator with the first and last time the logs give, \
        never log lines. gzip files (and gzip on standard input) are read as they are. A progress line shows on a terminal.
        """
    )

    @Option(name: .long, help: "Indicators: plain text (one a line), the CSV blocklist, or a STIX 2.1 bundle.")
    var indicators: String?

    @Option(help: "A Shieldwall server to take the community's blocklist from, e.g. https://shieldwall.example.")
    var server: String?

    @Option(help: "Your API token for --server (or set SHIELDWALL_TOKEN).")
    var token: String?

    @Option(help: "The community's address (slug) on --server.")
    var community: String?

    @Option(help: "Where the server's list (and, with --since-last-run, where each log was left) is kept (default: ~/.cache/shieldwall).")
    var cache: String?

    @Flag(help: "With --server: do not send sightings back.")
    var noReport = false

    @Flag(help: "With --server: print the sightings that would be sent, and send nothing.")
    var dryRun = false

    @Flag(help: """
        Scan only what each log gained since the last run with this flag, as an hourly cron job should: the same \
        lines are not reported twice. Give the live logs (access.log); the rotated ones may be named too \
        (access.log*): each file is scanned once. Where each log was left is kept in the cache directory. A log \
        renamed, compressed or copied (copytruncate) by logrotate is read to its end under its new name, then the \
        new log from its start; a replaced or truncated log is read from its start (and one whose old lines are \
        nowhere beside it is named on standard error); a line still being written is left for the next run, and so \
        is the rest of a gzip file still being written; standard input and pipes are read whole.
        """)
    var sinceLastRun = false

    @Option(help: "Log format: auto (from the first lines), combined (web logs by field), plain (every other log, token by token).")
    var format: LogScanner.Format = .auto

    @Flag(help: "JSON lines: one object per match, then a summary object.")
    var json = false

    @Option(help: "Threads to scan with (default: all cores).")
    var threads: Int = Scan.cores

    /// Counted once: each count reads the cgroup's CPU limits from /sys, and ArgumentParser makes a `Scan`
    /// several times while it reads the command line.
    static let cores = ProcessInfo.processInfo.activeProcessorCount

    @Argument(help: "Log files to scan (- for standard input).")
    var files: [String]

    var cacheDirectory: URL {
        let home = ProcessInfo.processInfo.environment["XDG_CACHE_HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        return cache.map { URL(fileURLWithPath: $0) } ?? home.appendingPathComponent("shieldwall")
    }

    func run() async throws {
        var options = ScanJob.Options(files: files, cacheDirectory: cacheDirectory, threads: threads)
        options.indicators = indicators
        options.server = server
        options.token = token ?? ProcessInfo.processInfo.environment["SHIELDWALL_TOKEN"]
        options.community = community
        options.noReport = noReport
        options.dryRun = dryRun
        options.sinceLastRun = sinceLastRun
        options.format = format
        options.json = json
        options.progress = isatty(2) == 1
        // Exit in `finish`, with the index and the tally still held (ScanJob.run says why).
        await ScanJob(options).run { Foundation.exit($0) }
    }
}

extension LogScanner.Format: ExpressibleByArgument {}
