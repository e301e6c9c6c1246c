import MDNFigures
import TermPlot

/// The explorer's whole UI state: a value, changed only by `update`.
public struct ExplorerState: Equatable, Sendable {
    /// Bounds and step for the sampling temperatures.
    public enum Limits {
        /// Multiplicative step for T and S.
        public static let temperatureStep = 1.25
        /// Smallest and largest sampling temperature T.
        public static let temperatureRange: ClosedRange<Double> = 0.05...20
        /// Smallest and largest sigma temperature (variance factor).
        public static let sigmaTemperatureRange: ClosedRange<Double> = 0.05...20
        /// Mixture components allowed.
        public static let mixtureRange: ClosedRange<Int> = 1...64
    }

    /// The main view (the same vocabulary as `mdnx plot --view`).
    public var view: FigureView = .overlay
    /// The canvas the plots draw with.
    public var canvas: CanvasKind = .braille
    /// False when the locale cannot show Unicode: only the ASCII canvas is offered.
    public var unicode: Bool = true
    /// Number of mixture components K of the MDN.
    public var mixtures: Int = 20
    /// Sampling temperature T (pi = softmax(logits / T)).
    public var temperature: Double = 1
    /// Sigma temperature S (variance x S).
    public var sigmaTemperature: Double = 1
    /// Training paused.
    public var paused: Bool = false
    /// Both models have stopped on their own; only a restart (r, or K for the MDN) trains again.
    public var finished: Bool = false
    /// Index into the available themes.
    public var themeIndex: Int = 0
    /// Number of themes that `c` cycles through.
    public var themeCount: Int = 1
    /// The `?` overlay is shown.
    public var helpVisible: Bool = false
    /// The frame-timing line is shown in the status bar.
    public var profileVisible: Bool = false
    /// One line of feedback (export paths, errors), shown in the status bar.
    public var statusMessage: String? = nil
    /// Training seed; `r` moves to the next one.
    public var seed: UInt64 = 42
    /// Formats the `e` key writes.
    public var exportFormats: [ExportFormat] = [.svg, .png]
    /// Bumped whenever the samples must be redrawn (T or S changed).
    public var samplingGeneration: Int = 0
    /// Set by `q`; the loop ends after performing the effects.
    public var quitting: Bool = false
    /// Terminal size in cells.
    public var width: Int = 80
    /// Terminal size in cells.
    public var height: Int = 24

    /// A state with defaults.
    public init() {}

    /// Canvases that `m` cycles through (only ASCII without a UTF-8 locale).
    public var availableCanvases: [CanvasKind] {
        unicode ? [.braille, .block, .ascii] : [.ascii]
    }

    /// T and S as the figures take them (valid: `update` keeps both within their limits).
    public var temperatures: Temperatures {
        do {
            return try Temperatures(sampling: temperature, sigma: sigmaTemperature)
        } catch {
            preconditionFailure("the explorer's temperatures left their limits: \(error)")
        }
    }

    /// The status-bar note on the sigma temperature.
    public var sigmaTemperatureNote: String {
        "sigma temp \(Self.format(sigmaTemperature)): variance x \(Self.format(sigmaTemperature))"
    }

    /// A short number: 1, 1.25, 0.64, 0.0512 (as the figures' titles write temperatures).
    public static func format(_ value: Double) -> String { Temperatures.format(value) }
}
