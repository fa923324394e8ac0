// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "flowrun",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "FlowrunCore", targets: ["FlowrunCore"]),
        .library(name: "FlowrunSQLite", targets: ["FlowrunSQLite"]),
        .library(name: "FlowrunPlugins", targets: ["FlowrunPlugins"]),
        .library(name: "FlowrunCLI", targets: ["FlowrunCLI"]),
        .executable(name: "flowrun", targets: ["flowrun"]),
        .executable(name: "flowrun-bench", targets: ["FlowrunBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(
            name: "FlowrunCore",
            dependencies: ["CLibXML2", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "FlowrunSQLite",
            dependencies: ["FlowrunCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "FlowrunPlugins",
            dependencies: [
                "FlowrunCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "FlowrunCLI",
            dependencies: [
                "FlowrunCore", "FlowrunSQLite", "FlowrunPlugins",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "flowrun",
            dependencies: ["FlowrunCLI", .product(name: "Logging", package: "swift-log")]
        ),
        .executableTarget(
            name: "FlowrunBench",
            dependencies: [
                "FlowrunCore", "FlowrunSQLite", "FlowrunPlugins", "CLibXML2",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "FlowrunTestSupport",
            dependencies: [
                "FlowrunCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/FlowrunTestSupport"
        ),
        .testTarget(
            name: "FlowrunCoreTests",
            dependencies: ["FlowrunCore", "FlowrunTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "FlowrunSQLiteTests", dependencies: ["FlowrunSQLite", "FlowrunTestSupport"]),
        .testTarget(
            name: "FlowrunPluginsTests",
            dependencies: ["FlowrunPlugins", "FlowrunTestSupport"]
        ),
        .testTarget(
            name: "FlowrunCLITests",
            dependencies: ["FlowrunCLI", "FlowrunSQLite", "FlowrunPlugins", "FlowrunTestSupport"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    target.swiftSettings = settings
}
