/// The data behind the tutorial's figures, as plain arrays (no network types).
public struct SpiralFigureData: Sendable {
    /// Ground-truth points.
    public var truthX: [Float], truthY: [Float]
    /// The MSE network's mean curve (x sorted).
    public var mseX: [Float], mseY: [Float]
    /// Samples drawn from the MDN.
    public var sampleX: [Float], sampleY: [Float]
    /// Optional p(y|x) grid for the density view.
    public var heatmap: Heatmap?
    /// Column names for the axis labels.
    public var xName: String, yName: String
    /// Draw x and y to the same scale (round spiral). Only right when both columns share a
    /// unit, as on the built-in spiral; a user's columns keep their own ranges.
    public var equalAspect: Bool

    /// Creates the data; empty arrays are fine (that layer is then empty).
    public init(
        truthX: [Float], truthY: [Float], mseX: [Float] = [], mseY: [Float] = [],
        sampleX: [Float] = [], sampleY: [Float] = [], heatmap: Heatmap? = nil,
        xName: String = "x", yName: String = "y", equalAspect: Bool = false
    ) {
        precondition(
            truthX.count == truthY.count && mseX.count == mseY.count && sampleX.count == sampleY.count,
            "x and y arrays must have equal counts")
        self.truthX = truthX
        self.truthY = truthY
        self.mseX = mseX
        self.mseY = mseY
        self.sampleX = sampleX
        self.sampleY = sampleY
        self.heatmap = heatmap
        self.xName = xName
        self.yName = yName
        self.equalAspect = equalAspect
    }
}

/// Mixture components along an x grid: means mu_k(x) and weights pi_k(x).
public struct ComponentCurves: Sendable {
    /// The x grid (sorted).
    public var xs: [Float]
    /// `mu[k][i]` = mean of component k at xs[i].
    public var mu: [[Float]]
    /// `pi[k][i]` = mixing weight of component k at xs[i], in [0, 1].
    public var pi: [[Float]]
    /// Creates component curves; every row must have `xs.count` entries.
    public init(xs: [Float], mu: [[Float]], pi: [[Float]]) {
        precondition(mu.count == pi.count, "mu and pi need one row per component")
        precondition(
            mu.allSatisfy { $0.count == xs.count } && pi.allSatisfy { $0.count == xs.count },
            "every component row needs xs.count values")
        self.xs = xs
        self.mu = mu
        self.pi = pi
    }
}

/// One loss curve: a model's training or validation loss per epoch.
public struct LossSeries: Sendable {
    public var model: LossModel
    public var split: LossSplit
    /// Epoch numbers (nil: 1, 2, 3, ...).
    public var epochs: [Float]?
    public var values: [Float]
    /// Creates a series.
    public init(model: LossModel, split: LossSplit, epochs: [Float]? = nil, values: [Float]) {
        precondition(epochs == nil || epochs!.count == values.count, "epochs and values must have equal counts")
        self.model = model
        self.split = split
        self.epochs = epochs
        self.values = values
    }
    /// "MDN train", "MSE val", ...
    public var label: String { "\(model == .mse ? "MSE" : "MDN") \(split == .train ? "train" : "val")" }
}

/// The views the explorer and `mdnx plot` offer.
public enum StandardView: String, Hashable, Sendable, CaseIterable {
    case overlay
    case sideBySide = "side-by-side"
    case density
    case components
    case loss
}

/// Builds the tutorial's figures from plain arrays; shared by the explorer and `mdnx plot`.
public enum StandardFigures {
    static func truthLayer(_ d: SpiralFigureData) -> Layer {
        .points(xs: d.truthX, ys: d.truthY, role: .truth, label: "data")
    }
    static func mseLayer(_ d: SpiralFigureData) -> Layer {
        .curve(xs: d.mseX, ys: d.mseY, role: .mseCurve, label: "MSE mean")
    }
    static func samplesLayer(_ d: SpiralFigureData) -> Layer {
        .points(xs: d.sampleX, ys: d.sampleY, role: .mdnSamples, label: "MDN samples")
    }

    /// Data, MDN samples and the MSE curve in one panel.
    public static func overlay(_ d: SpiralFigureData, title: String = "data, MSE mean and MDN samples") -> Figure {
        Figure(
            Panel(
                title: title, layers: [truthLayer(d), samplesLayer(d), mseLayer(d)],
                x: Axis(label: d.xName), y: Axis(label: d.yName), equalAspect: d.equalAspect))
    }

    /// The tutorial's last figure: ground truth | MSE prediction | MDN samples, same axes.
    public static func sideBySide(_ d: SpiralFigureData) -> Figure {
        let x = Axis(label: d.xName)
        let y = Axis(label: d.yName)
        return Figure(
            panels: [
                Panel(title: "ground truth", layers: [truthLayer(d)], x: x, y: y, equalAspect: d.equalAspect),
                Panel(
                    title: "MSE prediction",
                    layers: [.points(xs: d.truthX, ys: d.truthY, role: .backdrop, glyph: .ascii(".")), mseLayer(d)],
                    x: x, y: y, equalAspect: d.equalAspect),
                Panel(title: "MDN samples", layers: [samplesLayer(d)], x: x, y: y, equalAspect: d.equalAspect),
            ], sharedX: true, sharedY: true)
    }

    /// The MDN's p(y|x) as a heatmap (or the samples' density when no grid is given), data on top.
    public static func density(_ d: SpiralFigureData) -> Figure {
        var layers: [Layer] = []
        if let h = d.heatmap {
            var h = h
            if h.label == nil { h.label = "MDN p(y|x)" }
            layers.append(.heatmap(h))
        } else {
            layers.append(.density(xs: d.sampleX, ys: d.sampleY, label: "MDN sample density"))
        }
        layers.append(truthLayer(d))
        layers.append(mseLayer(d))
        return Figure(
            Panel(
                title: "MDN density", layers: layers, x: Axis(label: d.xName), y: Axis(label: d.yName),
                equalAspect: d.equalAspect))
    }

    /// Component means mu_k(x) over the data, each segment as bright as pi_k(x) relative to
    /// the largest weight at that x (the dominant component is brightest), and a strip of
    /// pi_k(x) below. Segments where pi_k < `minimumWeight` are not drawn.
    public static func components(_ d: SpiralFigureData, _ c: ComponentCurves, minimumWeight: Float = 0.02) -> Figure {
        var top: [Layer] = [.points(xs: d.truthX, ys: d.truthY, role: .backdrop, glyph: .ascii("."), label: "data")]
        var strip: [Layer] = []
        let n = Int(Palette.densityLevels)
        var largest = [Float](repeating: 0, count: c.xs.count)
        for row in c.pi { for i in row.indices where row[i] > largest[i] { largest[i] = row[i] } }
        // The legend entry goes on the first run actually drawn, whichever component it belongs to.
        var labelled = false
        for k in 0..<c.mu.count {
            let index = UInt8(k % 256)
            var runX: [Float] = []
            var runY: [Float] = []
            var runRoles: [StyleRole] = []
            func flush() {
                if runX.count >= 2 {
                    top.append(
                        .styledCurve(
                            xs: runX, ys: runY, roles: runRoles,
                            legendRole: .component(index: index, level: UInt8(n - 1)),
                            label: labelled ? nil : "mu_k(x), brighter = larger pi_k(x)"))
                    labelled = true
                }
                runX = []
                runY = []
                runRoles = []
            }
            for i in 0..<c.xs.count {
                let p = c.pi[k][i]
                if p >= minimumWeight && c.mu[k][i].isFinite {
                    if !runX.isEmpty {
                        let w = (p / max(largest[i], 1e-12) + c.pi[k][i - 1] / max(largest[i - 1], 1e-12)) / 2
                        runRoles.append(.component(index: index, level: UInt8(max(0, min(n - 1, Int(w * Float(n)))))))
                    }
                    runX.append(c.xs[i])
                    runY.append(c.mu[k][i])
                } else {
                    flush()
                }
            }
            flush()
            strip.append(.curve(xs: c.xs, ys: c.pi[k], role: .component(index: index, level: UInt8(n - 1))))
        }
        return Figure(
            panels: [
                Panel(title: "mixture components", layers: top, x: Axis(label: d.xName), y: Axis(label: d.yName)),
                Panel(
                    title: "mixing weights pi_k(x)", layers: strip, x: Axis(), y: Axis(range: .fixed(0, 1)),
                    showLegend: false),
            ], layout: .vertical, weights: [3, 1], sharedX: true)
    }

    /// Training and validation losses, one panel per model; log y when every value is
    /// positive (or as `logScale` says). `references` draws a labelled line per model
    /// (e.g. the best achievable NLL); `titles` replaces a panel's title (e.g. to show the
    /// learning rate).
    public static func loss(
        _ series: [LossSeries], references: [LossModel: (value: Float, label: String)] = [:],
        logScale: Bool? = nil, titles: [LossModel: String] = [:]
    ) -> Figure {
        var panels: [Panel] = []
        for model in LossModel.allCases {
            let mine = series.filter { $0.model == model }
            guard !mine.isEmpty || references[model] != nil else { continue }
            var layers: [Layer] = mine.map { s in
                let xs = s.epochs ?? (0..<s.values.count).map { Float($0 + 1) }
                return .curve(xs: xs, ys: s.values, role: .loss(model: s.model, split: s.split), label: s.label)
            }
            if let r = references[model] { layers.append(.hline(y: r.value, role: .reference, label: r.label)) }
            let values = mine.flatMap(\.values).filter(\.isFinite) + (references[model].map { [$0.value] } ?? [])
            let log = logScale ?? (!values.isEmpty && values.allSatisfy { $0 > 0 })
            let title = titles[model] ?? (model == .mse ? "MSE model loss" : "MDN loss (NLL)")
            panels.append(
                Panel(
                    title: title, layers: layers,
                    x: Axis(label: "epoch"), y: Axis(scale: log ? .log10 : .linear, padding: 0.04)))
        }
        return Figure(panels: panels)
    }

    /// The figure for `view`; `components` is needed only by `.components`, `losses` by `.loss`.
    public static func figure(
        _ view: StandardView, data: SpiralFigureData, components: ComponentCurves? = nil,
        losses: [LossSeries] = []
    ) -> Figure {
        switch view {
        case .overlay: return overlay(data)
        case .sideBySide: return sideBySide(data)
        case .density: return density(data)
        case .components:
            return components.map { self.components(data, $0) } ?? overlay(data, title: "components unavailable")
        case .loss: return loss(losses)
        }
    }
}
