// swift-tools-version:6.0
import PackageDescription

/// Compiler settings for MDNCore.
/// - Debug builds optimise MDNCore too: unoptimised SIMD code is ~100x slower, which would
///   make `swift test` (which trains real models and drives the explorer) crawl.
/// - The GEMM kernel needs FMA to reach its speed; on x86-64, `-target-cpu haswell` (AVX2 +
///   FMA) turns `SIMD.addProduct` into `vfmadd` instead of a library call per lane. Other
///   CPUs build without the flag.
var kernelFlags: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]
#if arch(x86_64)
    kernelFlags.append(.unsafeFlags(["-target-cpu", "haswell"]))
#endif

let package = Package(
    name: "mdnx",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "mdnx", targets: ["mdnx"]),
        // The parsers of user files, for the fuzz targets in Tests/Fuzz (a package of its own).
        .library(name: "MDNParsers", targets: ["MDNCore", "MDNIO", "Themes", "SafeText"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
    ],
    targets: [
        // Input made safe to echo: control characters escaped, long values cut, one line.
        .target(name: "SafeText"),
        // Atomic, no-clobber file writes shared by checkpoints, CSV output and exports.
        .target(name: "SafeIO", dependencies: ["SafeText"]),
        // POSIX signals as a flag that loops poll (train's Ctrl-C, the explorer's quit).
        .target(name: "Signals"),
        // Numerics, models, training, synthetic data sets: pure Swift, no file I/O.
        .target(
            name: "MDNCore",
            swiftSettings: kernelFlags
        ),
        // Data I/O: CSV input and output, safetensors checkpoints, models loaded from them.
        .target(
            name: "MDNIO",
            dependencies: ["MDNCore", "SafeIO", "SafeText", .product(name: "CSV", package: "CSV.swift")]
        ),
        // Cairo, for raster (PNG) exports.
        .systemLibrary(
            name: "CCairo",
            providers: [.apt(["libcairo2-dev"])]
        ),
        // Terminal plot engine: Figure -> cell grid, and exporters (txt, ansi, svg). Generic:
        // knows no networks, and builds without cairo.
        .target(name: "TermPlot", dependencies: ["SafeIO", "SafeText"]),
        // PNG export for TermPlot through cairo: the only target that needs libcairo2-dev.
        .target(name: "TermPlotPNG", dependencies: ["TermPlot", "CCairo"]),
        // giflib, for animated GIF exports.
        .systemLibrary(
            name: "CGif",
            providers: [.apt(["libgif-dev"])]
        ),
        // Animated GIF encoding for TermPlot through giflib: palette quantisation, frames that
        // store only what changed. The only target that needs libgif-dev.
        // Optimised in debug builds too: its per-pixel loops would make `swift test` crawl.
        .target(
            name: "TermPlotGIF", dependencies: ["TermPlot", "CGif"],
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        // Build tool: turns a text file into a Swift string constant (for EmbedDefaultTheme).
        .executableTarget(name: "EmbedText"),
        // Embeds themes/dark.toml in Themes at build time: the shipped file is the only source
        // of the default theme. (Under Sources/: the top level keeps to Package.swift, Sources,
        // Tests, README.md and themes.)
        .plugin(
            name: "EmbedDefaultTheme", capability: .buildTool(), dependencies: ["EmbedText"],
            path: "Sources/EmbedDefaultTheme"),
        // Colour themes: theme files, lookup, colour-depth mapping.
        .target(
            name: "Themes",
            dependencies: ["TermPlot", "SafeText"],
            plugins: ["EmbedDefaultTheme"]
        ),
        // mdnx's figures: the view vocabulary, the scene, component curves, density grids,
        // the standard figures, and the theme-to-style glue. Used by the explorer and `mdnx plot`.
        .target(name: "MDNFigures", dependencies: ["MDNCore", "SafeText", "TermPlot", "Themes"]),
        // Animations of a recorded training: frames built through MDNFigures, written as an
        // animated GIF and an asciicast (the explorer's E key and `mdnx plot --animate`).
        .target(
            name: "MDNAnimation",
            dependencies: ["MDNCore", "MDNFigures", "TermPlot", "TermPlotPNG", "TermPlotGIF", "SafeIO"]
        ),
        // ncurses (wide-character build), C only.
        .systemLibrary(
            name: "CNcurses",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // The interactive explorer: state, update, view, session, ncurses adapter.
        .target(
            name: "Explorer",
            dependencies: [
                "MDNCore", "MDNIO", "SafeText", "TermPlot", "TermPlotPNG", "Themes", "MDNFigures", "CNcurses",
                "Signals", "MDNAnimation",
            ]
        ),
        .executableTarget(
            name: "mdnx",
            dependencies: [
                "MDNCore", "MDNIO", "SafeIO", "SafeText", "TermPlot", "TermPlotPNG", "Themes", "MDNFigures",
                "Explorer", "Signals", "MDNAnimation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SafeTextTests", dependencies: ["SafeText"]),
        .testTarget(name: "SafeIOTests", dependencies: ["SafeIO"]),
        // Code only tests need (reference implementations, fixtures), kept out of the product.
        .target(name: "MDNCoreTestSupport", dependencies: ["MDNCore"], path: "Tests/Support/MDNCoreTestSupport"),
        .testTarget(name: "MDNCoreTests", dependencies: ["MDNCore", "MDNCoreTestSupport"]),
        .testTarget(name: "MDNIOTests", dependencies: ["MDNIO", "MDNCore", "SafeIO", "MDNCoreTestSupport"]),
        .target(name: "TermPlotTestSupport", dependencies: ["TermPlot"], path: "Tests/Support/TermPlotTestSupport"),
        .testTarget(name: "TermPlotTests", dependencies: ["TermPlot", "TermPlotTestSupport", "MDNCoreTestSupport"]),
        .testTarget(name: "TermPlotPNGTests", dependencies: ["TermPlotPNG", "TermPlot", "TermPlotTestSupport"]),
        .testTarget(
            name: "TermPlotGIFTests",
            dependencies: ["TermPlotGIF", "TermPlotPNG", "TermPlot", "TermPlotTestSupport", "MDNCoreTestSupport"]),
        .testTarget(name: "ThemesTests", dependencies: ["Themes"]),
        .testTarget(
            name: "MDNAnimationTests",
            dependencies: [
                "MDNAnimation", "MDNCore", "MDNFigures", "TermPlot", "Themes", "TermPlotTestSupport",
                "MDNCoreTestSupport",
            ]),
        .testTarget(name: "MDNFiguresTests", dependencies: ["MDNFigures", "MDNCore", "TermPlot", "Themes"]),
        .target(
            name: "ExplorerTestSupport", dependencies: ["Explorer", "MDNCore", "TermPlot", "Themes"],
            path: "Tests/Support/ExplorerTestSupport"),
        .testTarget(name: "ExplorerTests", dependencies: ["Explorer", "mdnx", "ExplorerTestSupport", "MDNIO"]),
        // Runs the built `mdnx` binary as a user would (exit codes, one-line errors, files).
        .testTarget(
            name: "CLITests",
            dependencies: [
                "mdnx", "MDNCore", "MDNIO", "MDNFigures", "Explorer", "TermPlotTestSupport", "MDNCoreTestSupport",
            ]),
    ],
    swiftLanguageModes: [.v6]
)
