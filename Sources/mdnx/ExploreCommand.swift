import ArgumentParser
import Explorer
import MDNCore
import MDNFigures
import SafeIO
import TermPlot

/// `mdnx explore` (also `mdnx` alone): the live terminal explorer.
struct ExploreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Train an MSE network and an MDN live and watch them in the terminal (press ? for keys).",
        discussion: """
            The data: a built-in data set (--dataset, --count rows generated from --seed) or one \
            x column and one y column of a CSV file (--data FILE --x COLUMN --y COLUMN, names or \
            1-based positions; both can be left out when two columns are named x and y, or when \
            only two columns are numeric), scaled for training by the same rule as mdnx train.
            """)

    @OptionGroup(title: "Data")
    var source: DataSourceOptions

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Number of mixture components K, or auto to choose K by validation NLL before the MDN trains "
                + "(MixtureSearch, as mdnx train --mixtures auto). (default: the preset's: 20; 5 under 2,000 rows with the default preset)",
            valueName: "k|auto"),
        transform: MixturesOption.parser(range: ExplorerState.Limits.mixtureRange))
    var mixtures: MixturesOption?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Slow training to at most this many epochs per second per model, to watch it live (default: full speed).",
            valueName: "epochs-per-s"),
        transform: OptionValue.double(
            "--pace", NumberRange(lower: 0, includesLower: false, upper: 1000, includesUpper: true)))
    var pace: Double?

    @Option(help: "Training preset.")
    var preset: Preset = .default

    @Option(
        parsing: .unconditional, help: "Sampling temperature T (pi = softmax(logits / T)). (default: 1)",
        transform: OptionValue.double("--temperature", .closed(ExplorerState.Limits.temperatureRange)))
    var temperature: Double = 1

    @Option(
        parsing: .unconditional, help: "Sigma temperature S (variance x S). (default: 1)",
        transform: OptionValue.double("--sigma-temperature", .closed(ExplorerState.Limits.sigmaTemperatureRange)))
    var sigmaTemperature: Double = 1

    @Option(
        parsing: .unconditional, help: "Seed for data, weights and shuffling. (default: 42)",
        transform: OptionValue.seed())
    var seed: UInt64 = 42

    @Option(help: "Start view (the same names as mdnx plot --view; side is side-by-side).")
    var view: FigureView = .overlay

    @Option(
        help:
            "Canvas: braille (2x4 dots per cell), block (2x2) or ascii. (default: braille; ascii in a non-UTF-8 locale, where braille or block here means the terminal shows UTF-8 anyway)"
    )
    var canvas: CanvasKind?

    @Option(
        parsing: .unconditional, help: "Frames per second while training runs. (default: 20)",
        transform: OptionValue.integer("--fps", 1...120))
    var fps: Int = 20

    @Option(help: "Colour theme name or path.")
    var theme: String?

    @Option(help: "Directory the e key exports into.")
    var exportDir: String = "."

    @Option(
        help: "Comma-separated export formats for the e key: txt, ansi, svg, png. (default: svg,png)",
        transform: ExportFormatList.init(parsing:))
    var exportFormat = ExportFormatList([.svg, .png])

    @Flag(help: "Print frame-timing statistics to stderr on exit.")
    var profile = false

    func validate() throws {
        try source.check(minimumCount: 2, columns: .one, command: "explore")
        // With --data: --x and --y, or columns obvious enough to infer (no model supplies defaults here).
        if let path = source.data { _ = try source.selectors(path: path, defaults: nil) }
    }

    /// A temperature range as the messages write it: "0.05...20".
    static func text(_ range: ClosedRange<Double>) -> String {
        "\(ExplorerState.format(range.lowerBound))...\(ExplorerState.format(range.upperBound))"
    }

    /// The explorer options these flags describe (reads a CSV file's header to infer its
    /// columns when --x and --y are left out).
    func options() throws -> ExplorerOptions {
        var o = ExplorerOptions()
        if let path = source.data {
            if let x = source.x.first, let y = source.y.first {
                o.source = .csv(path: path, x: x, y: y)
            } else {
                let columns = try source.selectors(path: path, defaults: nil)
                o.source = .csv(
                    path: path, x: DataSourceOptions.argument(columns.x[0]), y: DataSourceOptions.argument(columns.y[0])
                )
            }
            o.dropMissing = source.dropMissing
        } else {
            o.source = DataSource(source.dataset ?? .spiral)
            o.count = source.rowCount
        }
        o.mixtures = mixtures?.fixed
        o.mixturesAuto = mixtures == .auto
        o.pace = pace
        o.preset = preset
        o.temperature = temperature
        o.sigmaTemperature = sigmaTemperature
        o.seed = seed
        o.view = view
        o.canvas = canvas ?? .braille
        o.canvasGiven = canvas != nil
        o.fps = fps
        o.theme = theme
        o.exportDirectory = exportDir
        o.exportFormats = exportFormat.formats
        o.profile = profile
        return o
    }

    func run() throws {
        // Exports go there later: fail now, not on the first key press.
        do {
            try AtomicFile.checkDirectory(exportDir)
        } catch {
            throw CommandError.exportDirectory(error)
        }
        if let path = source.data, let note = try source.selectors(path: path, defaults: nil).note {
            printToStandardError(note)
        }
        let code = ExplorerApp.run(try options())
        if code != 0 { throw ExitCode(code) }
    }
}
