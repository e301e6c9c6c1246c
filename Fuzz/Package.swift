// swift-tools-version:6.0
import PackageDescription

/// libFuzzer targets for the parsers of user files (CSV, safetensors checkpoints, themes).
/// Built and run by `.ci/fuzz` with `-sanitize=fuzzer,address`; each target defines
/// `LLVMFuzzerTestOneInput` and no `main` (libFuzzer supplies it).
let package = Package(
    name: "mdnx-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "mdnx", path: "..")],
    targets: [
        // What every target checks: no trap, and every error message one short line without
        // control characters.
        .target(name: "FuzzSupport", dependencies: [.product(name: "MDNParsers", package: "mdnx")]),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzSafeTensors", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzTheme", dependencies: ["FuzzSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
