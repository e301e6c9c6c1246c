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

    /// The data as ground-truth points.
    static func truthLayer(_ s: FigureScene) -> Layer {
        .points(xs: s.data.xs, ys: s.data.ys, style: FigureRole.truth.style, label: "data")
    }

    /// The MSE curve, when the scene has an MSE model.
    static func mseLayer(_ s: FigureScene) -> Layer? {
        s.mse.map { .curve(xs: $0.xs, ys: $0.ys, style: FigureRole.mseCurve.style, label: "MSE mean") }
    }

    /// The MDN samples, when the scene has an MDN.
    static func samplesLayer(_ s: FigureScene) -> Layer? {
        s.mdn.map {
            .points(xs: $0.samples.xs, ys: $0.samples.ys, style: FigureRole.mdnSamples.style, label: "MDN samples")
        }
    }

    /// The data drawn faintly behind a model (`label` nil: not in the legend).
    static func backdropLayer(_ s: FigureScene, label: String? = nil) -> Layer {
        .points(xs: s.data.xs, ys: s.data.ys, style: FigureRole.backdrop.style, label: label)
    }

    /// A panel on the scene's axes.
    static func panel(_ s: FigureScene, _ title: String, _ layers: [Layer?]) -> Panel {
        Panel(
            title: title, layers: layers.compactMap { $0 }, x: Axis(label: s.xName), y: Axis(label: s.yName),
            equalAspect: s.equalAspect)
    }

    /// " (T 1, S 1)" when the scene has an MDN, else "".
    static func temperatureNote(_ s: FigureScene) -> String {
        s.mdn.map { " (\($0.temperatures.label))" } ?? ""
    }

    /// Data, MDN samples and the MSE curve in one panel; `title` replaces the default
    /// ("spiral: data, MSE mean and MDN samples (T 1, S 1)").
    public static func overlay(_ s: FigureScene, title: String? = nil) -> Figure {
        var parts = ["data"]
        if s.mse != nil { parts.append("MSE mean") }
        if s.mdn != nil { parts.append("MDN samples") }
        let list = parts.count == 1 ? parts[0] : parts.dropLast().joined(separator: ", ") + " and " + parts.last!
        let name = s.dataName.isEmpty ? "" : s.dataName + ": "
        return Figure(
            panel(s, title ?? name + list + temperatureNote(s), [truthLayer(s), samplesLayer(s), mseLayer(s)]))
    }

    /// The tutorial's last figure: ground truth | MSE prediction | MDN samples, same axes;
    /// a panel only for each model the scene has.
    public static func sideBySide(_ s: FigureScene) -> Figure {
        var panels = [panel(s, "ground truth", [truthLayer(s)])]
        if s.mse != nil { panels.append(panel(s, "MSE prediction", [backdropLayer(s), mseLayer(s)])) }
        if s.mdn != nil { panels.append(panel(s, "MDN samples", [samplesLayer(s)])) }
        return Figure(panels: panels, sharedX: true, sharedY: true)
    }

    /// The MDN's p(y|x) at the scene's temperatures over `xRange` x `densityYRange`
    /// at `resolution` (the scene's own grid when it has one), or nil without mixtures.
    public static func densityHeatmap(_ s: FigureScene, resolution: FigureResolution) -> Heatmap? {
        guard let mdn = s.mdn, let source = mdn.mixtures else { return nil }
        if let h = mdn.heatmap { return h }
        return DensityGrid.heatmap(
            source, temperatures: mdn.temperatures, xRange: s.xRange, yRange: s.densityYRange,
            columns: resolution.densityColumns, rows: resolution.densityRows)
    }

    /// The MDN's p(y|x) as a heatmap with the data and the MSE curve on top; before the
    /// MDN's first epoch, the samples' density (if any) and a waiting title.
    public static func density(_ s: FigureScene, resolution: FigureResolution) -> Figure {
        let p = "p(\(s.yName)|\(s.xName))"
        let title: String
        var layers: [Layer?] = []
        if let h = densityHeatmap(s, resolution: resolution) {
            title = "MDN density \(p), data on top" + temperatureNote(s)
            layers.append(.heatmap(h))
        } else {
            title = s.mdn == nil ? "density \(p) needs an MDN" : "density \(p) (waiting for the first MDN epoch)"
            if let samples = s.mdn?.samples, !samples.isEmpty {
                layers.append(.density(xs: samples.xs, ys: samples.ys, label: "MDN sample density"))
            }
        }
        layers += [truthLayer(s), mseLayer(s)]
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
        f.panels[0].title = "components: mu_k(x) of \(source.components), brighter = larger pi_k(x)"
        f.panels[1].title = "pi_k(x) at T \(Temperatures.format(mdn.temperatures.sampling))"
        return f
    }

    /// Component means mu_k(x) over the data, each segment as bright as pi_k(x) relative to
    /// the largest weight at that x (the dominant component is brightest), and a strip of
    /// pi_k(x) below. Segments where pi_k < `minimumWeight` are not drawn.
    public static func components(_ s: FigureScene, _ c: ComponentCurves, minimumWeight: Float = 0.02) -> Figure {
        var top: [Layer] = [backdropLayer(s, label: "data")]
        var largest = [Float](repeating: 0, count: c.xs.count)
        for row in c.pi { for i in row.indices where row[i] > largest[i] { largest[i] = row[i] } }
        // The legend entry goes on the first run actually drawn, whichever component it belongs to.
        var labelled = false
        for k in 0..<c.mu.count {
            for run in componentRuns(c, k, largest: largest, minimumWeight: minimumWeight) {
                top.append(
                    .styledCurve(
                        xs: run.xs, ys: run.ys, segmentRoles: run.roles,
                        style: FigureRole.component(index: k, level: FigureRole.topLevel).style,
                        label: labelled ? nil : "mu_k(x), brighter = larger pi_k(x)"))
                labelled = true
            }
        }
        let strip: [Layer] = c.pi.indices.map { k in
            .curve(xs: c.xs, ys: c.pi[k], style: FigureRole.component(index: k, level: FigureRole.topLevel).style)
        }
        return Figure(
            panels: [
                Panel(title: "mixture components", layers: top, x: Axis(label: s.xName), y: Axis(label: s.yName)),
                Panel(
                    title: "mixing weights pi_k(x)", layers: strip, x: Axis(), y: Axis(range: .fixed(0, 1)),
                    showLegend: false),
            ], layout: .vertical, weights: [3, 1], sharedX: true)
    }

    /// The runs of component `k` worth drawing (at least two points with pi_k >=
    /// `minimumWeight` and a finite mean), each segment's role at the brightness of its mean
    /// relative weight.
    static func componentRuns(_ c: ComponentCurves, _ k: Int, largest: [Float], minimumWeight: Float)
        -> [(xs: [Float], ys: [Float], roles: [StyleRole])]
    {
        let n = Int(FigureRole.topLevel) + 1
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
                run.roles.append(FigureRole.component(index: k, level: level).styleRole)
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
