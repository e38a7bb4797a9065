import CFuzzDriver
import ShieldwallCore

/// Any text as a question bank's area file (or, when it starts with `version:`, as `bank.yaml`): the loader
/// answers a bank or an error naming the file, never crashes.
let bankFile = """
    version: "fuzz"
    not_sure: "Not sure is an answer."
    profile: []
    areas: [area.yaml]
    """

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    let asBank = text.hasPrefix("version:")
    _ = try? QuestionBankLoader.load { name in
        switch name {
        case "bank.yaml": return asBank ? text : bankFile
        default: return asBank ? "id: a\ntitle: A\nsummary: S\nquestions: []\n" : text
        }
    }
    return 0
}

/// SwiftPM links this target with `main` renamed to this.
@_cdecl("FuzzQuestionBank_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    shieldwall_fuzzer_main(argc, argv) { data, count in data.map { fuzz(UnsafeRawPointer($0), count) } ?? 0 }
}
