import Foundation
import MDNCore
import MDNFigures
import TermPlot

/// The frames of a recorded training, from one epoch to another: for each, the view's figure
/// (re-plotted at vector quality for the GIF, the epoch in its title, the loss curves so far
/// below it) and a terminal screen
/// like the explorer's (the plot, the loss curves so far on axes that span the whole range,
/// a status line) for the asciicast.
///
/// Positions count epochs on the longer timeline's scale (the explorer's "epoch N of M"); a
/// model that stopped earlier stays at its last epoch. When the range holds more epochs than
/// `maxFrames`, the frames are spread more densely over the early epochs, where the models
/// change most (see `positions`). The plot's axes are fixed to the data's ranges, so they
/// stay put while the models move.
public struct HistoryAnimation: Sendable {
    /// The recording.
    public var history: TrainingHistory
    /// The data it is drawn over.
    public var data: AnimationData
    /// The view (overlay, side-by-side, density, components).
    public var view: FigureView
    /// Temperatures of the MDN's samples, density and components.
    public var temperatures: Temperatures
    /// First and last position shown (1-based, inclusive).
    public var epochs: ClosedRange<Int>
    /// The terminal screen's size in cells.
    public var columns: Int
    /// The terminal screen's size in cells.
    public var rows: Int
    /// The text canvas.
    public var canvas: CanvasKind
    /// Frames per second of play.
    public var framesPerSecond: Double
    /// The most frames an animation has.
    public var maxFrames: Int
    /// Seconds the last frame stays.
    public var hold: Double
    /// The seed of the MDN's samples (the same at every epoch).
    public var seed: UInt64
    /// The best achievable NLL (the spiral's), drawn as a reference line in the loss panel.
    public var referenceNLL: Double?

    /// The default most frames: 200 (20 s at 10 frames per second).
    public static let defaultMaxFrames = 200

    /// An animation of `history` over `data`: by default every recorded epoch, overlay view,
    /// 160 x 48 cells, 10 frames per second, the last frame held 2 s.
    public init(
        history: TrainingHistory, data: AnimationData, view: FigureView = .overlay,
        temperatures: Temperatures = .neutral, epochs: ClosedRange<Int>? = nil, columns: Int = 160, rows: Int = 48,
        canvas: CanvasKind = .braille, framesPerSecond: Double = 10, maxFrames: Int = HistoryAnimation.defaultMaxFrames,
        hold: Double = 2, seed: UInt64 = 42, referenceNLL: Double? = nil
    ) {
        precondition(columns >= 20 && rows >= 12, "an animation screen needs at least 20 x 12 cells")
        precondition(framesPerSecond > 0 && framesPerSecond.isFinite, "frames per second must be positive")
        precondition(maxFrames >= 2, "an animation needs room for at least 2 frames")
        precondition(hold >= 0 && hold.isFinite, "the hold must not be negative")
        self.history = history
        self.data = data
        self.view = view
        self.temperatures = temperatures
        self.epochs = epochs ?? 1...max(1, history.epochCount)
        self.columns = columns
        self.rows = rows
        self.canvas = canvas
        self.framesPerSecond = framesPerSecond
        self.maxFrames = maxFrames
        self.hold = hold
        self.seed = seed
        self.referenceNLL = referenceNLL
    }

    /// Checks that the range lies in the recording and the view can be drawn from it.
    public func validate() throws(AnimationError) {
        let available = history.epochCount
        guard available > 0 else { throw .noFrames(reason: "the recording has no epochs") }
        guard epochs.lowerBound >= 1 && epochs.upperBound <= available else {
            throw .epochRange(first: epochs.lowerBound, last: epochs.upperBound, available: available)
        }
        if view.needsMDN && history.mdn == nil {
            throw .noFrames(reason: "the \(view.rawValue) view needs an MDN, and the recording has none")
        }
    }

    /// The positions shown, in order: every one in range, or `maxFrames` of them (the first
    /// and the last always) at first + (count - 1) u^g for u evenly spaced in [0, 1], with the
    /// largest g <= 2 that still gives `maxFrames` distinct epochs: every early epoch, then
    /// wider and wider steps (g = 1 would space them evenly).
    public var positions: [Int] {
        let n = epochs.count
        guard n > maxFrames else { return Array(epochs) }
        func warped(_ g: Double) -> [Int] {
            var out: [Int] = []
            for i in 0..<maxFrames {
                let u = Double(i) / Double(maxFrames - 1)
                let p = epochs.lowerBound + Int((Double(n - 1) * pow(u, g)).rounded())
                if out.last != p { out.append(p) }
            }
            return out
        }
        if warped(2).count == maxFrames { return warped(2) }
        var (low, high) = (1.0, 2.0)
        for _ in 0..<40 {
            let mid = (low + high) / 2
            if warped(mid).count == maxFrames { low = mid } else { high = mid }
        }
        return warped(low)
    }

    /// The frame at `position`, shown for `duration` seconds.
    public func frame(_ position: Int, duration: Double) -> AnimationFrame {
        let scene = HistoryScene.scene(
            history, position: position, data: data, temperatures: temperatures, seed: seed)
        var vector = Self.fixingAxes(StandardFigures.figure(view, scene, resolution: .vector), to: scene)
        if !vector.panels.isEmpty { vector.panels[0].title = headline(position) + " · " + vector.panels[0].title }
        return AnimationFrame(
            figure: vector, strip: lossFigure(position), screen: screen(scene, position: position), duration: duration)
    }

    /// Every frame's duration: 1 / `framesPerSecond`, the last one `hold` longer.
    public func durations(count: Int) -> [Double] {
        (0..<count).map { 1 / framesPerSecond + ($0 == count - 1 ? hold : 0) }
    }

    /// `figure` with every automatic axis fixed to the data's range (x: the data's; y: the
    /// data's and 3% more each side), so that frames share their axes.
    static func fixingAxes(_ figure: Figure, to scene: FigureScene) -> Figure {
        var f = figure
        let x = scene.xRange
        let y = scene.densityYRange
        for i in f.panels.indices {
            if f.panels[i].x.range == .auto { f.panels[i].x.range = .fixed(x.lowerBound, x.upperBound) }
            if f.panels[i].y.range == .auto { f.panels[i].y.range = .fixed(y.lowerBound, y.upperBound) }
        }
        return f
    }

    /// "epoch 37 of 412": the position among all recorded epochs.
    func headline(_ position: Int) -> String { "epoch \(position) of \(history.epochCount)" }

    /// The terminal screen at `position`: a title line, the plot, the loss panels, a status line.
    func screen(_ scene: FigureScene, position: Int) -> CellGrid {
        var grid = CellGrid(width: columns, height: rows)
        let lossHeight = max(6, rows / 4)
        let plotHeight = rows - 2 - lossHeight
        var top = "mdnx  " + headline(position) + "  " + view.title + "  data: \(data.name) (\(data.points.xs.count))"
        if history.mdn != nil { top += "  " + temperatures.label }
        grid.write(top, x: 1, y: 0, role: .title)
        let plot = Self.fixingAxes(
            StandardFigures.figure(view, scene, resolution: .cells(width: columns, height: plotHeight)), to: scene)
        grid.blit(
            FigureRenderer.renderResult(
                plot, width: columns, height: plotHeight, canvas: canvas,
                options: RenderOptions(shadeGlyphs: canvas == .ascii)
            ).grid, x: 0, y: 1)
        grid.blit(
            FigureRenderer.render(lossFigure(position), width: columns, height: lossHeight, canvas: canvas), x: 0,
            y: 1 + plotHeight)
        var status = CellGrid(
            width: columns, height: 1, fill: Cell(glyph: " ", foreground: .statusBar, background: .statusBar))
        status.write(" " + statusLine(position), x: 0, y: 0, role: .statusBar, background: .statusBar)
        grid.blit(status, x: 0, y: rows - 1)
        return grid
    }

    /// Each model's reports up to `position`, in the data's units.
    func reports(_ timeline: ModelTimeline, upTo position: Int) -> [EpochReport] {
        timeline.entries.prefix(HistoryScene.epoch(of: timeline, at: position)).map { timeline.inDataUnits($0.report) }
    }

    /// The loss panels up to `position`, on axes fixed to the whole recording (epochs 1 to the
    /// last, the losses' full range) so the curves grow instead of the axes moving.
    func lossFigure(_ position: Int) -> Figure {
        var series: [LossSeries] = []
        var titles: [LossModel: String] = [:]
        var ranges: [LossModel: (Float, Float)] = [:]
        var logScale = true
        for (model, timeline) in [(LossModel.mse, history.mse), (.mdn, history.mdn)] {
            guard let timeline else { continue }
            let all = reports(timeline, upTo: timeline.count)
            let shown = Array(all.prefix(HistoryScene.epoch(of: timeline, at: position)))
            series.append(LossSeries(model: model, split: .train, values: shown.map { Float($0.loss) }))
            let validated = shown.filter { $0.valLoss != nil }
            series.append(
                LossSeries(
                    model: model, split: .validation, epochs: validated.map { Float($0.epoch) },
                    values: validated.map { Float($0.valLoss!) }))
            let values = all.flatMap { [$0.loss] + ($0.valLoss.map { [$0] } ?? []) }.map(Float.init).filter(\.isFinite)
            if let lo = values.min(), let hi = values.max() { ranges[model] = (lo, hi) }
            if values.contains(where: { $0 <= 0 }) { logScale = false }
            var title = (model == .mse ? "MSE loss" : "MDN NLL (K \(timeline.mixtures ?? 0))") + " ep \(shown.count)"
            if let l = shown.last {
                title += " train " + Self.format(l.loss)
                if let v = l.valLoss { title += " val " + Self.format(v) }
                title += " lr " + String(format: "%.1e", Double(l.learningRate))
            }
            titles[model] = title
        }
        var references: [LossModel: (value: Float, label: String)] = [:]
        if let r = referenceNLL, history.mdn != nil {
            references[.mdn] = (Float(r), "best " + Self.format(r))
            if r <= 0 { logScale = false }
        }
        var figure = StandardFigures.loss(series, references: references, logScale: logScale, titles: titles)
        // Panels come in LossModel order, one per model present.
        let models = LossModel.allCases.filter { titles[$0] != nil }
        for (i, model) in models.enumerated() where i < figure.panels.count {
            let last = Float(max(2, history.epochCount))
            figure.panels[i].x.range = .fixed(1, last)
            if var (lo, hi) = ranges[model] {
                if let r = references[model]?.value {
                    lo = min(lo, r)
                    hi = max(hi, r)
                }
                figure.panels[i].y.range = .fixed(lo, hi)
            }
        }
        return figure
    }

    /// "MSE ep 37 0.953 | MDN ep 37 -0.213 | K 20 | T 1, S 1": the models' epochs and losses.
    func statusLine(_ position: Int) -> String {
        var parts: [String] = []
        for (name, timeline) in [("MSE", history.mse), ("MDN", history.mdn)] {
            guard let timeline else { continue }
            let epoch = HistoryScene.epoch(of: timeline, at: position)
            let loss = timeline.entry(epoch: epoch).map { Self.format(timeline.inDataUnits($0.report).loss) } ?? "-"
            var part = "\(name) ep \(epoch) \(loss)"
            if epoch == timeline.count, let reason = timeline.stopReason {
                part += " (stopped: " + reason.rawValue.replacingOccurrences(of: "_", with: " ") + ")"
            }
            parts.append(part)
        }
        if let k = history.mdn?.mixtures { parts.append("K \(k)") }
        return parts.joined(separator: " | ")
    }

    /// A loss with three decimals.
    static func format(_ v: Double) -> String { String(format: "%.3f", v) }
}
