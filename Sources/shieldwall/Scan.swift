import ArgumentParser
import Foundation
import ShieldwallCore

/// `shieldwall scan`: looks for the community's indicators in your own logs, on your own machine.
struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check log files for known indicators (addresses, ranges, domains, URLs, e-mail addresses, hashes).",
        discussion: """
        Reads web server logs (combined and common format) by field, and any other log (sshd/auth.log, mail, DNS, \
        free text) token by token. Use - to read standard input. Exit code: 0 nothing found, 1 something found, \
        2 an error (like grep). Not yet here: fetching indicators from a Shieldwall server and reporting sightings \
        back, STIX bundles as indicator files, gzip files (use `gzip -dc FILE | shieldwall scan -`).
        """
    )

    @Option(name: .long, help: "Indicators: plain text (one a line) or the CSV blocklist.")
    var indicators: String

    @Option(help: "Log format: auto, combined, plain.")
    var format: LogScanner.Format = .auto

    @Flag(help: "JSON lines: one object per match, then a summary object.")
    var json = false

    @Option(help: "Threads to scan with (default: all cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Argument(help: "Log files to scan (- for standard input).")
    var files: [String]

    func run() throws {
        let list: String
        do { list = try String(contentsOfFile: indicators, encoding: .utf8) } catch {
            FileHandle.standardError.write(Data("shieldwall scan: cannot read indicators from \(indicators): \(error.localizedDescription)\n".utf8))
            throw ExitCode(2)
        }
        let parsed = IndicatorFile.parse(list)
        for s in parsed.skipped {
            FileHandle.standardError.write(Data("\(indicators):\(s.line): skipped \"\(s.text)\": \(s.reason)\n".utf8))
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
