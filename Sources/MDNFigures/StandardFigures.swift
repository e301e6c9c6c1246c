import TermPlot

/// Builds mdnx's figures from a `FigureScene`: the one builder behind the explorer's main
/// plot and `mdnx plot`, so the same scene, view and resolution draw the same picture.
/// Layers of a model the scene lacks are left out (so legends list only what is drawn);
/// a model that is there but has not trained yet keeps its (empty) layers.
public enum StandardFigures {
    /// The figure for `view`; `resolution` decides how finely computed layers (p(y|x),
    /// component curves) are evaluated.
    public static func figure(_ view: FigureView, _ scene: FigureScene, resolution: FigureResolution) -> Figure {
        switch view {
        case .overlay: return overlay(scene)
        case .sideBySide: return sideBySide(scene)
        case .density: return density(scene, resolution: resolution)
        case .components: return components(scene, resolution: resolution)
        }
    }

    /// The figure for `view` with the slice inspector at `x0` beside it (`x0` nil: none);
    /// see `inspected(_:_:x0:)`.
    public static func figure(
        _ view: FigureView, _ scene: FigureScene, resolution: FigureResolution, inspector x0: Float?
    ) -> Figure {
        let main = figure(view, scene, resolution: resolution)
        guard let x0 else { return main }
        return inspected(main, scene, x0: x0)
    }

    /// The style of the inspector's cursor on the main plot: the accent colour, dotted.
    public static let cursorStyle = SeriesStyle(role: .accent, glyph: "|", opacity: 1, pattern: .dotted)

    /// Share of the width the inspector takes beside the main plot.
    public static let inspectorWeights = (main: 62, inspector: 38)

    /// `main` with a cursor line at `x0` on each of its panels that plot the data's x, and
    /// the slice inspector for `x0` beside it on the same y range (rows aligned). A stacked
    /// figure (components) keeps its top panel only: the inspector shows the weights at x0.
    public static func inspected(_ main: Figure, _ scene: FigureScene, x0: Float) -> Figure {
        var panels = main.layout == .vertical ? [main.panels[0]] : main.panels
        // Fix each panel's ranges to what they would resolve to, so sharing y rows with the
        // inspector (whose x is a density) leaves them as they are.
        let yRange = plottedRange(
            panels[0], axis: \.y, layers: main.sharedY ? panels.flatMap(\.layers) : panels[0].layers)
        for i in panels.indices {
            let xr = plottedRange(
                panels[i], axis: \.x, layers: main.sharedX ? panels.flatMap(\.layers) : panels[i].layers)
            panels[i].x.range = .fixed(xr.lowerBound, xr.upperBound)
            panels[i].y.range = .fixed(yRange.lowerBound, yRange.upperBound)
            panels[i].layers.append(.vline(x: x0, style: cursorStyle, label: nil))
        }
        let inspector = SliceInspector(scene, x0: x0, yRange: yRange)
        let n = panels.count
        let weights = Array(repeating: inspectorWeights.main / n, count: n) + [inspectorWeights.inspector]
        return Figure(panels: panels + [inspector.panel], layout: .horizontal, weights: weights, sharedY: true)
    }

    /// The range `panel` plots on one axis: its fixed range, else the finite extent of
    /// `layers` (points and curves) widened by the axis padding (as TermPlot resolves it).
    static func plottedRange(_ panel: Panel, axis: KeyPath<Panel, Axis>, layers: [Layer]) -> ClosedRange<Float> {
        let a = panel[keyPath: axis]
        if case .fixed(let lo, let hi) = a.range, lo.isFinite, hi.isFinite, hi > lo { return lo...hi }
        var lo = Float.infinity
        var hi = -Float.infinity
        for layer in layers {
            let values: [Float]
            switch layer {
            case .points(let xs, let ys, _, _), .curve(let xs, let ys, _, _), .styledCurve(let xs, let ys, _, _, _):
                values = axis == \Panel.x ? xs : ys
            case .hline(let v, _, _): values = axis == \Panel.y ? [v] : []
            default: values = []
            }
            for v in values where v.isFinite {
                lo = min(lo, v)
                hi = max(hi, v)
            }
        }
        guard lo <= hi else { return 0...1 }
        return FigureScene.padded(lo...hi, by: a.padding)
    }

    /// The data as ground-truth points (`style`: the truth's own, or a backdrop).
    static func truthLayer(_ s: FigureScene, style: SeriesStyle = FigureRole.truth.style) -> Layer? {
        guard s.layers.contains(.data) else { return nil }
        return .points(xs: s.data.xs, ys: s.data.ys, style: style, label: "data")
    }

    /// The MSE curve, when the scene has an MSE model and shows it.
    static func mseLayer(_ s: FigureScene) -> Layer? {
        guard s.layers.contains(.mse) else { return nil }
        return s.mse.map { .curve(xs: $0.xs, ys: $0.ys, style: FigureRole.mseCurve.style, label: "MSE mean") }
    }

    /// The MDN samples, when the scene has an MDN and shows them.
    static func samplesLayer(_ s: FigureScene) -> Layer? {
        guard s.layers.contains(.samples) else { return nil }
        return s.mdn.map {
            .points(xs: $0.samples.xs, ys: $0.samples.ys, style: FigureRole.mdnSamples.style, label: "MDN samples")
        }
    }

    /// Whether MDN samples are drawn over the data (then the data go beneath them).
    static func showsSamples(_ s: FigureScene) -> Bool {
        s.layers.contains(.samples) && !(s.mdn?.samples.isEmpty ?? true)
    }

    /// The data drawn faintly behind a model (`label` nil: not in the legend).
    static func backdropLayer(_ s: FigureScene, label: String? = nil) -> Layer? {
        guard s.layers.contains(.data) else { return nil }
        var style = FigureRole.backdrop.style
        style.beneath = true
        return .points(xs: s.data.xs, ys: s.data.ys, style: style, label: label)
    }

    /// The axes of the scene's plots under its axis mode: the data's ranges with a margin
    /// (fit data, equal aspect) or every layer's (fit everything); x and y to one scale where
    /// the mode and the data ask for it.
    static func axes(_ s: FigureScene) -> (x: Axis, y: Axis, aspect: AspectRule) {
        let x = s.xAxisRange
        let y = s.yAxisRange
        let cheap = s.equalAspect ? AspectRule.equalIfCheap(maxUnused: AxisMode.cheapEqualAspect) : .free
        switch s.axisMode {
        case .fitData:
            return (
                Axis(label: s.xName, range: .fixed(x.lowerBound, x.upperBound)),
                Axis(label: s.yName, range: .fixed(y.lowerBound, y.upperBound)), cheap
            )
        case .fitAll:
            return (
                Axis(label: s.xName, padding: AxisMode.margin), Axis(label: s.yName, padding: AxisMode.margin), cheap
            )
        case .equalAspect:
            return (
                Axis(label: s.xName, range: .fixed(x.lowerBound, x.upperBound)),
                Axis(label: s.yName, range: .fixed(y.lowerBound, y.upperBound)), .equal
            )
        }
    }

    /// A panel on the scene's axes.
    static func panel(_ s: FigureScene, _ title: String, _ layers: [Layer?]) -> Panel {
        let (x, y, aspect) = axes(s)
        var p = Panel(title: title, layers: layers.compactMap { $0 }, x: x, y: y)
        p.aspect = aspect
        return p
    }

    /// " (T 1, S 1)" when the scene has an MDN, else "".
    static func temperatureNote(_ s: FigureScene) -> String {
        s.mdn.map { " (\($0.temperatures.label))" } ?? ""
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ parts: [String]) -> String {
        parts.count <= 1 ? parts.first ?? "" : parts.dropLast().joined(separator: ", ") + " and " + parts.last!
    }

    /// Data, MDN samples and the MSE curve in one panel (the layers the scene shows); the data
    /// go beneath the samples as a faint backdrop (tinted where the scene allows), so the
    /// samples never hide them. `title` replaces the default ("spiral: data, MSE mean and
    /// MDN samples (T 1, S 1)").
    public static func overlay(_ s: FigureScene, title: String? = nil) -> Figure {
        var parts: [String] = []
        if s.layers.contains(.data) { parts.append("data") }
        if s.mse != nil && s.layers.contains(.mse) { parts.append("MSE mean") }
        if s.mdn != nil && s.layers.contains(.samples) { parts.append("MDN samples") }
        let name = s.dataName.isEmpty ? "" : s.dataName + ": "
        let shown = parts.isEmpty ? "nothing shown (1 2 3 toggle the layers)" : list(parts)
        let dataStyle = showsSamples(s) ? FigureRole.dataBackdrop(tint: s.tints) : FigureRole.truth.style
        return Figure(
            panel(
                s, title ?? name + shown + temperatureNote(s),
                [truthLayer(s, style: dataStyle), samplesLayer(s), mseLayer(s)]))
    }

    /// The tutorial's last figure: ground truth | MSE prediction | MDN samples, same axes;
    /// a panel only for each model the scene has.
    public static func sideBySide(_ s: FigureScene) -> Figure {
        var all = s
        all.layers = .all
        var panels = [panel(all, "ground truth", [truthLayer(all)])]
        if s.mse != nil { panels.append(panel(all, "MSE prediction", [backdropLayer(all), mseLayer(all)])) }
        if s.mdn != nil { panels.append(panel(all, "MDN samples", [samplesLayer(all)])) }
        return Figure(panels: panels, sharedX: true, sharedY: true)
    }

    /// The MDN's p(y|x) at the scene's temperatures over the data's ranges (with the axis
    /// margin) at `resolution` (the scene's own grid when it has one), or nil without mixtures.
    public static func densityHeatmap(_ s: FigureScene, resolution: FigureResolution) -> Heatmap? {
        guard let mdn = s.mdn, let source = mdn.mixtures else { return nil }
        if let h = mdn.heatmap { return h }
        var h = DensityGrid.heatmap(
            source, temperatures: mdn.temperatures, xRange: s.xAxisRange, yRange: s.yAxisRange,
            columns: resolution.densityColumns, rows: resolution.densityRows)
        h.colorBar = true
        return h
    }

    /// The MDN's p(y|x) as a field the renderer evaluates at its own resolution over the
    /// plotted area (within the data's x range and its margin), with a colour bar; the data
    /// beneath it (visible only where the model puts no density) and the MSE curve on top.
    /// Before the MDN's first epoch: the samples' density (if any) and a waiting title.
    public static func density(_ s: FigureScene, resolution: FigureResolution) -> Figure {
        let p = "p(\(s.yName)|\(s.xName))"
        let title: String
        var layers: [Layer?] = []
        if let mdn = s.mdn, let source = mdn.mixtures {
            title = "MDN density \(p), data below" + temperatureNote(s)
            if let h = mdn.heatmap {
                var h = h
                h.colorBar = true
                layers.append(.heatmap(h))
            } else {
                layers.append(.field(DensityGrid.field(source, temperatures: mdn.temperatures, xDomain: s.xAxisRange)))
            }
            var below = FigureRole.dataBackdrop(tint: false)
            below.opacity = FigureRole.backdrop.opacity
            layers.append(truthLayer(s, style: below))
        } else {
            title = s.mdn == nil ? "density \(p) needs an MDN" : "density \(p) (waiting for the first MDN epoch)"
            if let samples = s.mdn?.samples, !samples.isEmpty {
                layers.append(.density(xs: samples.xs, ys: samples.ys, label: "MDN sample density"))
            }
            layers.append(truthLayer(s))
        }
        layers.append(mseLayer(s))
        return Figure(panel(s, title, layers))
    }

    /// The components view at `resolution`: mu_k(x) and pi_k(x) at the scene's temperature
    /// over the data's x range; before the MDN's first epoch, the overlay with a waiting title.
    public static func components(_ s: FigureScene, resolution: FigureResolution) -> Figure {
        guard let mdn = s.mdn, let source = mdn.mixtures else {
            return overlay(
                s, title: s.mdn == nil ? "components need an MDN" : "components (waiting for the first MDN epoch)")
        }
        let curves = ComponentCurves(
            source, xRange: s.xRange, points: resolution.componentPoints, temperatures: mdn.temperatures)
        var f = components(s, curves)
        f.panels[0].title =
            "components: mu_k(x) of \(source.components), coloured by rank of mean pi_k, brighter = larger pi_k(x)"
        f.panels[1].title = "pi_k(x) at T \(Temperatures.format(mdn.temperatures.sampling))"
        return f
    }

    /// The components ranked by their mean weight over the x grid, largest first: `ranks[k]`
    /// is component k's rank, `order[r]` the component at rank r.
    static func ranks(_ c: ComponentCurves) -> (ranks: [Int], order: [Int]) {
        let means = c.pi.map { row in row.reduce(0, +) / Float(max(1, row.count)) }
        let order = means.indices.sorted { means[$0] > means[$1] || (means[$0] == means[$1] && $0 < $1) }
        var ranks = [Int](repeating: 0, count: order.count)
        for (r, k) in order.enumerated() { ranks[k] = r }
        return (ranks, order)
    }

    /// Component means mu_k(x) over the data, coloured from the theme's component colormap by
    /// rank of mean weight (legend: one entry per component drawn, by rank, with its mean
    /// weight; letters on ASCII canvases), each segment as bright as pi_k(x) relative to the
    /// largest weight at that x (the dominant component is brightest), and a strip of pi_k(x)
    /// below. Segments where pi_k < `minimumWeight` are not drawn.
    public static func components(_ s: FigureScene, _ c: ComponentCurves, minimumWeight: Float = 0.02) -> Figure {
        var top: [Layer] = [backdropLayer(s, label: "data")].compactMap { $0 }
        var largest = [Float](repeating: 0, count: c.xs.count)
        for row in c.pi { for i in row.indices where row[i] > largest[i] { largest[i] = row[i] } }
        let (ranks, order) = Self.ranks(c)
        let count = c.mu.count
        for k in order {
            let mean = c.pi[k].reduce(0, +) / Float(max(1, c.pi[k].count))
            var labelled = false
            for run in componentRuns(c, k, rank: ranks[k], largest: largest, minimumWeight: minimumWeight) {
                top.append(
                    .styledCurve(
                        xs: run.xs, ys: run.ys, segmentRoles: run.roles,
                        style: FigureRole.component(rank: ranks[k], of: count, level: FigureRole.topLevel).style,
                        label: labelled ? nil : "pi " + Self.weight(mean)))
                labelled = true
            }
        }
        let strip: [Layer] = order.map { k in
            .curve(
                xs: c.xs, ys: c.pi[k],
                style: FigureRole.component(rank: ranks[k], of: count, level: FigureRole.topLevel).style)
        }
        let (x, y, _) = axes(s)
        return Figure(
            panels: [
                Panel(title: "mixture components", layers: top, x: x, y: y),
                Panel(
                    title: "mixing weights pi_k(x)", layers: strip, x: Axis(range: x.range),
                    y: Axis(range: .fixed(0, 1)), showLegend: false),
            ], layout: .vertical, weights: [3, 1], sharedX: true)
    }

    /// A weight as the legend shows it: ".31", ".05", "1".
    static func weight(_ w: Float) -> String {
        let hundredths = Int((w * 100).rounded())
        if hundredths >= 100 { return "1" }
        return "." + (hundredths < 10 ? "0" : "") + String(hundredths)
    }

    /// The runs of component `k` worth drawing (at least two points with pi_k >=
    /// `minimumWeight` and a finite mean), each segment's role at the brightness of its mean
    /// relative weight.
    static func componentRuns(_ c: ComponentCurves, _ k: Int, rank: Int, largest: [Float], minimumWeight: Float)
        -> [(xs: [Float], ys: [Float], roles: [StyleRole])]
    {
        let n = Int(FigureRole.topLevel) + 1
        let count = c.mu.count
        var runs: [(xs: [Float], ys: [Float], roles: [StyleRole])] = []
        var run: (xs: [Float], ys: [Float], roles: [StyleRole]) = ([], [], [])
        func flush() {
            if run.xs.count >= 2 { runs.append(run) }
            run = ([], [], [])
        }
        for i in 0..<c.xs.count {
            let p = c.pi[k][i]
            guard p >= minimumWeight && c.mu[k][i].isFinite else {
                flush()
                continue
            }
            if !run.xs.isEmpty {
                let w = (p / max(largest[i], 1e-12) + c.pi[k][i - 1] / max(largest[i - 1], 1e-12)) / 2
                let level = UInt8(max(0, min(n - 1, Int(w * Float(n)))))
                run.roles.append(FigureRole.component(rank: rank, of: count, level: level).styleRole)
            }
            run.xs.append(c.xs[i])
            run.ys.append(c.mu[k][i])
        }
        flush()
        return runs
    }

    /// Training and validation losses, one panel per model; log y when every value is
    /// positive (or as `logScale` says). `references` draws a labelled line per model
    /// (e.g. the best achievable NLL); `titles` replaces a panel's title (e.g. to show the
    /// learning rate); `marks` draws vertical lines at epochs (viewed, best).
    public static func loss(
        _ series: [LossSeries], references: [LossModel: (value: Float, label: String)] = [:],
        logScale: Bool? = nil, titles: [LossModel: String] = [:], marks: [LossMark] = []
    ) -> Figure {
        var panels: [Panel] = []
        for model in LossModel.allCases {
            let mine = series.filter { $0.model == model }
            guard !mine.isEmpty || references[model] != nil else { continue }
            var layers: [Layer] = mine.map { s in
                let xs = s.epochs ?? (0..<s.values.count).map { Float($0 + 1) }
                return .curve(
                    xs: xs, ys: s.values, style: FigureRole.loss(model: s.model, split: s.split).style, label: s.label)
            }
            if let r = references[model] {
                layers.append(.hline(y: r.value, style: FigureRole.referenceLine, label: r.label))
            }
            let values = mine.flatMap(\.values).filter(\.isFinite) + (references[model].map { [$0.value] } ?? [])
            let log = logScale ?? (!values.isEmpty && values.allSatisfy { $0 > 0 })
            // Marks are vertical lines across the values' range.
            if let lo = values.min(), let hi = values.max() {
                for mark in marks where mark.model == model {
                    let e = Float(mark.epoch)
                    layers.append(.curve(xs: [e, e], ys: [lo, hi], style: mark.style, label: mark.label))
                }
            }
            let title = titles[model] ?? (model == .mse ? "MSE model loss" : "MDN loss (NLL)")
            panels.append(
                Panel(
                    title: title, layers: layers,
                    x: Axis(label: "epoch"), y: Axis(scale: log ? .log10 : .linear, padding: 0.04)))
        }
        return Figure(panels: panels)
    }
}
