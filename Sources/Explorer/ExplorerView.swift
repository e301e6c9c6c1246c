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
    /// Frame timing text, shown when the profile is on.
    public var profile: String?
    /// Training has been stopped for good (early stopping on both models).
    public var trainingPaused: Bool

    /// Creates a frame input.
    public init(snapshot: Snapshot?, data: Dataset, dataName: String, referenceNLL: Double?,
                samples: SampleSet?, themeName: String, profile: String? = nil, trainingPaused: Bool = false) {
        self.snapshot = snapshot
        self.data = data
        self.dataName = dataName
        self.referenceNLL = referenceNLL
        self.samples = samples
        self.themeName = themeName
        self.profile = profile
        self.trainingPaused = trainingPaused
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
        let w = state.width, h = state.height
        var grid = CellGrid(width: max(0, w), height: max(0, h))
        guard w >= minimumWidth, h >= minimumHeight else {
            let msg = "terminal too small: need \(minimumWidth) x \(minimumHeight) (have \(w) x \(h))"
            grid.write(msg, x: 0, y: h / 2, role: .warning)
            return grid
        }
        grid.blit(tabBar(state, input, width: w), x: 0, y: 0)
        let lossHeight = max(8, h / 4)
        let mainHeight = h - 1 - lossHeight - 3
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
        let right = "data: \(input.dataName) (\(input.data.count))  canvas: \(state.canvas.rawValue)  theme: \(input.themeName)"
        grid.write(right, x: max(x + 1, width - right.count - 1), y: 0, role: .dimText)
        return grid
    }

    /// The main plot area for the current view (also what `e` exports).
    public static func mainPanels(_ state: ExplorerState, _ input: FrameInput, width: Int, height: Int) -> CellGrid {
        let (xr, yr) = ranges(input.data)
        let truth = LayerSpec.points(xs: input.data.x, ys: input.data.y, role: .truth)
        let samples = input.samples.map { LayerSpec.points(xs: $0.xs, ys: $0.ys, role: .mdnSamples) }
        let curve = input.snapshot.flatMap { s in s.curveY.isEmpty ? nil : LayerSpec.curve(xs: s.curveX, ys: s.curveY, role: .mseCurve) }
        let xName = input.data.xNames.first ?? "x", yName = input.data.yNames.first ?? "y"
        switch state.view {
        case .overlay:
            let panel = PanelSpec(
                title: "\(input.dataName): \(yName) vs \(xName), MSE mean and MDN samples (T \(ExplorerState.format(state.temperature)), S \(ExplorerState.format(state.sigmaTemperature)))",
                xRange: xr, yRange: yr, layers: [truth] + [samples, curve].compactMap { $0 },
                legend: [("data", .truth), ("MSE mean", .mseCurve), ("MDN samples", .mdnSamples)])
            return MiniPlot.render(panel, width: width, height: height, canvas: state.canvas)
        case .side:
            var grid = CellGrid(width: width, height: height)
            let third = width / 3
            let panels = [
                PanelSpec(title: "ground truth", xRange: xr, yRange: yr, layers: [truth]),
                PanelSpec(title: "MSE prediction", xRange: xr, yRange: yr, layers: [curve].compactMap { $0 }),
                PanelSpec(title: "MDN samples", xRange: xr, yRange: yr, layers: [samples].compactMap { $0 }),
            ]
            for (i, p) in panels.enumerated() {
                let w = i == 2 ? width - 2 * third : third
                grid.blit(MiniPlot.render(p, width: w, height: height, canvas: state.canvas), x: i * third, y: 0)
            }
            return grid
        case .density:
            let area = MiniPlot.plotArea(width: width, height: height)
            var layers: [LayerSpec] = []
            if let batch = input.snapshot?.mixtureRows, let xs = input.snapshot?.mixtureX {
                layers.append(.heatmap(columns: area.columns, rows: area.rows,
                                       values: densityGrid(batch, xs: xs, xRange: xr, yRange: yr, columns: area.columns, rows: area.rows)))
            }
            layers.append(truth)
            let panel = PanelSpec(title: "density p(\(yName)|\(xName)) of the MDN, data on top", xRange: xr, yRange: yr,
                                  layers: layers, legend: [("data", .truth), ("density", .density(level: 6))])
            return MiniPlot.render(panel, width: width, height: height, canvas: state.canvas)
        case .components:
            return componentsView(state, input, width: width, height: height, xRange: xr, yRange: yr)
        }
    }

    /// Component means mu_k(x) shaded by pi_k(x), and a strip of pi_k(x) for the heaviest components.
    static func componentsView(_ state: ExplorerState, _ input: FrameInput, width: Int, height: Int,
                               xRange: ClosedRange<Double>, yRange: ClosedRange<Double>) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        guard let snap = input.snapshot, let batch = snap.mixtureRows, batch.count > 0 else {
            let panel = PanelSpec(title: "components mu_k(x) (waiting for the first MDN epoch)", xRange: xRange, yRange: yRange, layers: [])
            return MiniPlot.render(panel, width: width, height: height, canvas: state.canvas)
        }
        let layout = batch.layout, k = layout.components, n = batch.count
        let pis = weights(batch)
        var mean = [Double](repeating: 0, count: k)
        for r in 0..<n { for c in 0..<k { mean[c] += pis[r * k + c] / Double(n) } }
        let order = (0..<k).sorted { mean[$0] > mean[$1] }
        let stripRows = min(k, max(2, min(8, height / 4)))
        var layers: [LayerSpec] = [.points(xs: input.data.x, ys: input.data.y, role: .dimText)]
        let stride = max(1, n / 600)
        for c in 0..<k {
            for level in 0..<Int(Palette.densityLevels) {
                var xs = [Float](), ys = [Float]()
                for r in Swift.stride(from: 0, to: n, by: stride) {
                    let p = pis[r * k + c]
                    guard p >= 0.02, min(7, Int(p * 8)) == level else { continue }
                    xs.append(snap.mixtureX[r])
                    ys.append(batch.rows[r * layout.width + layout.mu(c)])
                }
                if !xs.isEmpty {
                    layers.append(.points(xs: xs, ys: ys, role: .component(index: UInt8(c % 256), level: UInt8(level))))
                }
            }
        }
        let panel = PanelSpec(title: "components: mu_k(x) of \(k), brightness by pi_k(x)", xRange: xRange, yRange: yRange, layers: layers)
        grid.blit(MiniPlot.render(panel, width: width, height: height - stripRows - 1, canvas: state.canvas), x: 0, y: 0)
        // The pi strip, aligned with the plot's x axis.
        let cols = MiniPlot.plotArea(width: width, height: height).columns
        let shades: [Unicode.Scalar] = state.canvas == .ascii
            ? [" ", ".", ":", "-", "=", "+", "*", "#", "@"] : [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let top = height - stripRows
        grid.write("pi_k(x), top \(stripRows) of \(k) by mean weight", x: MiniPlot.leftMargin + 1, y: top - 1, role: .dimText)
        for (row, c) in order.prefix(stripRows).enumerated() {
            grid.write("pi\(c + 1)", x: 1, y: top + row, role: .component(index: UInt8(c % 256), level: 7))
            for col in 0..<cols {
                let r = min(n - 1, col * n / cols)
                let p = pis[r * k + c]
                let idx = min(8, Int((p * 8).rounded()))
                grid[MiniPlot.leftMargin + 1 + col, top + row] = Cell(
                    glyph: shades[idx], foreground: .component(index: UInt8(c % 256), level: UInt8(min(7, Int(p * 8)))))
            }
        }
        return grid
    }

    /// Training and validation loss of both models, side by side.
    static func lossPanels(_ state: ExplorerState, _ input: FrameInput, width: Int, height: Int) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        let snap = input.snapshot
        let half = width / 2
        let models: [(String, ModelProgress, LossModel, Double?)] = [
            ("MSE loss", snap?.mse ?? ModelProgress(), .mse, nil),
            ("MDN NLL (K \(snap?.mixtures ?? state.mixtures))", snap?.mdn ?? ModelProgress(), .mdn, input.referenceNLL),
        ]
        for (i, (name, progress, model, reference)) in models.enumerated() {
            var title = "\(name)  ep \(progress.epoch)"
            if let l = progress.loss.last, let v = progress.valLoss.last {
                title += "  train \(fmt(l))  val \(fmt(v))"
            }
            if let lr = progress.learningRate.last { title += "  lr \(MiniPlot.tick(lr))" }
            if progress.finished { title += "  stopped" }
            var layers: [LayerSpec] = []
            let epochs = (0..<progress.loss.count).map { Float($0 + 1) }
            layers.append(.curve(xs: epochs, ys: progress.loss.map(Float.init), role: .loss(model: model, split: .train)))
            layers.append(.curve(xs: epochs, ys: progress.valLoss.map(Float.init), role: .loss(model: model, split: .validation)))
            var values = progress.loss + progress.valLoss
            var legend: [(String, StyleRole)] = [("train", .loss(model: model, split: .train)), ("val", .loss(model: model, split: .validation))]
            if let ref = reference {
                layers.insert(.hline(y: ref, role: .reference), at: 0)
                values.append(ref)
                legend.append(("best \(fmt(ref))", .reference))
            }
            let lo = values.min() ?? 0, hi = values.max() ?? 1
            let pad = max(0.05, (hi - lo) * 0.08)
            let panel = PanelSpec(title: title, xRange: 1...Double(max(10, progress.loss.count)),
                                  yRange: (lo - pad)...(hi + pad), layers: layers, legend: legend)
            let w = i == 0 ? half : width - half
            grid.blit(MiniPlot.render(panel, width: w, height: height, canvas: state.canvas), x: i * half, y: 0)
        }
        return grid
    }

    /// The status bar: run state, epochs, losses, K, T, S, speed.
    static func statusBar(_ state: ExplorerState, _ input: FrameInput, width: Int) -> CellGrid {
        var grid = CellGrid(width: width, height: 1, fill: Cell(glyph: " ", foreground: .statusBar, background: .statusBar))
        let snap = input.snapshot
        let run: String
        if snap?.finished == true {
            run = "stopped (early stopping)"
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
        let x0 = (grid.width - boxW) / 2, y0 = (grid.height - boxH) / 2
        let fill = Cell(glyph: " ", foreground: .help, background: .help)
        for y in 0..<boxH { for x in 0..<boxW { grid[x0 + x, y0 + y] = fill } }
        for (i, line) in lines.prefix(boxH - 2).enumerated() {
            grid.write(String(line.prefix(boxW - 4)), x: x0 + 2, y: y0 + 1 + i, role: i == 0 ? .title : .help, background: .help)
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

    /// Mixing weights pi (temperature 1), row-major `count * K`.
    static func weights(_ batch: MixtureBatch) -> [Double] {
        let layout = batch.layout, k = layout.components
        var out = [Double](repeating: 0, count: batch.count * k)
        batch.rows.withUnsafeBufferPointer { rows in
            for r in 0..<batch.count {
                let base = r * layout.width
                var m = -Double.infinity
                for c in 0..<k { m = max(m, Double(rows[base + layout.logit(c)])) }
                var sum = 0.0
                for c in 0..<k { let e = exp(Double(rows[base + layout.logit(c)]) - m); out[r * k + c] = e; sum += e }
                for c in 0..<k { out[r * k + c] /= sum }
            }
        }
        return out
    }

    /// p(y|x) on a `columns x rows` grid (row 0 = top), scaled to 0...1 (square root of p / max p).
    static func densityGrid(_ batch: MixtureBatch, xs: [Float], xRange: ClosedRange<Double>, yRange: ClosedRange<Double>,
                            columns: Int, rows: Int) -> [Float] {
        let layout = batch.layout, k = layout.components
        let pis = weights(batch)
        var out = [Float](repeating: 0, count: columns * rows)
        var peak: Float = 0
        for c in 0..<columns {
            let x = xRange.lowerBound + (xRange.upperBound - xRange.lowerBound) * (Double(c) + 0.5) / Double(columns)
            let fraction = (x - Double(xs.first ?? 0)) / Double(max(1e-9, (xs.last ?? 1) - (xs.first ?? 0)))
            let r = min(batch.count - 1, max(0, Int((fraction * Double(batch.count - 1)).rounded())))
            let base = r * layout.width
            for row in 0..<rows {
                let y = yRange.upperBound - (yRange.upperBound - yRange.lowerBound) * (Double(row) + 0.5) / Double(rows)
                var p = 0.0
                for j in 0..<k {
                    let s = Double(batch.rows[base + layout.sigma(j)])
                    let z = (y - Double(batch.rows[base + layout.mu(j)])) / s
                    p += pis[r * k + j] * exp(-0.5 * z * z) / (s * 2.5066282746310002)
                }
                let v = Float(p)
                out[row * columns + c] = v
                peak = max(peak, v)
            }
        }
        if peak > 0 { for i in out.indices { out[i] = (out[i] / peak).squareRoot() } }
        return out
    }

    private static func fmt(_ v: Double) -> String { String(format: "%.3f", v) }
}
