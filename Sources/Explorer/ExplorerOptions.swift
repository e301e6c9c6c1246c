import MDNCore
import MDNFigures
import MDNIO
import SafeText
import TermPlot

/// Where the explorer's data comes from.
public enum DataSource: Sendable, Equatable {
    /// The tutorial's noisy spiral.
    case spiral
    /// Bishop's inverse problem.
    case bishop
    /// A CSV file with the named (or 1-based numbered) x and y columns.
    case csv(path: String, x: String, y: String)

    /// The built-in data set `name`.
    public init(_ name: DatasetName) {
        switch name {
        case .spiral: self = .spiral
        case .bishop: self = .bishop
        }
    }
}

/// Everything `mdnx explore` passes to the explorer.
public struct ExplorerOptions: Sendable {
    /// Where the data come from: a built-in set or a CSV file's columns.
    public var source: DataSource = .spiral
    /// Rows of a built-in data set.
    public var count: Int = 10_000
    /// Skip CSV rows with a missing x or y instead of failing.
    public var dropMissing: Bool = false
    /// Mixture components K; nil takes the preset's for the data's size (`Preset.mixtures(rows:)`,
    /// as `mdnx train` does).
    public var mixtures: Int? = nil
    /// Choose K with `MixtureSearch` before the MDN trains (`--mixtures auto`).
    public var mixturesAuto: Bool = false
    /// At most this many epochs per second per model (`--pace`); nil: full speed.
    public var pace: Double? = nil
    /// The training recipe (`--preset`).
    public var preset: Preset = .default
    /// The sampling temperature at start (`--temperature`).
    public var temperature: Double = 1
    /// The sigma temperature at start (`--sigma-temperature`).
    public var sigmaTemperature: Double = 1
    /// The seed of the data (built-in sets), the weights and the batch order.
    public var seed: UInt64 = 42
    /// The main plot's view at start (`--view`).
    public var view: FigureView = .overlay
    /// The canvas at start (`--canvas`; ASCII in a non-UTF-8 locale unless given).
    public var canvas: CanvasKind = .braille
    /// The canvas was chosen on the command line (in a non-UTF-8 locale, braille or block
    /// then means the terminal shows UTF-8 anyway).
    public var canvasGiven: Bool = false
    /// Frames per second at most while training alone changes the picture (`--fps`).
    public var fps: Int = 20
    /// The theme's name or file (`--theme`); nil: the default (dark).
    public var theme: String? = nil
    /// Where `e`, `E` and `w` write (`--export-dir`).
    public var exportDirectory: String = "."
    /// The formats `e` writes (`--export-format`).
    public var exportFormats: [ExportFormat] = [.svg, .png]
    /// Print frame timing to stderr on exit.
    public var profile: Bool = false
    /// Trained models to open instead of training (`--model`): at most one of each kind.
    public var models: [OpenedModel] = []
    /// Directory the `w` key writes checkpoints into.
    public var modelDirectory: String = "."
    /// What `w` records as the data in the checkpoints it writes (as `mdnx train` does:
    /// "spiral count=10000 seed=42" or the CSV's path); nil: described from `source`.
    public var dataDescription: String? = nil

    /// Defaults.
    public init() {}
}

extension ExplorerOptions {
    /// The data as checkpoints record it (`data` metadata): "spiral count=N seed=S", or the
    /// CSV file's path.
    public var dataMetadata: String {
        if let d = dataDescription { return d }
        switch source {
        case .spiral: return "spiral count=\(count) seed=\(seed)"
        case .bishop: return "bishop count=\(count) seed=\(seed)"
        case .csv(let path, _, _): return path
        }
    }
}

/// A data set loaded for the explorer, with its name and reference NLL.
struct LoadedData: Sendable {
    var data: Dataset
    var name: String
    /// Best achievable NLL, when known (reference/figures.md).
    var referenceNLL: Double?
    /// The user's data (a CSV) rather than a built-in set: scaled by the same rule as `mdnx train`.
    var isUserData = false
    /// Plot at equal x/y scale (the spiral).
    var equalAspect = false

    /// Loads the data set `options.source` names (`options.count` rows of a built-in set
    /// generated from `options.seed`, or the CSV's columns).
    static func load(_ options: ExplorerOptions) throws -> LoadedData {
        switch options.source {
        case .spiral:
            return LoadedData(
                data: DatasetName.spiral.generate(count: options.count, seed: options.seed), name: "spiral",
                referenceNLL: -0.387, equalAspect: DatasetName.spiral.sharesUnits)
        case .bishop:
            return LoadedData(
                data: DatasetName.bishop.generate(count: options.count, seed: options.seed), name: "bishop",
                referenceNLL: -1.282)
        case .csv(let path, let x, let y):
            do {
                var data = try CSVLoader.load(
                    path: path, x: ColumnSelector(parsing: x), y: ColumnSelector(parsing: y),
                    dropMissing: options.dropMissing)
                // Column and file names reach axis labels, titles and the status bar: escaped
                // and cut once here (the explorer never writes them back to a file).
                data.xNames = data.xNames.map { SafeText.echo($0, limit: SafeText.labelLimit) }
                data.yNames = data.yNames.map { SafeText.echo($0, limit: SafeText.labelLimit) }
                let file = path.split(separator: "/").last.map(String.init) ?? path
                let name = SafeText.echo(file, limit: SafeText.labelLimit)
                return LoadedData(data: data, name: name, referenceNLL: nil, isUserData: true)
            } catch {
                throw ExplorerError.dataUnavailable(error.description)
            }
        }
    }
}

/// Errors the explorer reports in one line.
public enum ExplorerError: Error, CustomStringConvertible {
    /// Neither stdin nor stdout may be a pipe or file for the interactive UI.
    case notATerminal
    /// The data could not be loaded.
    case dataUnavailable(String)
    /// The data has more than one input or output column.
    case unsupportedShape(inputs: Int, outputs: Int)

    public var description: String {
        switch self {
        case .notATerminal:
            "mdnx: the explorer needs a terminal (stdin and stdout must be a TTY); without one use the headless commands: mdnx train, mdnx eval, mdnx sample, mdnx plot, mdnx data (see mdnx help)"
        case .dataUnavailable(let why):
            "mdnx: cannot load the data: \(why)"
        case .unsupportedShape(let i, let o):
            "mdnx: the explorer plots one x column against one y column; this data has \(i) inputs and \(o) outputs"
        }
    }
}

/// The explorer's rule for the locale: respect the user's. A UTF-8 locale draws Unicode
/// (braille, box drawing); any other draws ASCII (canvas and boxes) in the user's own
/// locale, unless the command line asks for a braille or block canvas: that says the
/// terminal shows UTF-8 whatever the locale claims, so the character type becomes C.UTF-8.
public enum LocaleRule: Equatable, Sendable {
    /// Draw Unicode in the user's locale.
    case unicode
    /// Draw ASCII in the user's locale.
    case ascii
    /// Switch the character type to C.UTF-8 and draw Unicode.
    case switchToUTF8

    /// The status message shown when the explorer draws ASCII.
    public static let asciiNote = "locale is not UTF-8: ASCII canvas (--canvas braille if the terminal shows UTF-8)"

    /// The rule for a locale that is (or is not) UTF-8 and the canvas given on the command
    /// line (nil: none).
    public static func decide(localeIsUTF8: Bool, canvas: CanvasKind?) -> LocaleRule {
        if localeIsUTF8 { return .unicode }
        switch canvas {
        case .braille?, .block?: return .switchToUTF8
        case .ascii?, nil: return .ascii
        }
    }
}
