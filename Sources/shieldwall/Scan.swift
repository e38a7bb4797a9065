import ArgumentParser
import Foundation
import ShieldwallCore

/// `shieldwall scan`: looks for the community's indicators in your own logs, on your own machine.
struct Scan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check log files for known indicators (addresses, ranges, domains, URLs, e-mail addresses, hashes).",
        discussion: """
        Reads web server logs (combined and common format) by field, and any other log (sshd/auth.log, mail, DNS, \
        free text) token by token. Use - to read standard input. Exit code: 0 nothing found, 1 something found, \
        2 an error (like grep). With --server, --token and --community the indicators are your view of the community's \
        blocklist (cached with its ETag; when the server cannot be reached the cached list is used and you are told), \
        and what was found goes back as sightings: one count per indicator, never log lines. Not yet here: STIX bundles \
        as indicator files, gzip files (use `gzip -dc FILE | shieldwall scan -`), first and last times from the logs.
        """
    )

    @Option(name: .long, help: "Indicators: plain text (one a line) or the CSV blocklist.")
    var indicators: String?

    @Option(help: "A Shieldwall server to take the community's blocklist from, e.g. https://shieldwall.example.")
    var server: String?

    @Option(help: "Your API token for --server (or set SHIELDWALL_TOKEN).")
    var token: String?

    @Option(help: "The community's address (slug) on --server.")
    var community: String?

    @Option(help: "Where the server's list is cached (default: ~/.cache/shieldwall).")
    var cache: String?

    @Flag(help: "With --server: do not send sightings back.")
    var noReport = false

    @Flag(help: "With --server: print the sightings that would be sent, and send nothing.")
    var dryRun = false

    @Option(help: "Log format: auto, combined, plain.")
    var format: LogScanner.Format = .auto

    @Flag(help: "JSON lines: one object per match, then a summary object.")
    var json = false

    @Option(help: "Threads to scan with (default: all cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Argument(help: "Log files to scan (- for standard input).")
    var files: [String]

    func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("shieldwall scan: \(message)\n".utf8))
        return ExitCode(2)
    }

    var remote: ScanServer? {
        guard let server, let community else { return nil }
        let token = self.token ?? ProcessInfo.processInfo.environment["SHIELDWALL_TOKEN"] ?? ""
        let home = ProcessInfo.processInfo.environment["XDG_CACHE_HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        let directory = cache.map { URL(fileURLWithPath: $0) } ?? home.appendingPathComponent("shieldwall")
        return ScanServer(server: server, token: token, community: community, cacheDirectory: directory)
    }

    func run() async throws {
        let list: String, source: String
        if let remote {
            guard !remote.token.isEmpty else { throw fail("--server needs --token (or SHIELDWALL_TOKEN)") }
            do {
                let (text, note) = try await remote.indicators()
                if let note { FileHandle.standardError.write(Data("shieldwall scan: \(note)\n".utf8)) }
                list = text
            } catch let failure as ScanServer.Failure { throw fail(failure.message) }
            source = "\(remote.base) (\(remote.community))"
        } else if let indicators {
            do { list = try String(contentsOfFile: indicators, encoding: .utf8) } catch {
                throw fail("cannot read indicators from \(indicators): \(error.localizedDescription)")
            }
            source = indicators
        } else {
            throw fail("give --indicators FILE, or --server URL --token TOKEN --community SLUG")
        }
        let parsed = IndicatorFile.parse(list)
        for s in parsed.skipped {
            FileHandle.standardError.write(Data("\(source):\(s.line): skipped \"\(s.text)\": \(s.reason)\n".utf8))
        }
        let index = IndicatorIndex(parsed.indicators)
        let run = ScanRun(index: index, format: format, threads: threads)
        var hits: [ScanRun.Hit] = [], lines = 0, problems = 0
        let out = FileHandle.standardOutput
        for file in files {
            let data: Data
            do {
                if file == "-" {
                    data = FileHandle.standardInput.readDataToEndOfFile()
                } else {
                    data = try Data(contentsOf: URL(fileURLWithPath: file), options: .alwaysMapped)
                    if data.starts(with: [0x1f, 0x8b]) {
                        throw ScanFileError(message: "gzip files are not read yet; use: gzip -dc \(file) | shieldwall scan -")
                    }
                }
            } catch {
                problems += 1
                let message = (error as? ScanFileError)?.message ?? error.localizedDescription
                FileHandle.standardError.write(Data("shieldwall scan: \(file): \(message)\n".utf8))
                continue
            }
            let result = run.scan(data, name: file)
            lines += result.lines
            if json {
                var buffer = ""
                for hit in result.hits {
                    let i = index.indicators[Int(hit.indicator)]
                    buffer += #"{"file":\#(quote(file)),"line":\#(hit.line),"indicator":\#(quote(i.value)),"type":"\#(i.kind.rawValue)","field":"\#(hit.field.rawValue)"}"# + "\n"
                    if buffer.utf8.count > 1 << 16 { out.write(Data(buffer.utf8)); buffer = "" }
                }
                out.write(Data(buffer.utf8))
            }
            hits += result.hits
        }
        let summary = run.summarise(hits)
        if json {
            let perIndicator = summary.map { s in
                #"{"indicator":\#(quote(s.indicator.value)),"type":"\#(s.indicator.kind.rawValue)","hits":\#(s.hits),"first":{"file":\#(quote(s.first.file)),"line":\#(s.first.line)},"last":{"file":\#(quote(s.last.file)),"line":\#(s.last.line)}}"#
            }.joined(separator: ",")
            out.write(Data((#"{"summary":{"files":\#(files.count),"lines":\#(lines),"indicators":\#(index.count),"matches":\#(hits.count),"errors":\#(problems),"by_indicator":[\#(perIndicator)]}}"# + "\n").utf8))
        } else {
            var text = "Scanned \(lines) lines in \(files.count - problems) file(s) against \(index.count) indicators: "
            text += hits.isEmpty ? "nothing found.\n" : "\(hits.count) match(es) of \(summary.count) indicator(s).\n"
            for s in summary {
                text += "  \(s.indicator.value) (\(s.indicator.kind.rawValue)): \(s.hits) hit(s), first \(s.first.file):\(s.first.line), "
                    + "last \(s.last.file):\(s.last.line)\n"
            }
            out.write(Data(text.utf8))
        }
        if let remote, !noReport {
            let sightings = summary.map { ScanServer.Sighting(value: $0.indicator.value, count: $0.hits) }
            if dryRun {
                FileHandle.standardError.write(Data("Would send \(sightings.count) sighting(s) to \(remote.base):\n".utf8))
                if !sightings.isEmpty { FileHandle.standardError.write(Data((ScanServer.describe(sightings, community: remote.community) + "\n").utf8)) }
            } else {
                do {
                    let sent = try await remote.report(sightings)
                    FileHandle.standardError.write(Data("Sent \(sent) sighting(s) to \(remote.base) (counts only).\n".utf8))
                } catch let failure as ScanServer.Failure {
                    FileHandle.standardError.write(Data("shieldwall scan: sightings not sent: \(failure.message)\n".utf8))
                    problems += 1
                } catch {
                    FileHandle.standardError.write(Data("shieldwall scan: sightings not sent: \(error.localizedDescription)\n".utf8))
                    problems += 1
                }
            }
        }
        if problems > 0 { throw ExitCode(2) }
        if !hits.isEmpty { throw ExitCode(1) }
    }

    func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

struct ScanFileError: Error {
    let message: String
}

extension LogScanner.Format: ExpressibleByArgument {}
