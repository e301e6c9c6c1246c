import ArgumentParser
import Explorer
import MDNCore
import MDNFigures
import MDNIO
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

    @Option(help: "Directory the e key exports into (and the w key writes checkpoints into).")
    var exportDir: String = "."

    @Option(
        help: "Comma-separated export formats for the e key: txt, ansi, svg, png. (default: svg,png)",
        transform: ExportFormatList.init(parsing:))
    var exportFormat = ExportFormatList([.svg, .png])

    @Flag(help: "Print frame-timing statistics to stderr on exit.")
    var profile = false

    @Option(
        name: .customLong("model"),
        help: ArgumentHelp(
            "Open a trained model (mdnx train --save, or the w key) instead of training; give one mse and one mdn "
                + "model to see both. The data: --data/--dataset, else what the checkpoint records.",
            valueName: "file.safetensors"))
    var models: [String] = []

    func validate() throws {
        try source.check(minimumCount: 2, columns: .one, command: "explore")
        // With --data and no --model: --x and --y, or columns obvious enough to infer (an opened
        // model supplies its own column names as defaults, checked when the options are made).
        if let path = source.data, models.isEmpty { _ = try source.selectors(path: path, defaults: nil) }
    }

    /// A temperature range as the messages write it: "0.05...20".
    static func text(_ range: ClosedRange<Double>) -> String {
        "\(ExplorerState.format(range.lowerBound))...\(ExplorerState.format(range.upperBound))"
    }

    /// The explorer options these flags describe (reads a CSV file's header to infer its
    /// columns when --x and --y are left out).
    func options() throws -> ExplorerOptions {
        var o = ExplorerOptions()
        o.models = try models.map { path in try OpenedModel(path: path) }
        try OpenedModelsError.check(o.models)
        // Opened models without --data, --dataset or --count: the data their checkpoint
        // records (the mdn's first), as mdnx plot --model does.
        let model = o.models.first { $0.kind == .mdn } ?? o.models.first
        if let model, source.data == nil && source.dataset == nil && source.count == nil {
            switch try CheckpointData.resolve(model.checkpoint, modelPath: model.path) {
            case .builtin(let name, let count, let seed):
                o.source = DataSource(name)
                o.count = count
                o.seed = seed
            case .csv(let path):
                o.source = .csv(
                    path: path, x: model.checkpoint.xNames.first ?? "x", y: model.checkpoint.yNames.first ?? "y")
                o.dropMissing = true
            }
            o.dataDescription = model.checkpoint.extra["data"]
            setCommonOptions(&o, seedFromData: true)
            return o
        }
        if let path = source.data {
            if let x = source.x.first, let y = source.y.first {
                o.source = .csv(path: path, x: x, y: y)
            } else {
                // An opened model's own column names stand in for --x/--y left out, as in mdnx
                // eval and plot; without a model, the obvious columns.
                let defaults = model.map { m in
                    (
                        x: [ColumnSelector.name(m.checkpoint.xNames.first ?? "x")],
                        y: [ColumnSelector.name(m.checkpoint.yNames.first ?? "y")]
                    )
                }
                let columns = try source.selectors(path: path, defaults: defaults)
                o.source = .csv(
                    path: path, x: DataSourceOptions.argument(columns.x[0]), y: DataSourceOptions.argument(columns.y[0])
                )
            }
            o.dropMissing = source.dropMissing
        } else {
            o.source = DataSource(source.dataset ?? .spiral)
            o.count = source.rowCount
        }
        setCommonOptions(&o, seedFromData: false)
        return o
    }

    /// Sets the options that do not depend on the data; the seed stays as the data set it
    /// when `seedFromData` (a built-in set regenerated from a checkpoint's seed).
    func setCommonOptions(_ o: inout ExplorerOptions, seedFromData: Bool) {
        o.mixtures = mixtures?.fixed
        o.mixturesAuto = mixtures == .auto
        o.pace = pace
        o.preset = preset
        o.temperature = temperature
        o.sigmaTemperature = sigmaTemperature
        if !seedFromData { o.seed = seed }
        o.view = view
        o.canvas = canvas ?? .braille
        o.canvasGiven = canvas != nil
        o.fps = fps
        o.theme = theme
        o.exportDirectory = exportDir
        o.exportFormats = exportFormat.formats
        o.modelDirectory = exportDir
        o.profile = profile
    }

    func run() throws {
        // Exports go there later: fail now, not on the first key press.
        do {
            try AtomicFile.checkDirectory(exportDir)
        } catch {
            throw CommandError.exportDirectory(error)
        }
        if let path = source.data, models.isEmpty, let note = try source.selectors(path: path, defaults: nil).note {
            printToStandardError(note)
        }
        let code = ExplorerApp.run(try options())
        if code != 0 { throw ExitCode(code) }
    }
}
