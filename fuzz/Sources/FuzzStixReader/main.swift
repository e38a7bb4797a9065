import Foundation
import CFuzzDriver
import ShieldwallCore

/// Any bytes as a STIX bundle: the reader answers a result or a failure, never crashes; every value it
/// hands on is one the indicator rules accept as they stand.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    guard case .success(let read) = StixReader.read(data) else { return 0 }
    for indicator in read.indicators {
        for value in indicator.values {
            guard case .success(let again) = IndicatorValue.normalise(value.value, as: value.type), again == value else {
                fatalError("the reader kept \(value), which does not normalise to itself")
            }
        }
    }
    return 0
}

/// SwiftPM links this target with `main` renamed to this.
@_cdecl("FuzzStixReader_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    shieldwall_fuzzer_main(argc, argv) { data, count in data.map { fuzz(UnsafeRawPointer($0), count) } ?? 0 }
}
