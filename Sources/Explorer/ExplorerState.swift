import MDNCore
import MDNFigures
import TermPlot

/// The explorer's whole UI state: a value, changed only by `update`. It holds the recorded
/// training (the timeline), which epoch is viewed, the replay, and what each frame's caches
/// are keyed on; the loop around it only draws and reads keys.
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
        /// Replay speeds `-` and `+` step through, epochs per second.
        public static let replaySpeeds = [1, 2, 5, 10, 25, 50]
        /// The replay speed at start (index into `replaySpeeds`: 10 epochs per second).
        public static let defaultReplaySpeedIndex = 3
    }

    /// A replay in progress: the viewed epoch moves on by `speed` epochs per second from
    /// `epoch` at clock time `since` (milliseconds).
    public struct Replay: Equatable, Sendable {
        /// The epoch shown at `since`.
        public var epoch: Int
        /// The clock time the replay (or its last change of speed) started, milliseconds.
        public var since: Double
    }

    /// `--mixtures auto`'s progress.
    public enum MixtureSearchStatus: Equatable, Sendable {
        /// Screening K = `mixtures`, `index` (0-based) of `count`.
        case screening(mixtures: Int, index: Int, count: Int)
        /// K was chosen automatically (`best`: the lowest validation NLL).
        case chosen(mixtures: Int, best: Int)
        /// The search was cancelled (a K press) or found no finite K; K is the user's.
        case abandoned
    }

    /// What a frame's cached curve, mixture rows and samples were computed from: the model's
    /// run (`ModelTimeline.generation`) and the epoch shown.
    public struct FrameKey: Hashable, Sendable {
        /// The training session (`ExplorerState.session`).
        public var session: Int
        /// The run of the model.
        public var generation: Int
        /// The epoch whose weights are shown (0: the initial network).
        public var epoch: Int
    }

    /// An animation export's progress: frames written, of how many (0 of 0 before the first).
    public struct AnimationExportProgress: Equatable, Sendable {
        /// Frames written.
        public var frame: Int
        /// Frames in all.
        public var frames: Int
    }

    /// The main view (the same vocabulary as `mdnx plot --view`).
    public var view: FigureView = .overlay
    /// The canvas the plots draw with.
    public var canvas: CanvasKind = .braille
    /// False when the locale cannot show Unicode: only the ASCII canvas is offered.
    public var unicode: Bool = true
    /// Number of mixture components K of the MDN (the one training, or asked for).
    public var mixtures: Int = 20
    /// K is being or was chosen by `--mixtures auto`; nil when the user set it.
    public var mixtureSearch: MixtureSearchStatus? = nil
    /// Sampling temperature T (pi = softmax(logits / T)).
    public var temperature: Double = 1
    /// Sigma temperature S (variance x S).
    public var sigmaTemperature: Double = 1
    /// Training paused.
    public var paused: Bool = false
    /// Both models have stopped on their own; only a restart (r, or K for the MDN) trains again.
    public var finished: Bool = false
    /// Why they stopped ("early stopping", "MSE early stopping, MDN max epochs").
    public var stopSummary: String = ""
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
    /// Every epoch of both models so far (the timeline).
    public var history = TrainingHistory()
    /// The timeline position viewed (1-based), or nil: live, following training.
    public var viewedEpoch: Int? = nil
    /// The replay in progress, if any.
    public var replay: Replay? = nil
    /// Index into `Limits.replaySpeeds`.
    public var replaySpeedIndex: Int = Limits.defaultReplaySpeedIndex
    /// The clock's last reading (milliseconds), from `ExplorerEvent.tick`.
    public var clock: Double = 0
    /// Each model's optimiser steps per second while it trains.
    public var stepsPerSecond: [ModelKind: Double] = [:]
    /// Counts training sessions: `r` starts a new one (with a new timeline).
    public var session: Int = 0
    /// The animation export in progress (`E`), if any.
    public var animationExport: AnimationExportProgress? = nil
    /// A plot export (`e`) is being written in the background.
    public var plotExportRunning: Bool = false
    /// The models were opened from checkpoints (`--model`), by kind: their files' names.
    /// Nothing trains then.
    public var opened: [ModelKind: String] = [:]
    /// The slice inspector is shown beside the main plot (`i`).
    public var inspectorVisible: Bool = false
    /// The inspector's x0 (data units), or nil: the middle of the data's x range.
    public var inspectX: Float? = nil
    /// The data's x range (the loop sets it): where x0 starts and stays.
    public var dataXRange: ClosedRange<Float> = 0...1
    /// How the main plot's axes are chosen (`a`).
    public var axisMode: AxisMode = .fitData
    /// The series the main plot shows (`1` `2` `3`).
    public var layers: FigureLayers = .all
    /// Where the main plot's panels were last drawn, in screen cells, with the ranges they
    /// plot (empty before the first frame): Left/Right step one of their columns, a click
    /// maps through them.
    public var mainPlotRegions: [PlotRegion] = []

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

    /// The inspector's x0: the one chosen, else the middle of the data's x range.
    public var cursorX: Float {
        inspectX ?? (dataXRange.lowerBound + dataXRange.upperBound) / 2
    }

    /// The x0 the figures draw the inspector at, or nil when it is closed.
    public var inspectorX: Float? { inspectorVisible ? cursorX : nil }

    /// The replay speed, epochs per second.
    public var replaySpeed: Int { Limits.replaySpeeds[replaySpeedIndex] }

    /// Following training (no epoch of the past is viewed).
    public var isLive: Bool { viewedEpoch == nil }

    /// The timeline position shown: the viewed epoch, or the newest when live.
    public var position: Int { viewedEpoch ?? history.epochCount }

    /// The epoch of `kind` shown: at a viewed position p, min(p, its last epoch); live, its
    /// last epoch, or once its training ended the epoch it ended with (the restored best).
    /// 0 before its first epoch.
    public func shownEpoch(_ kind: ModelKind) -> Int {
        guard let t = history[kind] else { return 0 }
        if let p = viewedEpoch { return min(p, t.lastEpoch) }
        return t.isFinished ? (t.restoredEpoch ?? t.lastEpoch) : t.lastEpoch
    }

    /// What the frame shows of `kind` (its run and epoch): the key of the loop's caches; nil
    /// before the model began or before its first epoch.
    public func frameKey(_ kind: ModelKind) -> FrameKey? {
        guard let t = history[kind], t.count > 0 else { return nil }
        return FrameKey(session: session, generation: t.generation, epoch: shownEpoch(kind))
    }
}
