import ArgumentParser
import Explorer
import MDNCore
import TermPlot

/// `mdnx explore` (also `mdnx` alone): the live terminal explorer.
struct ExploreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Train an MSE network and an MDN live and watch them in the terminal (press ? for keys).")

    @Option(help: "Built-in data set: spiral or bishop.")
    var dataset: String = "spiral"

    @Option(help: "CSV file to explore instead of a built-in data set (needs --x and --y).")
    var data: String?

    @Option(help: "x column of --data (name or 1-based index).")
    var x: String?

    @Option(help: "y column of --data (name or 1-based index).")
    var y: String?

    @Option(help: "Number of mixture components K.")
    var mixtures: Int = 20

    @Option(help: "Training preset: tutorial or default.")
    var preset: String = "default"

    @Option(help: "Sampling temperature T (pi = softmax(logits / T)).")
    var temperature: Double = 1

    @Option(help: "Sigma temperature S (variance x S).")
    var sigmaTemperature: Double = 1

    @Option(help: "Seed for data, weights and shuffling.")
    var seed: UInt64 = 42

    @Option(help: "Start view: overlay, side, density or components.")
    var view: String = "overlay"

    @Option(help: "Canvas: braille, block or ascii.")
    var canvas: String = "braille"

    @Option(help: "Frames per second while training runs.")
    var fps: Int = 20

    @Option(help: "Colour theme name or path.")
    var theme: String?

    @Option(help: "Directory the e key exports into.")
    var exportDir: String = "."

    @Option(help: "Comma-separated export formats for the e key: txt, ansi, svg, png.")
    var exportFormat: String = "svg,png"

    @Flag(help: "Print frame-timing statistics to stderr on exit.")
    var profile = false

    func validate() throws {
        guard ExplorerState.Limits.mixtureRange.contains(mixtures) else {
            throw ValidationError("--mixtures must be in \(ExplorerState.Limits.mixtureRange.lowerBound)...\(ExplorerState.Limits.mixtureRange.upperBound)")
        }
        guard ExplorerState.Limits.temperatureRange.contains(temperature) else {
            throw ValidationError("--temperature must be in 0.05...20")
        }
        guard ExplorerState.Limits.sigmaTemperatureRange.contains(sigmaTemperature) else {
            throw ValidationError("--sigma-temperature must be in 0.05...20")
        }
        guard (1...120).contains(fps) else { throw ValidationError("--fps must be in 1...120") }
        if data != nil && (x == nil || y == nil) { throw ValidationError("--data needs --x and --y") }
        if data == nil && (x != nil || y != nil) { throw ValidationError("--x and --y go with --data") }
        _ = try options()
    }

    /// The explorer options these flags describe.
    func options() throws -> ExplorerOptions {
        var o = ExplorerOptions()
        if let path = data, let x, let y {
            o.source = .csv(path: path, x: x, y: y)
        } else {
            switch dataset {
            case "spiral": o.source = .spiral
            case "bishop": o.source = .bishop
            default: throw ValidationError("--dataset must be spiral or bishop (or use --data FILE.csv --x COL --y COL)")
            }
        }
        guard let p = Preset(rawValue: preset) else {
            throw ValidationError("--preset must be one of: \(Preset.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let v = ExplorerViewKind(rawValue: view) else {
            throw ValidationError("--view must be one of: \(ExplorerViewKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let c = CanvasKind(rawValue: canvas) else {
            throw ValidationError("--canvas must be one of: \(CanvasKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var formats: [ExportFormat] = []
        for name in exportFormat.split(separator: ",") {
            guard let f = ExportFormat(rawValue: String(name)) else {
                throw ValidationError("--export-format: unknown format '\(name)' (txt, ansi, svg, png)")
            }
            formats.append(f)
        }
        guard !formats.isEmpty else { throw ValidationError("--export-format needs at least one format") }
        o.mixtures = mixtures
        o.preset = p
        o.temperature = temperature
        o.sigmaTemperature = sigmaTemperature
        o.seed = seed
        o.view = v
        o.canvas = c
        o.fps = fps
        o.theme = theme
        o.exportDirectory = exportDir
        o.exportFormats = formats
        o.profile = profile
        return o
    }

    func run() throws {
        let code = ExplorerApp.run(try options())
        if code != 0 { throw ExitCode(code) }
    }
}
