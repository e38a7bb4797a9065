import CFuzzDriver
import ShieldwallCore

/// Any text as a STIX pattern: values or a reason, never a crash; and each value read, written back as a
/// pattern, reads as itself.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    guard case .success(let values) = StixPattern.values(in: text) else { return 0 }
    for value in values {
        let written = StixPattern.pattern(for: value)
        guard case .success(let back) = StixPattern.values(in: written), back == [value] else {
            fatalError("\(value) written as \(written) does not read back")
        }
    }
    return 0
}

/// SwiftPM links this target with `main` renamed to this.
@_cdecl("FuzzStixPattern_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    shieldwall_fuzzer_main(argc, argv) { data, count in data.map { fuzz(UnsafeRawPointer($0), count) } ?? 0 }
}
