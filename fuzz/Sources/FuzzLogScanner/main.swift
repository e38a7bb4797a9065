import CFuzzDriver
import ShieldwallCore

/// Any bytes as a log (web, mail or plain lines), scanned against a small index of every kind of
/// indicator: no crash, no read outside the buffer, every match on a line that exists.
let index = IndicatorIndex(IndicatorFile.parse("""
    203.0.113.7
    198.51.100.0/24
    2001:db8::1
    2001:db8:1::/48
    evil.example
    shop.bad.example
    http://phish.example/login
    attacker@mail.example
    d41d8cd98f00b204e9800998ecf8427e
    """, threads: 1).indicators, threads: 1)
let scanner = LogScanner(index: index, now: 1_700_000_000)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    let lines = bytes.reduce(1) { $0 + ($1 == 10 ? 1 : 0) }
    for format in LogScanner.Format.allCases {
        var matches: [LogScanner.Match] = []
        _ = scanner.scan(bytes, format: format, into: &matches)
        for match in matches where match.line < 1 || match.line > lines {
            fatalError("match on line \(match.line) of \(lines)")
        }
    }
    return 0
}

/// SwiftPM links this target with `main` renamed to this.
@_cdecl("FuzzLogScanner_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    shieldwall_fuzzer_main(argc, argv) { data, count in data.map { fuzz(UnsafeRawPointer($0), count) } ?? 0 }
}
