import ArgumentParser
import Foundation
import MDNCore
import MDNFigures
import MDNIO
import SafeText
import TermPlot
import TermPlotPNG
import Themes

/// `mdnx plot`: the explorer's figures, headless: data, the MSE mean curve, MDN samples,
/// p(y|x) or the mixture components, to the terminal or to a txt/ansi/svg/png file.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Plot the data and what trained models make of it, to the terminal or a file.",
        discussion: """
            The data come from a CSV file (--data FILE, one --x and one --y column, by name or 1-based \
            position; defaults: the model's column names, else columns 1 and 2) or a built-in data \
            set (--dataset spiral|bishop, --count rows). Without any of these, a model's own data are \
            used: the file and columns (or the built-in set, its row count and seed) stored in the \
            checkpoint by mdnx train; without a model, the spiral. Axis labels are the column names.

            --model FILE may be given twice: once for an mse checkpoint (drawn as its mean curve) \
            and once for an mdn checkpoint (drawn as one sample per data x, with pi = softmax(logits / T) \
            and sigma * sqrt(S), T = --temperature, S = --sigma-temperature). The kind is read from \
            each checkpoint. Views (the same names as mdnx explore --view): side-by-side (or side; default \
            with a model: ground truth | MSE prediction | MDN samples), overlay (default without a \
            model), density (the MDN's p(y|x) on a grid at T and S, data on top), components (mu_k(x), \
            brighter where pi_k(x) is larger, and pi_k(x) at T below). Axes fit the data (--axes data; \
            samples outside are counted in the legend), every series (--axes all) or the data at one \
            scale for x and y (--axes equal). --inspect X0 adds the slice inspector: p(y|x0) along y, \
            each component, the MSE prediction at x0, the data near x0, and x0, mean, std, modes and \
            the largest weight.

            Without --output the plot goes to standard output, sized to the terminal (or --width and \
            --height in cells), in colour when standard output is a terminal and NO_COLOR is unset \
            (see --color). With --output the format follows the extension: .txt, .ansi (cells: \
            --width/--height default 160x48), .svg, .png (pixels: default 520 per panel x 600). \
            Exports use the --theme colours. An existing file is kept unless --force is given.

            Examples:
              mdnx plot --model mse.safetensors --model mdn.safetensors
              mdnx plot --data points.csv --x age --y income -o data.png
              mdnx plot --model mdn.safetensors --view density -o p.svg --theme light
              mdnx plot --model mdn.safetensors --temperature 0.5 --canvas ascii
              mdnx plot --model mdn.safetensors --view density --inspect 2.5 -o slice.png

            Animations: --animate --history FILE (a training recorded by mdnx train --history FILE, which \
            holds the data and every epoch of both models) writes the training from the first epoch to \
            the last (or --epochs FIRST:LAST) to -o FILE.gif (re-plotted at vector quality, the epoch in \
            the title, the loss curves so far below; --width/--height in pixels, default 900x800) or \
            FILE.cast (an asciicast v2 recording of the terminal screen: the plot, the loss curves so \
            far and a status line; --width/--height in cells, default 160x48; play it with asciinema play FILE.cast). Progress \
            goes to standard error; Ctrl-C cancels and writes nothing.
              mdnx train --dataset spiral --model both --history run.safetensors
              mdnx plot --animate --history run.safetensors -o training.gif
              mdnx plot --animate --history run.safetensors --view density --epochs 1:100 -o start.cast
            """)

    /// How the axes are chosen (the explorer's `a` key cycles the same modes).
    enum AxesChoice: String, ExpressibleByArgument, CaseIterable {
        case data, all, equal

        /// The figures' axis mode.
        var mode: AxisMode {
            switch self {
            case .data: .fitData
            case .all: .fitAll
            case .equal: .equalAspect
            }
        }
    }

    /// When to colour terminal output.
    enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    @OptionGroup(title: "Data")
    var source: DataSourceOptions

    @Option(
        parsing: .unconditional, help: "Seed for the built-in data set and the MDN's samples. (default: 42)",
        transform: OptionValue.seed())
    var seed: UInt64 = 42

    @Option(help: "Checkpoint written by mdnx train; give it twice for an mse and an mdn model.")
    var model: [String] = []

    @Option(help: "What to draw (default: side-by-side with a model, overlay without one or with --animate).")
    var view: FigureView?

    @Option(help: "A training recorded by mdnx train --history (its data and models), for --animate.")
    var history: String?

    @Flag(help: "Animate the --history training into -o FILE.gif or FILE.cast.")
    var animate = false

    @Option(
        help: "With --animate: the epochs to show, FIRST:LAST (1-based), FIRST: or :LAST. (default: all)",
        transform: EpochRange.init(parsing:))
    var epochs: EpochRange?

    @Option(
        parsing: .unconditional, help: "With --animate: frames per second, from 0.1 to 100. (default: 10)",
        transform: OptionValue.double("--fps", .closed(0.1...100)))
    var fps: Double?

    @Option(
        parsing: .unconditional,
        help: "With --animate: the most frames; longer trainings show evenly spaced epochs. (default: 200)",
        transform: OptionValue.integer("--max-frames", 2...10_000))
    var maxFrames: Int?

    @OptionGroup var temperatures: TemperatureOptions

    @Option(help: "Axes: data (fit the data), all (fit every series) or equal (the data, x and y at one scale).")
    var axes: AxesChoice = .data

    @Option(help: "Add the slice inspector at this x: p(y|x0), its components and numbers.")
    var inspect: Float?

    @Option(name: [.short, .long], help: "Write to this file (.txt, .ansi, .svg or .png) instead of the terminal.")
    var output: String?

    @Flag(help: "Overwrite --output if it exists.")
    var force = false

    @Option(
        parsing: .unconditional, help: "Width: cells for the terminal, .txt and .ansi; pixels for .svg and .png.",
        transform: OptionValue.integer("--width", 1...20_000))
    var width: Int?

    @Option(
        parsing: .unconditional, help: "Height: cells for the terminal, .txt and .ansi; pixels for .svg and .png.",
        transform: OptionValue.integer("--height", 1...20_000))
    var height: Int?

    @Option(help: "Text canvas: braille (2x4 dots per cell), block (2x2) or ascii.")
    var canvas: CanvasKind = .braille

    @Option(help: "Colour theme: a name (see themes/) or a .toml file. (default: dark)")
    var theme: String?

    @Option(
        help:
            "Colour on the terminal: auto (when standard output is a terminal and NO_COLOR is unset), always or never.")
    var color: ColorChoice = .auto

    func validate() throws {
        try validateAnimation()
        try source.check(minimumCount: 1, columns: .one, command: "plot")
        if model.count > 2 {
            throw ValidationError("--model takes at most two checkpoints (an mse and an mdn one), got \(model.count)")
        }
        if let inspect, !inspect.isFinite { throw ValidationError("--inspect must be a finite number, got \(inspect)") }
        try temperatures.check()
    }

    func run() throws {
        if animate { return try runAnimation() }
        // Cheap checks first, so a bad path fails before any work.
        let format = try output.map { path throws(ExportError) in try ExportFormat(path: path) }
        if let output { try OutputCheck.ensureWritable(output, force: force) }
        let (width, height) = try size(for: format)
        let theme = try loadTheme()

        let (mseModel, mdnModel) = try loadModels()
        let (mse, mdn) = (mseModel?.predictor, mdnModel?.predictor)
        let names = (mdn ?? mse).map { ($0.checkpoint.xNames[0], $0.checkpoint.yNames[0]) }
        let (points, dataName, builtin) = try loadData(defaultNames: names, model: mdnModel ?? mseModel)
        let temperatures = try Temperatures(
            sampling: Double(self.temperatures.temperature), sigma: Double(self.temperatures.sigmaTemperature))
        var rng = SeededRNG(seed: seed)
        var plot = PlotScene(
            data: XYPoints(xs: points.x, ys: points.y), dataName: dataName,
            xName: SafeText.echo(points.xNames[0], limit: SafeText.labelLimit),
            yName: SafeText.echo(points.yNames[0], limit: SafeText.labelLimit),
            // Only the spiral's two columns share a unit; other data keep their own ranges.
            equalAspect: builtin?.sharesUnits ?? false,
            mse: mse.map { p in { p.predictions(x: $0) } }, mdn: mdn.flatMap(Self.mixtureSource),
            temperatures: temperatures, rng: &rng)
        plot.scene.axisMode = axes.mode
        let view = self.view ?? (mse == nil && mdn == nil ? .overlay : .sideBySide)
        if view.needsMDN && mdn == nil { throw PlotError.viewNeedsMDN(view) }

        if let output, let format {
            var options = ExportOptions(canvas: canvas)
            let resolution: FigureResolution
            if format == .svg || format == .png {
                options.pixelWidth = width
                options.pixelHeight = height
                resolution = .vector
            } else {
                options.columns = width ?? options.columns
                options.rows = height ?? options.rows
                resolution = .cells(width: options.columns, height: options.rows)
            }
            let figure = try plot.figure(view, resolution: resolution, inspector: inspect)
            try FigureExporter.write(
                figure, to: output, palette: theme.palette, options: options, pngEncoder: CairoPNGEncoder(),
                overwrite: force)
            printToStandardError("wrote \(output) (\(describe(format, options, figure)))")
        } else {
            try writeToTerminal(plot, view: view, theme: theme, width: width, height: height)
        }
    }

    /// The name of a data file for titles: its file name, escaped and cut.
    static func fileName(_ path: String) -> String {
        SafeText.echo(path.split(separator: "/").last.map(String.init) ?? path, limit: SafeText.labelLimit)
    }

    /// An mdn checkpoint as a mixture source (in the data's units).
    static func mixtureSource(_ p: Predictor) -> MixtureSource? {
        p.network.layout.map { layout in .function(layout: layout) { p.mixtures(x: $0) } }
    }

    /// The requested size, checked against the format's limits (cells or pixels).
    func size(for format: ExportFormat?) throws(PlotError) -> (Int?, Int?) {
        let pixels = format == .svg || format == .png
        let (low, high, unit) = pixels ? (64, 20_000, "pixels") : (20, 2_000, "cells")
        for (name, value) in [("--width", width), ("--height", height)] {
            // Text plots may be as short as 8 rows (the floor writeToTerminal uses too).
            let minimum = name == "--height" && !pixels ? 8 : low
            if let value, value < minimum || value > high {
                throw .sizeOutOfRange(
                    option: name, value: value, minimum: minimum, maximum: high, unit: unit,
                    target: format.map { "." + $0.rawValue } ?? "the terminal")
            }
        }
        return (width, height)
    }

    /// The theme: an explicit --theme must load; the default falls back to the built-in one.
    func loadTheme() throws -> Theme {
        let loader = ThemeLoader.standard()
        if let theme { return try loader.load(theme) }
        return loader.loadOrFallback(nil).theme
    }

    /// At most one mse and one mdn checkpoint (with their paths), each with one input and one output.
    func loadModels() throws -> (mse: (path: String, predictor: Predictor)?, mdn: (path: String, predictor: Predictor)?)
    {
        var mse: (String, Predictor)? = nil
        var mdn: (String, Predictor)? = nil
        for path in model {
            let p = try Predictor(path: path)
            let c = p.checkpoint
            guard c.inputDimension == 1 && c.outputDimension == 1 else {
                throw PlotError.notOneXOneY(path: path, inputs: c.inputDimension, outputs: c.outputDimension)
            }
            if p.kind == .mse {
                if let (other, _) = mse { throw PlotError.twoModelsOfOneKind(kind: "mse", first: other, second: path) }
                mse = (path, p)
            } else {
                if let (other, _) = mdn { throw PlotError.twoModelsOfOneKind(kind: "mdn", first: other, second: path) }
                mdn = (path, p)
            }
        }
        return (mse.map { ($0.0, $0.1) }, mdn.map { ($0.0, $0.1) })
    }

    /// The points, their name for titles, and the built-in set they are (nil for a CSV): the
    /// CSV's --x/--y columns (defaults: the model's names, else the obvious columns, else
    /// columns 1 and 2), or the built-in data set; with none of --data, --dataset and
    /// --count, the data stored in the mdn (else the mse) model's checkpoint (see
    /// `CheckpointData`), else the spiral.
    func loadData(defaultNames: (String, String)?, model: (path: String, predictor: Predictor)? = nil) throws
        -> (Dataset, name: String, builtin: DatasetName?)
    {
        if source.data == nil && source.dataset == nil && source.count == nil, let model {
            return try CheckpointData.load(model.predictor.checkpoint, modelPath: model.path)
        }
        let defaults = defaultNames.map { (x: [ColumnSelector.name($0.0)], y: [ColumnSelector.name($0.1)]) }
        let loaded = try source.load(
            seed: seed, defaultColumns: defaults, fallbackColumns: (x: [.index(1)], y: [.index(2)]), minimumRows: 1
        ).dataset
        guard let path = source.data else { return (loaded, (source.dataset ?? .spiral).rawValue, source.builtin) }
        return (loaded, Self.fileName(path), nil)
    }

    /// Renders the plot for standard output at the terminal's size (or --width/--height):
    /// coloured on a terminal, plain text otherwise.
    func writeToTerminal(_ plot: PlotScene, view: FigureView, theme: Theme, width: Int?, height: Int?) throws {
        let env = ProcessInfo.processInfo.environment
        let terminal = PlotTerminal.size()
        let columns = width ?? terminal?.columns ?? Int(env["COLUMNS"] ?? "") ?? 120
        let rows =
            height ?? terminal.map { max(8, $0.rows - 1) } ?? Int(env["LINES"] ?? "").map { max(8, $0 - 1) } ?? 36
        var depth = ColorDepth.detect(environment: env)
        switch color {
        case .never: depth = .none
        case .always: if depth == .none { depth = .color256 }
        case .auto: if terminal == nil { depth = .none }
        }
        // A tint under the data needs background colours a terminal shows as such.
        var plot = plot
        plot.scene.tints = (depth == .color256 || depth == .truecolor) && !theme.isMonochrome
        let figure = try plot.figure(view, resolution: .cells(width: columns, height: rows), inspector: inspect)
        let text: String
        if depth == .none {
            let r = FigureRenderer.renderResult(
                figure, width: columns, height: rows, canvas: canvas,
                options: RenderOptions(shadeGlyphs: true))
            text = r.grid.text + "\n"
        } else {
            let grid = FigureRenderer.render(figure, width: columns, height: rows, canvas: canvas)
            text = AnsiExporter.ansi(grid) { theme.resolved($0, depth: depth) }
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// "svg, 1560x600 px" or "txt, 160x48 cells, braille".
    func describe(_ format: ExportFormat, _ options: ExportOptions, _ figure: Figure) -> String {
        switch format {
        case .svg, .png:
            let (w, h) = options.pixelSize(for: figure)
            return "\(format.rawValue), \(w)x\(h) px"
        case .txt, .ansi:
            return "\(format.rawValue), \(options.columns)x\(options.rows) cells, \(options.canvas.rawValue)"
        }
    }
}

extension CanvasKind: ExpressibleByArgument {}
