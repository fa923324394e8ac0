// swift-tools-version: 6.1
import PackageDescription

// The release `flowrun` on Linux links the Swift runtime and Foundation statically: the dynamic
// loader's symbol binding against libswiftCore, Foundation and ICU was about 3 ms of every
// `flowrun check` (BENCHMARKS.md, "Process start-up"). Only this executable's link step changes,
// so debug builds, tests and the libraries are built as before; SwiftPM's own
// `--static-swift-stdlib` would do the same but recompiles every module. Foundation's static
// archives need its C parts named after it, ICU last.
let staticSwiftRuntime = [
    "-static-stdlib", "-lCoreFoundation", "-l_FoundationCShims", "-l_FoundationCollections", "-l_FoundationICU",
]

let package = Package(
    name: "flowrun",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "FlowrunCore", targets: ["FlowrunCore"]),
        .library(name: "FlowrunSQLite", targets: ["FlowrunSQLite"]),
        .library(name: "FlowrunPlugins", targets: ["FlowrunPlugins"]),
        .library(name: "FlowrunCLI", targets: ["FlowrunCLI"]),
        .library(name: "FlowrunPostgres", targets: ["FlowrunPostgres"]),
        .library(name: "FlowrunServer", targets: ["FlowrunServer"]),
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
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
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
            dependencies: [
                "FlowrunCore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "FlowrunPlugins",
            dependencies: [
                "FlowrunCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "FlowrunCLI",
            dependencies: [
                "FlowrunCore", "FlowrunSQLite", "FlowrunPlugins", "FlowrunPostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "FlowrunPostgres",
            dependencies: [
                "FlowrunCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "FlowrunServer",
            dependencies: [
                "FlowrunCore", "FlowrunSQLite", "FlowrunPlugins", "FlowrunPostgres",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "flowrun",
            dependencies: [
                "FlowrunCLI", "FlowrunServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            linkerSettings: [.unsafeFlags(staticSwiftRuntime, .when(platforms: [.linux], configuration: .release))]
        ),
        .executableTarget(
            name: "FlowrunBench",
            dependencies: [
                "FlowrunCore", "FlowrunSQLite", "FlowrunPlugins", "CLibXML2",
                .product(name: "GRDB", package: "GRDB.swift"),
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
            path: "Tests/FlowrunTestSupport",
            exclude: ["SMTP/smtp_test_server.py"]
        ),
        .testTarget(
            name: "FlowrunCoreTests",
            dependencies: ["FlowrunCore"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "FlowrunSQLiteTests",
            dependencies: ["FlowrunCore", "FlowrunSQLite", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "FlowrunRecordStoreTests",
            dependencies: [
                "FlowrunCore", "FlowrunSQLite", "FlowrunPostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "FlowrunPluginsTests",
            dependencies: [
                "FlowrunPlugins", "FlowrunTestSupport",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "FlowrunServerTests",
            dependencies: [
                "FlowrunServer", "FlowrunSQLite", "FlowrunPlugins", "FlowrunPostgres", "FlowrunTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "FlowrunCLITests",
            dependencies: [
                "FlowrunCLI", "FlowrunSQLite", "FlowrunPlugins", "FlowrunPostgres", "FlowrunTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// libFuzzer targets, declared only when FLOWRUN_FUZZ is set (scripts/fuzz sets it and builds them
// with -sanitize=fuzzer,address into .build-fuzz), so that `swift build` and `swift test` neither
// build them nor need a sanitizer runtime.
if Context.environment["FLOWRUN_FUZZ"] != nil {
    package.products += [
        .executable(name: "flow-fuzzer", targets: ["FlowFuzzer"]),
        .executable(name: "formula-fuzzer", targets: ["FormulaFuzzer"]),
    ]
    package.targets += [
        .target(name: "FuzzerDriver", path: "Fuzz/FuzzerDriver"),
        .executableTarget(name: "FlowFuzzer", dependencies: ["FlowrunCore", "FuzzerDriver"], path: "Fuzz/FlowFuzzer"),
        .executableTarget(name: "FormulaFuzzer", dependencies: ["FlowrunCore", "FuzzerDriver"], path: "Fuzz/FormulaFuzzer"),
    ]
}

for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    target.swiftSettings = settings
}
