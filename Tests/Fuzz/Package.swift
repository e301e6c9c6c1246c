// swift-tools-version:6.0
import PackageDescription

/// libFuzzer targets for the parsers of user files (CSV, safetensors checkpoints, themes).
/// Built and run by `.ci/fuzz` with `-Xswiftc -sanitize=fuzzer,address` (every Swift module
/// instrumented) and lld; each target is parsed as a library and defines its entry point
/// itself (`<Target>_main`, which hands over to libFuzzer's driver).
let entryPoint: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "mdnx-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "mdnx", path: "../..")],
    targets: [
        // What every target checks: no trap, and every error message one short line without
        // control characters.
        .target(name: "FuzzSupport", dependencies: [.product(name: "MDNParsers", package: "mdnx")]),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzSupport"], swiftSettings: entryPoint),
        .executableTarget(name: "FuzzSafeTensors", dependencies: ["FuzzSupport"], swiftSettings: entryPoint),
        .executableTarget(name: "FuzzTheme", dependencies: ["FuzzSupport"], swiftSettings: entryPoint),
    ],
    swiftLanguageModes: [.v6]
)
