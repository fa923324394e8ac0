// swift-tools-version: 6.1
import PackageDescription

// A flowrun with one more plug-in: depends on flowrun's libraries by path, as your own
// package would depend on them by URL.
let package = Package(
    name: "custom-plugin",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "flowrun", path: "../..")
    ],
    targets: [
        .executableTarget(
            name: "card-flowrun",
            dependencies: [
                .product(name: "FlowrunCore", package: "flowrun"),
                .product(name: "FlowrunCLI", package: "flowrun"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
