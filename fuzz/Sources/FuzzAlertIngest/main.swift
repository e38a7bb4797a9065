import CFuzzDriver
import Foundation
import ShieldwallCore

/// Any bytes as an alert batch in each format a firm's tools send (the first byte picks the format, the rest is the
/// body): the adapters answer a batch or a failure, never crash, and every alert they keep is one we can store —
/// canonical IP addresses, a summary, a time within the bounds, at most `maxBatch` of them.
let now = Date(timeIntervalSince1970: 1_796_400_000)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    let formats = AlertFormat.allCases
    let format = formats[Int(bytes[0]) % formats.count]
    guard case .success(let batch) = AlertAdapters.read(Data(bytes.dropFirst()), format: format, now: now) else { return 0 }
    precondition(batch.alerts.count + batch.skipped + batch.problems.count <= AlertAdapters.maxBatch, "more than a batch")
    for alert in batch.alerts {
        precondition(!alert.summary.isEmpty && alert.summary.count <= IngestAlert.maxSummary, "summary")
        precondition(alert.time.timeIntervalSince(now) <= IngestAlert.maxFuture && now.timeIntervalSince(alert.time) <= IngestAlert.maxAge, "time")
        for address in alert.addresses {
            guard case .success(let again) = IndicatorValue.normalise(address) else { preconditionFailure("stored address \(address) reads back as nothing") }
            precondition(again.value == address && (again.type == .ipv4 || again.type == .ipv6), "address \(address) not canonical")
        }
        _ = AlertFolding.fold([alert, alert])
    }
    _ = AlertRules.recommendations(alerts: AlertFolding.fold(batch.alerts), devices: [], now: now)
    return 0
}

/// SwiftPM links this target with `main` renamed to this.
@_cdecl("FuzzAlertIngest_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    shieldwall_fuzzer_main(argc, argv) { data, count in data.map { fuzz(UnsafeRawPointer($0), count) } ?? 0 }
}
