import CFuzzDriver
import ShieldwallCore

/// Any text as an indicator (typed by the first byte, or recognised) and as a text to extract indicators
/// from: no crash, and normalising is idempotent (a stored value re-read is the same value).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    guard let first = bytes.first else { return 0 }
    let types = IndicatorType.allCases
    let declared: IndicatorType? = Int(first) < types.count ? types[Int(first)] : nil
    let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
    if case .success(let value) = IndicatorValue.normalise(text, as: declared) { idempotent(value) }
    if case .success(let found) = IndicatorExtractor.extract(text) {
        for item in found { idempotent(item.indicator) }
    }
    if let decoded = Punycode.decode(text) { _ = Punycode.encode(decoded) }
    _ = Punycode.encode(text)
    return 0
}

func idempotent(_ value: IndicatorValue) {
    guard case .success(let again) = IndicatorValue.normalise(value.value, as: value.type), again == value else {
        fatalError("\(value) does not normalise to itself")
    }
}

/// SwiftPM links this target with `main` renamed to this.
@_cdecl("FuzzIndicatorValue_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    shieldwall_fuzzer_main(argc, argv) { data, count in data.map { fuzz(UnsafeRawPointer($0), count) } ?? 0 }
}
