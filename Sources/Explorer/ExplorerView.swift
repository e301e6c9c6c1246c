import Foundation
import MDNCore
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
    /// A precomputed p(y|x) grid for the density view (the app caches it per MDN epoch and size); nil: computed here.
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
        for kind in ExplorerViewKind.allCases {
            let label = kind == state.view ? "[\(kind.title)]" : " \(kind.title) "
            grid.write(label, x: x, y: 0, role: kind == state.view ? .accent : .dimText)
            x += label.count + 1
        }
        let right =
            "data: \(input.dataName) (\(input.data.count))  canvas: \(state.canvas.rawValue)  theme: \(input.themeName)"
        grid.write(right, x: max(x + 1, width - right.count - 1), y: 0, role: .dimText)
        return grid
    }

    /// The main plot for the current view (also what `e` exports).
    public static func mainFigure(
        _ state: ExplorerState, _ input: FrameInput, heatmapColumns: Int = 160,
        heatmapRows: Int = 64
    ) -> Figure {
        let snap = input.snapshot
        let xName = input.data.xNames.first ?? "x"
        let yName = input.data.yNames.first ?? "y"
        let (xr, yr) = ranges(input.data)
        var heatmap: Heatmap? = input.heatmap
        if heatmap == nil, state.view == .density, let batch = snap?.mixtureRows, let xs = snap?.mixtureX,
            batch.count > 0
        {
            heatmap = densityHeatmap(batch, xs: xs, xRange: xr, yRange: yr, columns: heatmapColumns, rows: heatmapRows)
        }
        let d = SpiralFigureData(
            truthX: input.data.x, truthY: input.data.y,
            mseX: snap?.curveY.isEmpty == false ? snap!.curveX : [], mseY: snap?.curveY ?? [],
            sampleX: input.samples?.xs ?? [], sampleY: input.samples?.ys ?? [],
            heatmap: heatmap, xName: xName, yName: yName, equalAspect: input.equalAspect)
        let temps = "T \(ExplorerState.format(state.temperature)), S \(ExplorerState.format(state.sigmaTemperature))"
        switch state.view {
        case .overlay:
            return StandardFigures.overlay(d, title: "\(input.dataName): data, MSE mean and MDN samples (\(temps))")
        case .side:
            return StandardFigures.sideBySide(d)
        case .density:
            var f = StandardFigures.density(d)
            f.panels[0].title =
                snap?.mixtureRows == nil
                ? "density p(\(yName)|\(xName)) (waiting for the first MDN epoch)"
                : "MDN density p(\(yName)|\(xName)), data on top"
            return f
        case .components:
            guard let snap, let batch = snap.mixtureRows, batch.count > 0,
                let curves = componentCurves(batch, xs: snap.mixtureX, temperature: state.temperature)
            else {
                return StandardFigures.overlay(d, title: "components (waiting for the first MDN epoch)")
            }
            var f = StandardFigures.components(d, curves)
            f.panels[0].title = "components: mu_k(x) of \(batch.layout.components), brighter = larger pi_k(x)"
            f.panels[1].title = "pi_k(x) at T \(ExplorerState.format(state.temperature))"
            return f
        }
    }

    /// The main plot rendered for the screen.
    public static func mainPanels(_ state: ExplorerState, _ input: FrameInput, width: Int, height: Int) -> CellGrid {
        let size = heatmapSize(width: width, height: height)
        let figure = mainFigure(state, input, heatmapColumns: size.columns, heatmapRows: size.rows)
        return FigureRenderer.renderResult(
            figure, width: width, height: height, canvas: state.canvas,
            options: RenderOptions(shadeGlyphs: state.canvas == .ascii)
        ).grid
    }

    /// The heatmap resolution for a main area of `width` x `height` cells: one value per
    /// cell (a cell shows one background colour).
    public static func heatmapSize(width: Int, height: Int) -> (columns: Int, rows: Int) {
        (max(8, width), max(8, height))
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

    /// x and y ranges of the data, padded by 3%.
    static func ranges(_ data: Dataset) -> (ClosedRange<Double>, ClosedRange<Double>) {
        func padded(_ v: [Float]) -> ClosedRange<Double> {
            guard let lo = v.min(), let hi = v.max(), hi > lo else { return 0...1 }
            let p = Double(hi - lo) * 0.03
            return (Double(lo) - p)...(Double(hi) + p)
        }
        return (padded(data.x), padded(data.y))
    }

    /// mu_k(x) and pi_k(x) (at temperature T) on up to 400 of the mixture's x values.
    static func componentCurves(_ batch: MixtureBatch, xs: [Float], temperature: Double) -> ComponentCurves? {
        guard let weights = try? batch.weights(temperature: Float(temperature)) else { return nil }
        let layout = batch.layout
        let k = layout.components
        let stride = max(1, batch.count / 400)
        let picks = Array(Swift.stride(from: 0, to: batch.count, by: stride))
        var mu = [[Float]](repeating: [], count: k)
        var pi = [[Float]](repeating: [], count: k)
        for c in 0..<k {
            mu[c] = picks.map { batch.rows[$0 * layout.width + layout.mu(c)] }
            pi[c] = picks.map { weights[$0 * k + c] }
        }
        return ComponentCurves(xs: picks.map { xs[$0] }, mu: mu, pi: pi)
    }

    /// p(y|x) on a `columns x rows` grid over the plot ranges (row 0 = lowest y), each column
    /// from the mixture row nearest its centre x.
    static func densityHeatmap(
        _ batch: MixtureBatch, xs: [Float], xRange: ClosedRange<Double>, yRange: ClosedRange<Double>,
        columns: Int, rows: Int
    ) -> Heatmap {
        let layout = batch.layout
        var picked = [Float]()
        picked.reserveCapacity(columns * layout.width)
        let x0 = Double(xs.first ?? 0)
        let span = max(1e-9, Double((xs.last ?? 1) - (xs.first ?? 0)))
        for c in 0..<columns {
            let x = xRange.lowerBound + (xRange.upperBound - xRange.lowerBound) * (Double(c) + 0.5) / Double(columns)
            let r = min(batch.count - 1, max(0, Int(((x - x0) / span * Double(batch.count - 1)).rounded())))
            picked.append(contentsOf: batch.rows[(r * layout.width)..<((r + 1) * layout.width)])
        }
        // The even-grid evaluator: rows at the cell centres of yRange, laid out row-major
        // (row 0 = lowest y), as Heatmap wants them.
        let values = MixtureBatch(layout: layout, rows: picked)
            .densityGrid(rows: rows, yRange: Float(yRange.lowerBound)...Float(yRange.upperBound))
        return Heatmap(
            columns: columns, rows: rows, values: values,
            xRange: Float(xRange.lowerBound)...Float(xRange.upperBound),
            yRange: Float(yRange.lowerBound)...Float(yRange.upperBound), normalise: .perColumn,
            label: "MDN p(y|x)")
    }

    private static func fmt(_ v: Double) -> String { String(format: "%.3f", v) }
}
