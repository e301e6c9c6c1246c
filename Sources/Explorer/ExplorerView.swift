import Foundation
import MDNCore
import MDNFigures
import TermPlot

/// Everything besides the state that a frame shows.
public struct FrameInput: Sendable {
    /// The newest training snapshot, if any.
    public var snapshot: Snapshot?
    /// The training data.
    public var data: Dataset
    /// The data set's name for titles ("spiral", a CSV file name).
    public var dataName: String
    /// The best achievable NLL for this data (the spiral's -0.387), drawn as a reference line.
    public var referenceNLL: Double?
    /// Samples from the MDN with the current temperatures.
    public var samples: SampleSet?
    /// The active theme's name.
    public var themeName: String
    /// Plot x and y at the same scale (the spiral is a shape; CSV columns may have any units).
    public var equalAspect: Bool = true
    /// A precomputed p(y|x) grid for the density view (the app caches it per MDN epoch, size
    /// and temperatures); nil: computed by the figure builder.
    public var heatmap: Heatmap? = nil
    /// Frame timing text, shown when the profile is on.
    public var profile: String?

    /// Creates a frame input.
    public init(
        snapshot: Snapshot?, data: Dataset, dataName: String, referenceNLL: Double?,
        samples: SampleSet?, themeName: String, profile: String? = nil
    ) {
        self.snapshot = snapshot
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
        if state.helpVisible { drawHelp(into: &grid) }
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
        let snap = input.snapshot
        var mixtures: MixtureSource? = nil
        if let snap, let batch = snap.mixtureRows, batch.count > 0, snap.mixtureX.count == batch.count {
            mixtures = .grid(xs: snap.mixtureX, batch: batch)
        }
        let mse = snap.map { $0.curveY.isEmpty ? XYPoints.empty : XYPoints(xs: $0.curveX, ys: $0.curveY) } ?? .empty
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

    /// Training and validation loss of both models, learning rate in the titles, and the
    /// best achievable NLL as a reference line. The session records losses in the data's
    /// units whatever scaling training used, so the reference (in data units) compares.
    public static func lossFigure(_ state: ExplorerState, _ input: FrameInput) -> Figure {
        let snap = input.snapshot
        var series: [LossSeries] = []
        var titles: [LossModel: String] = [:]
        for model in LossModel.allCases {
            let p = (model == .mse ? snap?.mse : snap?.mdn) ?? ModelProgress()
            series.append(LossSeries(model: model, split: .train, values: p.loss.map(Float.init)))
            series.append(
                LossSeries(
                    model: model, split: .validation, epochs: p.valEpochs.map(Float.init),
                    values: p.valLoss.map(Float.init)))
            var title = model == .mse ? "MSE loss" : "MDN NLL (K \(snap?.mixtures ?? state.mixtures))"
            title += " ep \(p.epoch)"
            if let l = p.loss.last { title += " train \(fmt(l))" }
            if let v = p.valLoss.last { title += " val \(fmt(v))" }
            if let lr = p.learningRate.last { title += " lr " + String(format: "%.1e", lr) }
            if p.finished { title += " (stopped)" }
            titles[model] = title
        }
        var references: [LossModel: (value: Float, label: String)] = [:]
        if let r = input.referenceNLL { references[.mdn] = (Float(r), "best \(fmt(r))") }
        return StandardFigures.loss(series, references: references, titles: titles)
    }

    /// The loss panels rendered for the screen.
    static func lossPanels(_ state: ExplorerState, _ input: FrameInput, width: Int, height: Int) -> CellGrid {
        FigureRenderer.render(lossFigure(state, input), width: width, height: height, canvas: state.canvas)
    }

    /// The status bar: run state, epochs, losses, K, T, S, speed.
    static func statusBar(_ state: ExplorerState, _ input: FrameInput, width: Int) -> CellGrid {
        var grid = CellGrid(
            width: width, height: 1, fill: Cell(glyph: " ", foreground: .statusBar, background: .statusBar))
        let snap = input.snapshot
        let run: String
        if let s = snap, s.finished {
            run = "stopped (\(s.stopSummary))"
        } else if state.paused {
            run = "paused"
        } else {
            run = "running"
        }
        var parts = [run]
        if let s = snap {
            parts.append("MSE ep \(s.mse.epoch) \(s.mse.loss.last.map(fmt) ?? "-")")
            parts.append("MDN ep \(s.mdn.epoch) \(s.mdn.loss.last.map(fmt) ?? "-")")
            parts.append("\(Int(s.stepsPerSecond.rounded())) steps/s")
        }
        parts.append("K \(state.mixtures)")
        parts.append("T \(ExplorerState.format(state.temperature))")
        parts.append(state.sigmaTemperatureNote)
        parts.append("seed \(state.seed)")
        if state.profileVisible, let p = input.profile { parts.append(p) }
        grid.write(" " + parts.joined(separator: " | "), x: 0, y: 0, role: .statusBar, background: .statusBar)
        return grid
    }

    /// The help overlay, generated from the key table, centred.
    static func drawHelp(into grid: inout CellGrid) {
        let lines = ["Keys (Esc or ? closes)", ""] + KeyBindings.helpLines
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
