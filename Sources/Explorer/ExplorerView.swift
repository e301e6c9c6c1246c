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
    /// Frame timing text, shown when the profile is on.
    public var profile: String?
    /// Whether the screen shows background colours well enough to tint the cells holding
    /// data (256 colours or more, not monochrome); exports always can.
    public var backgroundTints: Bool = true
    /// The training preset's name, for the header ("" to leave it out).
    public var preset: String = ""

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

/// Where each part of the screen goes, in rows. The main plot keeps at least 60% of the
/// rows at every size the explorer draws in; the loss panels take what is left (a quarter of
/// the screen when there is room), and give way below 5 rows; under 30 rows the status
/// message and the key hints share the last row.
public struct ScreenLayout: Equatable, Sendable {
    /// The header row (app name, views, data, preset, units).
    public var header = 0
    /// The main plot's first row and height.
    public var mainTop: Int, mainHeight: Int
    /// The loss panels' first row and height (0: not shown).
    public var lossTop: Int, lossHeight: Int
    /// The status bar's row.
    public var status: Int
    /// The status message's row and the key hints' row (the same row on small screens,
    /// where a message replaces the hints while it is shown).
    public var message: Int, hints: Int

    /// The layout of a `width` x `height` screen (at least the explorer's minimum size).
    public init(width: Int, height: Int) {
        let shared = height < 30
        let bottom = shared ? 2 : 3
        let plots = max(0, height - 1 - bottom)
        let mainMinimum = (height * 6 + 9) / 10
        var loss = min(max(5, height / 4), plots - mainMinimum)
        if loss < 5 { loss = 0 }
        mainTop = 1
        mainHeight = plots - loss
        lossTop = 1 + mainHeight
        lossHeight = loss
        status = 1 + plots
        message = status + 1
        hints = shared ? message : message + 1
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
        frame(state, input).grid
    }

    /// The whole screen, and where the main plot's panels are on it (screen cells; empty
    /// when the terminal is too small).
    public static func frame(_ state: ExplorerState, _ input: FrameInput) -> (grid: CellGrid, regions: [PlotRegion]) {
        let w = state.width
        let h = state.height
        var grid = CellGrid(width: max(0, w), height: max(0, h))
        guard w >= minimumWidth, h >= minimumHeight else {
            let msg = "terminal too small: need \(minimumWidth) x \(minimumHeight) (have \(w) x \(h))"
            write(&grid, msg, x: 0, y: h / 2, role: .warning, ascii: !state.unicode)
            return (grid, [])
        }
        let layout = ScreenLayout(width: w, height: h)
        grid.blit(tabBar(state, input, width: w), x: 0, y: layout.header)
        let main = mainRender(state, input, width: w, height: layout.mainHeight)
        grid.blit(main.grid, x: 0, y: layout.mainTop)
        let regions = main.regions.map { r in
            var r = r
            r.row += layout.mainTop
            return r
        }
        if layout.lossHeight > 0 {
            grid.blit(lossPanels(state, input, width: w, height: layout.lossHeight), x: 0, y: layout.lossTop)
        }
        grid.blit(statusBar(state, input, width: w), x: 0, y: layout.status)
        let message = state.statusMessage ?? ""
        if layout.hints != layout.message || message.isEmpty {
            write(&grid, KeyBindings.hintBar, x: 1, y: layout.hints, role: .dimText, ascii: !state.unicode)
        }
        if !message.isEmpty {
            if layout.hints == layout.message {
                for x in 0..<w { grid[x, layout.message] = .blank }
            }
            write(&grid, message, x: 1, y: layout.message, role: .accent, ascii: !state.unicode)
        }
        if state.helpVisible { drawHelp(into: &grid, notes: helpNotes(state), ascii: !state.unicode) }
        return (grid, regions)
    }

    /// Writes `text` from column `x` to the grid's right edge, cut with an ellipsis.
    static func write(
        _ grid: inout CellGrid, _ text: String, x: Int, y: Int, role: StyleRole, background: StyleRole? = nil,
        ascii: Bool
    ) {
        let room = max(0, grid.width - x)
        grid.write(VisibleText.truncated(text, to: room, ascii: ascii), x: x, y: y, role: role, background: background)
    }

    /// The loss units for the header: "loss: MSE (y)², NLL nats" (the y column's name, in
    /// the data's units: the session reports both losses in them).
    static func lossUnits(_ input: FrameInput, ascii: Bool) -> String {
        let y = input.data.yNames.first ?? "y"
        let squared = ascii ? "^2" : "\u{00B2}"
        let unit = y.unicodeScalars.count <= 12 ? "(" + y + ")" + squared : "y" + squared
        return "loss: MSE \(unit), NLL nats"
    }

    /// The top line: app name, views (active one highlighted), and by priority the data
    /// name, the preset, the loss units, canvas and theme; what does not fit is left out
    /// (the other views' names first, then the lowest priorities).
    static func tabBar(_ state: ExplorerState, _ input: FrameInput, width: Int) -> CellGrid {
        var grid = CellGrid(width: width, height: 1)
        let ascii = !state.unicode
        grid.write("mdnx", x: 1, y: 0, role: .title)
        let fields: [(text: String, priority: Int)] = [
            ("\(input.dataName) (\(input.data.count))", 0),
            (input.preset.isEmpty ? "" : "preset \(input.preset)", 1),
            (lossUnits(input, ascii: ascii), 2),
            ("canvas: \(state.canvas.rawValue)", 4),
            ("theme: \(input.themeName)", 5),
        ].filter { !$0.text.isEmpty }
        let viewsWidth = FigureView.allCases.map { $0.title.count + 3 }.reduce(0, +)
        let activeOnly = "[\(state.view.title)]"
        // The right-hand fields that fit beside the views (all of them, else the active one).
        func fit(_ room: Int) -> String { StatusLine.fit(fields, separator: "  ", width: room, ascii: ascii) }
        let roomWithAll = width - 7 - viewsWidth - 2
        // The views' names give way before the data, the preset and the loss units do.
        let essential = fields.filter { $0.priority <= 2 }
        let essentialWidth = essential.map { $0.text.count + 2 }.reduce(0, +)
        let right: String
        var x = 7
        if roomWithAll >= essentialWidth {
            for kind in FigureView.allCases {
                let label = kind == state.view ? "[\(kind.title)]" : " \(kind.title) "
                grid.write(label, x: x, y: 0, role: kind == state.view ? .accent : .dimText)
                x += label.count + 1
            }
            right = fit(roomWithAll)
        } else {
            grid.write(activeOnly, x: x, y: 0, role: .accent)
            x += activeOnly.count + 1
            right = fit(width - x - 2)
        }
        let start = max(x + 1, width - right.count - 1)
        write(&grid, right, x: start, y: 0, role: .dimText, ascii: ascii)
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
        // p(y|x) is a field evaluated at the target's resolution over the plotted area (a
        // precomputed grid would leave the axis margins empty).
        let mdn = FigureScene.MDN(mixtures: mixtures, samples: samples, temperatures: state.temperatures)
        var scene = FigureScene(
            data: XYPoints(xs: input.data.x, ys: input.data.y), dataName: input.dataName,
            xName: input.data.xNames.first ?? "x", yName: input.data.yNames.first ?? "y",
            equalAspect: input.equalAspect, mse: mse, mdn: mdn)
        scene.tints = input.backgroundTints
        scene.axisMode = state.axisMode
        scene.layers = state.layers
        return scene
    }

    /// The main plot for the current view at `resolution` (the screen's cells, or an
    /// export's own resolution), with the slice inspector beside it when it is open.
    public static func mainFigure(_ state: ExplorerState, _ input: FrameInput, resolution: FigureResolution) -> Figure {
        StandardFigures.figure(state.view, scene(state, input), resolution: resolution, inspector: state.inspectorX)
    }

    /// The main plot rendered for the screen.
    public static func mainPanels(_ state: ExplorerState, _ input: FrameInput, width: Int, height: Int) -> CellGrid {
        mainRender(state, input, width: width, height: height).grid
    }

    /// The main plot rendered for the screen, with where its panels' canvases are (grid
    /// cells of this render) and what they plot; the inspector's panel is not among them.
    static func mainRender(_ state: ExplorerState, _ input: FrameInput, width: Int, height: Int) -> (
        grid: CellGrid, regions: [PlotRegion]
    ) {
        let figure = mainFigure(state, input, resolution: .cells(width: width, height: height))
        let result = FigureRenderer.renderResult(
            figure, width: width, height: height, canvas: state.canvas,
            options: RenderOptions(shadeGlyphs: state.canvas == .ascii))
        var regions = result.plotRegions
        if state.inspectorVisible, !regions.isEmpty { regions.removeLast() }
        return (result.grid, regions.compactMap { $0 })
    }

    /// The main area's size on a screen of `width` x `height` cells.
    public static func mainArea(width: Int, height: Int) -> (width: Int, height: Int) {
        (width, ScreenLayout(width: width, height: height).mainHeight)
    }

    /// Training and validation loss of both models over the whole timeline, with the epoch
    /// shown in the titles (losses and learning rate of that epoch), the viewed epoch and the
    /// best epoch marked, and the best achievable NLL as a reference line. Losses are in the
    /// data's units whatever scaling training used, so the reference (in data units) compares.
    public static func lossFigure(_ state: ExplorerState, _ input: FrameInput) -> Figure {
        var series: [LossSeries] = []
        var titles: [LossModel: String] = [:]
        var marks: [LossMark] = []
        // A checkpoint holds the losses it was saved with, not its training: say why its panel
        // has one point (or none, for a kind no file was opened for).
        var notes: [LossModel: String] = [:]
        for model in LossModel.allCases {
            let kind: ModelKind = model == .mse ? .mse : .mdn
            if !state.opened.isEmpty {
                notes[model] =
                    state.opened[kind] == nil
                    ? "no \(model == .mse ? "MSE" : "MDN") model opened" : "a checkpoint keeps no training history"
            }
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
            title += state.opened[kind].map { " of \($0)" } ?? " ep \(shown)"
            if shown >= 1 && shown <= reports.count {
                let r = reports[shown - 1]
                title += " train \(fmt(r.loss))"
                if let v = r.valLoss { title += " val \(fmt(v))" }
                // A model opened from a file has no learning rate to show.
                if r.learningRate > 0 { title += " lr " + String(format: "%.1e", Double(r.learningRate)) }
            }
            if let t = timeline, t.isFinished { title += " (stopped)" }
            titles[model] = title
            if let best = timeline?.bestEpoch { marks.append(LossMark(model: model, epoch: best, kind: .best)) }
            if !state.isLive && shown >= 1 { marks.append(LossMark(model: model, epoch: shown, kind: .viewed)) }
        }
        var references: [LossModel: (value: Float, label: String)] = [:]
        if let r = input.referenceNLL { references[.mdn] = (Float(r), "best \(fmt(r))") }
        var figure = StandardFigures.loss(series, references: references, titles: titles, marks: marks)
        // Panels come in LossModel order, one per model.
        for (i, model) in LossModel.allCases.enumerated() where i < figure.panels.count {
            figure.panels[i].notes = notes[model].map { [$0] } ?? []
        }
        return figure
    }

    /// The loss panels rendered for the screen.
    static func lossPanels(_ state: ExplorerState, _ input: FrameInput, width: Int, height: Int) -> CellGrid {
        FigureRenderer.render(lossFigure(state, input), width: width, height: height, canvas: state.canvas)
    }

    /// The status bar: run state, the timeline position (live, history or replay), each
    /// model's epoch and loss as shown, speed, K (and whether it was chosen automatically), T,
    /// S, seed; fields drop by priority when the line is too narrow (speed and seed first,
    /// the run state last).
    static func statusBar(_ state: ExplorerState, _ input: FrameInput, width: Int) -> CellGrid {
        var grid = CellGrid(
            width: width, height: 1, fill: Cell(glyph: " ", foreground: .statusBar, background: .statusBar))
        let line = StatusLine.fit(statusFields(state, input), separator: " | ", width: width - 2, ascii: !state.unicode)
        grid.write(" " + line, x: 0, y: 0, role: .statusBar, background: .statusBar)
        return grid
    }

    /// The status bar's fields in order, without dropping any.
    static func statusParts(_ state: ExplorerState, _ input: FrameInput) -> [String] {
        statusFields(state, input).map(\.text)
    }

    /// The status bar's fields in order, each with its priority (0 is kept longest).
    static func statusFields(_ state: ExplorerState, _ input: FrameInput) -> [(text: String, priority: Int)] {
        var fields: [(text: String, priority: Int)] = []
        if !state.opened.isEmpty {
            let files = [ModelKind.mse, .mdn].compactMap { state.opened[$0] }.joined(separator: " + ")
            fields.append(("opened \(files) (not training)", 0))
        } else if state.finished {
            fields.append(("finished (\(state.stopSummary))", 0))
        } else if state.paused {
            fields.append(("paused", 0))
        } else if case .screening(let k, let index, let count) = state.mixtureSearch {
            fields.append(("choosing K: screening K \(k) (\(index + 1)/\(count))", 0))
        } else {
            fields.append(("running", 0))
        }
        let count = state.history.epochCount
        if state.replay != nil {
            fields.append(("replay ep \(state.position)/\(count) at \(state.replaySpeed)/s", 1))
        } else if let p = state.viewedEpoch {
            fields.append(("history ep \(p)/\(count)", 1))
        } else {
            // Live is the usual case: the epochs of each model say more.
            fields.append(("live ep \(count)/\(count)", 4))
        }
        if let a = state.animationExport {
            fields.append((a.frames > 0 ? "writing animation \(a.frame)/\(a.frames)" : "writing animation", 1))
        }
        for kind in [ModelKind.mse, .mdn] {
            let name = kind == .mse ? "MSE" : "MDN"
            let shown = state.shownEpoch(kind)
            var field = "\(name) ep \(shown)"
            if let last = state.history[kind]?.lastEpoch, last != shown { field += "/\(last)" }
            if let t = state.history[kind], shown >= 1, let e = t.entry(epoch: shown) {
                field += " train " + fmt(t.inDataUnits(e.report).loss)
            } else {
                field += " -"
            }
            fields.append((field, 1))
        }
        let steps = state.stepsPerSecond.values.reduce(0, +)
        if steps > 0 { fields.append(("\(Int(steps.rounded())) steps/s", 5)) }
        switch state.mixtureSearch {
        case .chosen(let k, _) where k == state.mixtures: fields.append(("K \(state.mixtures) (auto)", 2))
        case .screening: fields.append(("K auto", 2))
        default: fields.append(("K \(state.mixtures)", 2))
        }
        fields.append(("T \(ExplorerState.format(state.temperature))", 3))
        let sigma = ExplorerState.format(state.sigmaTemperature)
        fields.append(("S \(sigma) (variance x\(sigma))", 3))
        fields.append(("seed \(state.seed)", 6))
        if state.profileVisible, let p = input.profile { fields.append((p, 4)) }
        return fields
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

    /// The help overlay, generated from the key table, centred; `notes` below it. When the
    /// lines do not fit the screen's height they flow into columns (each line cut with an
    /// ellipsis to its column), so every key stays listed on a small terminal.
    static func drawHelp(into grid: inout CellGrid, notes: [String] = [], ascii: Bool = false) {
        let title = "Keys (Esc or ? closes)"
        let body = KeyBindings.helpLines + notes
        let widest = max(title.count, body.map(\.count).max() ?? 0)
        let rowsFree = max(1, grid.height - 2 - 4)  // the box's border rows, the title and a gap
        let columns = max(1, (body.count + rowsFree - 1) / rowsFree)
        let rows = (body.count + columns - 1) / columns
        let boxW = min(grid.width - 2, columns * (widest + 2) + 2)
        let boxH = min(grid.height - 2, rows + 4)
        let x0 = (grid.width - boxW) / 2
        let y0 = (grid.height - boxH) / 2
        let fill = Cell(glyph: " ", foreground: .help, background: .help)
        for y in 0..<boxH { for x in 0..<boxW { grid[x0 + x, y0 + y] = fill } }
        grid.write(
            VisibleText.truncated(title, to: boxW - 4, ascii: ascii), x: x0 + 2, y: y0 + 1, role: .title,
            background: .help)
        let columnWidth = (boxW - 2) / columns
        for (i, line) in body.enumerated() {
            let (column, row) = (i / rows, i % rows)
            guard 3 + row < boxH - 1 else { continue }
            grid.write(
                VisibleText.truncated(line, to: columnWidth - 2, ascii: ascii), x: x0 + 2 + column * columnWidth,
                y: y0 + 3 + row, role: .help, background: .help)
        }
    }

    private static func fmt(_ v: Double) -> String { String(format: "%.3f", v) }
}

/// Fits labelled fields on one line by priority: the lowest priorities (largest numbers) are
/// left out first, the rest keep their order; a line whose first field alone is too wide is
/// cut with an ellipsis.
enum StatusLine {
    /// The fields that fit in `width` cells, joined by `separator`.
    static func fit(_ fields: [(text: String, priority: Int)], separator: String, width: Int, ascii: Bool = false)
        -> String
    {
        var kept = Array(fields.indices)
        func length(_ indices: [Int]) -> Int {
            indices.map { fields[$0].text.unicodeScalars.count }.reduce(0, +)
                + max(0, indices.count - 1) * separator.unicodeScalars.count
        }
        while kept.count > 1 && length(kept) > width {
            // Drop the lowest-priority field (the last of equals).
            let worst = kept.max { a, b in
                fields[a].priority < fields[b].priority || (fields[a].priority == fields[b].priority && a < b)
            }!
            kept.removeAll { $0 == worst }
        }
        let line = kept.map { fields[$0].text }.joined(separator: separator)
        return VisibleText.truncated(line, to: max(0, width), ascii: ascii)
    }
}
