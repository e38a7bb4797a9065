// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "shieldwall",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "shieldwall", targets: ["shieldwall"]),
        .library(name: "ShieldwallCore", targets: ["ShieldwallCore"]),
        .library(name: "ShieldwallServer", targets: ["ShieldwallServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/JohnSundell/Ink.git", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        .target(
            name: "ShieldwallCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Ink", package: "Ink"),
            ],
            resources: [.copy("Resources")],
            // The ICU inside Foundation on Linux, for plural rules (PluralRules.swift).
            linkerSettings: [.linkedLibrary("_FoundationICU", .when(platforms: [.linux]))]
        ),
        .target(
            name: "ShieldwallServer",
            dependencies: [
                "ShieldwallCore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            resources: [.copy("Resources")]
        ),
        // `shieldwall scan`'s input side: logs read in parts, gzip, positions across logrotate, the server client.
        .target(
            name: "ShieldwallScan",
            dependencies: [
                "ShieldwallCore",
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .executableTarget(
            name: "shieldwall",
            dependencies: [
                "ShieldwallServer",
                "ShieldwallCore",
                "ShieldwallScan",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["exported-symbols.map"],
            linkerSettings: [
                .unsafeFlags(["-Xlinker", "--version-script=\(Context.packageDirectory)/Sources/shieldwall/exported-symbols.map"], .when(platforms: [.linux])),
            ]
        ),
        .testTarget(name: "ShieldwallCoreTests", dependencies: ["ShieldwallCore"]),
        .testTarget(name: "ShieldwallScanTests", dependencies: ["ShieldwallScan", "ShieldwallCore"]),
        .testTarget(
            name: "ShieldwallServerTests",
            dependencies: [
                "ShieldwallServer",
                .product(name: "XCTVapor", package: "vapor"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
