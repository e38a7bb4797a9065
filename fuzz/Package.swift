// swift-tools-version:6.0
// libFuzzer targets for the parsers of outside input. Built by `scripts/fuzz`, which passes
// `-sanitize=fuzzer,address -parse-as-library`; they link ShieldwallCore only, never the server.
import PackageDescription

let core: Target.Dependency = .product(name: "ShieldwallCore", package: "shieldwall")
let fuzzers = ["FuzzStixReader", "FuzzStixPattern", "FuzzIndicatorValue", "FuzzLogScanner", "FuzzIndicatorList",
               "FuzzQuestionBank", "FuzzMarkdown", "FuzzAlertIngest"]

let package = Package(
    name: "shieldwall-fuzz",
    dependencies: [.package(name: "shieldwall", path: "..")],
    targets: [.target(name: "CFuzzDriver")]
        + fuzzers.map { .executableTarget(name: $0, dependencies: [core, "CFuzzDriver"]) },
    swiftLanguageModes: [.v6]
)
