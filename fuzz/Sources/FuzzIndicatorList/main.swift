import CFuzzDriver
import ShieldwallCore

/// Any bytes as an indicator list (plain lines, CSV with quoted fields and a header, or a STIX bundle):
/// no crash, and every line is either an indicator or skipped with its number.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    let list = IndicatorFile.parse(bytes: bytes, threads: 1)
    let lines = bytes.reduce(1) { $0 + ($1 == 10 ? 1 : 0) }
    for skipped in list.skipped where skipped.line < 0 || skipped.line > lines {
        fatalError("skipped line \(skipped.line) of \(lines)")
    }
    for i in list.indicators.indices { _ = list.link(i) }
    return 0
}

/// SwiftPM links this target with `main` renamed to this.
@_cdecl("FuzzIndicatorList_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    shieldwall_fuzzer_main(argc, argv) { data, count in data.map { fuzz(UnsafeRawPointer($0), count) } ?? 0 }
}
