import Foundation
import MDNCore
import MDNFigures
import TermPlot

/// Everything besides the state that a frame shows: the data, and what the loop computed
/// from the timeline for the epoch shown (the MSE curve, the MDN's mixtures, samples).
public struct FrameInput: Sendable {
    /// The training data.
    public var data: Dataset
    /// The data set's name for titles ("spiral", a CSV file name).
    public var dataName: String
    /// The best achievable NLL for this data (the spiral's -0.387), drawn as a reference line.
    public var referenceNLL: Double?
    /// The x grid of the MSE curve.
    public var curveX: [Float] = []
    /// The MSE network's prediction on `curveX` at the epoch shown (empty before its first).
    public var curveY: [Float] = []
    /// The x values the MDN's mixtures belong to.
    public var mixtureX: [Float] = []
    /// The MDN's mixture parameters at the epoch shown, one row per `mixtureX`, or nil
    /// before its first epoch.
    public var mixtureRows: MixtureBatch? = nil
    /// Samples from the MDN with the current temperatures.
    public var samples: SampleSet?
    /// The active theme's name.
    public var themeName: String
    /// Plot x and y at the same scale (the spiral is a shape; CSV columns may have any units).
    public var equalAspect: Bool = true
    /// A precomputed p(y|x) grid for the density view (the loop caches it per epoch shown,
    /// size and temperatures); nil: computed by the figure builder.
    public var heatmap: Heatmap? = nil
    /// Frame timing text, shown when the profile is on.
    public var profile: String?

    /// Creates a frame input.
    public init(
        data: Dataset, dataName: String, referenceNLL: Double?, samples: SampleSet? = nil, themeName: String,
        profile: String? = nil
    ) {
        self.data = data
        self.dataName = dataName
        self.referenceNLL = referenceNLL
        self.samples = samples
        self.themeName = themeName
        self.profile = profile
    }
}

/// The pure view: state + frame input -> cell grid. No terminal here.
public enum ExplorerView {
    /// Smallest terminal the explorer draws in.
    public static let minimumWidth = 60
    /// Smallest terminal the explorer draws in.
    public static let minimumHeight = 20

    /// The whole screen.
    public static func screen(_ state: ExplorerState, _ input: FrameInput) -> CellGrid {
        let w = state.width
        let h = state.height
        var grid = CellGrid(width: max(0, w), height: max(0, h))
        guard w >= minimumWidth, h >= minimumHeight else {
            let msg = "terminal too small: need \(minimumWidth) x \(minimumHeight) (have \(w) x \(h))"
            grid.write(msg, x: 0, y: h / 2, role: .warning)
            return grid
        }
        grid.blit(tabBar(state, input, width: w), x: 0, y: 0)
        let lossHeight = lossHeight(h)
        let mainHeight = mainArea(width: w, height: h).height
        grid.blit(mainPanels(state, input, width: w, height: mainHeight), x: 0, y: 1)
        grid.blit(lossPanels(state, input, width: w, height: lossHeight), x: 0, y: 1 + mainHeight)
        grid.blit(statusBar(state, input, width: w), x: 0, y: h - 3)
        grid.write(state.statusMessage ?? "", x: 1, y: h - 2, role: .accent)
        grid.write(KeyBindings.hintBar, x: 1, y: h - 1, role: .dimText)
        if state.helpVisible { drawHelp(into: &grid, notes: helpNotes(state)) }
        return grid
    }

    /// The top line: app name, views (active one highlighted), data, theme.
    static func tabBar(_ state: ExplorerState, _ input: FrameInput, width: Int) -> CellGrid {
        var grid = CellGrid(width: width, height: 1)
        grid.write("mdnx", x: 1, y: 0, role: .title)
        var x = 7
        for kind in FigureView.allCases {
            let label = kind == state.view ? "[\(kind.title)]" : " \(kind.title) "
            grid.write(label, x: x, y: 0, role: kind == state.view ? .accent : .dimText)
            x += label.count + 1
        }
        let right =
            "data: \(input.dataName) (\(input.data.count))  canvas: \(state.canvas.rawValue)  theme: \(input.themeName)"
        grid.write(right, x: max(x + 1, width - right.count - 1), y: 0, role: .dimText)
        return grid
    }

    /// The scene the main plot shows: the data, the MSE curve, and the MDN's mixtures (on
    /// the snapshot's x grid), samples and temperatures.
    public static func scene(_ state: ExplorerState, _ input: FrameInput) -> FigureScene {
        var mixtures: MixtureSource? = nil
        if let batch = input.mixtureRows, batch.count > 0, input.mixtureX.count == batch.count {
            mixtures = .grid(xs: input.mixtureX, batch: batch)
        }
        let mse = input.curveY.isEmpty ? XYPoints.empty : XYPoints(xs: input.curveX, ys: input.curveY)
        let samples = input.samples.map { XYPoints(xs: $0.xs, ys: $0.ys) } ?? .empty
        let mdn = FigureScene.MDN(
            mixtures: mixtures, samples: samples, temperatures: state.temperatures, heatmap: input.heatmap)
        return FigureScene(
            data: XYPoints(xs: input.data.x, ys: input.data.y), dataName: input.dataName,
            xName: input.data.xNames.first ?? "x", yName: input.data.yNames.first ?? "y",
            equalAspect: input.equalAspect, mse: mse, mdn: mdn)
    }

    /// The main plot for the current view at `resolution` (the screen's cells, or an
    /// export's own resolution).
    public static func mainFigure(_ state: ExplorerState, _ input: FrameInput, resolution: FigureResolution) -> Figure {
        StandardFigures.figure(state.view, scene(state, input), resolution: resolution)
    }

    /// The main plot rendered for the screen.
    public static func mainPanels(_ state: ExplorerState, _ input: FrameInput, width: Int, height: Int) -> CellGrid {
        let figure = mainFigure(state, input, resolution: .cells(width: width, height: height))
        return FigureRenderer.renderResult(
            figure, width: width, height: height, canvas: state.canvas,
            options: RenderOptions(shadeGlyphs: state.canvas == .ascii)
        ).grid
    }

    /// The main area's size on a screen of `width` x `height` cells.
    public static func mainArea(width: Int, height: Int) -> (width: Int, height: Int) {
        (width, height - 1 - lossHeight(height) - 3)
    }

    static func lossHeight(_ height: Int) -> Int { max(8, height / 4) }

    /// Training and validation loss of both models over the whole timeline, with the epoch
    /// shown in the titles (losses and learning rate of that epoch), the viewed epoch and the
    /// best epoch marked, and the best achievable NLL as a reference line. Losses are in the
    /// data's units whatever scaling training used, so the reference (in data units) compares.
    public static func lossFigure(_ state: ExplorerState, _ input: FrameInput) -> Figure {
        var series: [LossSeries] = []
        var titles: [LossModel: String] = [:]
        var marks: [LossMark] = []
        for model in LossModel.allCases {
            let kind: ModelKind = model == .mse ? .mse : .mdn
            let timeline = state.history[kind]
            let reports = timeline.map { t in t.entries.map { t.inDataUnits($0.report) } } ?? []
            let validated = reports.filter { $0.valLoss != nil }
            series.append(LossSeries(model: model, split: .train, values: reports.map { Float($0.loss) }))
            series.append(
                LossSeries(
                    model: model, split: .validation, epochs: validated.map { Float($0.epoch) },
                    values: validated.map { Float($0.valLoss!) }))
            let shown = state.shownEpoch(kind)
            var title = model == .mse ? "MSE loss" : "MDN NLL (K \(timeline?.mixtures ?? state.mixtures))"
            title += " ep \(shown)"
            if shown >= 1 && shown <= reports.count {
                let r = reports[shown - 1]
                title += " train \(fmt(r.loss))"
                if let v = r.valLoss { title += " val \(fmt(v))" }
                title += " lr " + String(format: "%.1e", Double(r.learningRate))
            }
            if let t = timeline, t.isFinished { title += " (stopped)" }
            titles[model] = title
            if let best = timeline?.bestEpoch { marks.append(LossMark(model: model, epoch: best, kind: .best)) }
            if !state.isLive && shown >= 1 { marks.append(LossMark(model: model, epoch: shown, kind: .viewed)) }
        }
        var references: [LossModel: (value: Float, label: String)] = [:]
        if let r = input.referenceNLL { references[.mdn] = (Float(r), "best \(fmt(r))") }
        return StandardFigures.loss(series, references: references, titles: titles, marks: marks)
    }

    /// The loss panels rendered for the screen.
    static func lossPanels(_ state: ExplorerState, _ input: FrameInput, width: Int, height: Int) -> CellGrid {
        FigureRenderer.render(lossFigure(state, input), width: width, height: height, canvas: state.canvas)
    }

    /// The status bar: run state, the timeline position (live, history or replay), each
    /// model's epoch and loss as shown, speed, K (and whether it was chosen automatically), T,
    /// S, seed.
    static func statusBar(_ state: ExplorerState, _ input: FrameInput, width: Int) -> CellGrid {
        var grid = CellGrid(
            width: width, height: 1, fill: Cell(glyph: " ", foreground: .statusBar, background: .statusBar))
        grid.write(
            " " + statusParts(state, input).joined(separator: " | "), x: 0, y: 0, role: .statusBar,
            background: .statusBar)
        return grid
    }

    /// The status bar's fields, in order.
    static func statusParts(_ state: ExplorerState, _ input: FrameInput) -> [String] {
        var parts: [String] = []
        if state.finished {
            parts.append("finished (\(state.stopSummary))")
        } else if state.paused {
            parts.append("paused")
        } else if case .screening(let k, let index, let count) = state.mixtureSearch {
            parts.append("choosing K: screening K \(k) (\(index + 1)/\(count))")
        } else {
            parts.append("running")
        }
        let count = state.history.epochCount
        if state.replay != nil {
            parts.append("replay ep \(state.position)/\(count) at \(state.replaySpeed)/s")
        } else if let p = state.viewedEpoch {
            parts.append("history ep \(p)/\(count)")
        } else {
            parts.append("live ep \(count)/\(count)")
        }
        if let a = state.animationExport {
            parts.append(a.frames > 0 ? "writing animation \(a.frame)/\(a.frames)" : "writing animation")
        }
        for kind in [ModelKind.mse, .mdn] {
            let name = kind == .mse ? "MSE" : "MDN"
            let shown = state.shownEpoch(kind)
            var field = "\(name) ep \(shown)"
            if let last = state.history[kind]?.lastEpoch, last != shown { field += "/\(last)" }
            if let t = state.history[kind], shown >= 1, let e = t.entry(epoch: shown) {
                field += " " + fmt(t.inDataUnits(e.report).loss)
            } else {
                field += " -"
            }
            parts.append(field)
        }
        let steps = state.stepsPerSecond.values.reduce(0, +)
        if steps > 0 { parts.append("\(Int(steps.rounded())) steps/s") }
        switch state.mixtureSearch {
        case .chosen(let k, _) where k == state.mixtures: parts.append("K \(state.mixtures) (auto)")
        case .screening: parts.append("K auto")
        default: parts.append("K \(state.mixtures)")
        }
        parts.append("T \(ExplorerState.format(state.temperature))")
        parts.append(state.sigmaTemperatureNote)
        parts.append("seed \(state.seed)")
        if state.profileVisible, let p = input.profile { parts.append(p) }
        return parts
    }

    /// Lines the help adds below the key table for the current state: how K was chosen.
    static func helpNotes(_ state: ExplorerState) -> [String] {
        switch state.mixtureSearch {
        case .screening(let k, let index, let count):
            return [
                "", "K is being chosen automatically (--mixtures auto): screening K = \(k), \(index + 1) of \(count)",
            ]
        case .chosen(let k, let best) where k == state.mixtures:
            return ["", "K = \(k) was chosen by --mixtures auto: " + MixtureSearchText.reason(chosen: k, best: best)]
        default:
            return []
        }
    }

    /// The help overlay, generated from the key table, centred; `notes` below it.
    static func drawHelp(into grid: inout CellGrid, notes: [String] = []) {
        let lines = ["Keys (Esc or ? closes)", ""] + KeyBindings.helpLines + notes
        let boxW = min(grid.width - 2, (lines.map(\.count).max() ?? 0) + 4)
        let boxH = min(grid.height - 2, lines.count + 2)
        let x0 = (grid.width - boxW) / 2
        let y0 = (grid.height - boxH) / 2
        let fill = Cell(glyph: " ", foreground: .help, background: .help)
        for y in 0..<boxH { for x in 0..<boxW { grid[x0 + x, y0 + y] = fill } }
        for (i, line) in lines.prefix(boxH - 2).enumerated() {
            grid.write(
                String(line.prefix(boxW - 4)), x: x0 + 2, y: y0 + 1 + i, role: i == 0 ? .title : .help,
                background: .help)
        }
    }

    private static func fmt(_ v: Double) -> String { String(format: "%.3f", v) }
}
