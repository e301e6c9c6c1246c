import MDNCore
import TermPlot

/// The views `mdnx plot` draws (the explorer's, without the loss view: checkpoints keep no history).
enum PlotView: String, CaseIterable {
    case overlay
    case sideBySide = "side-by-side"
    case density
    case components
}

/// Why a plot cannot be drawn from what was given; one line.
struct PlotError: Error, CustomStringConvertible, Equatable {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Everything `mdnx plot` draws, computed from the data and the models; pure (no I/O).
struct PlotScene {
    /// Points on the x grid used for the MSE curve and the component curves.
    static let curvePoints = 200
    /// Density grid size (columns along x, rows along y).
    static let densityColumns = 240
    static let densityRows = 240

    /// Data, MSE curve, MDN samples, and the p(y|x) grid when an MDN is given.
    var data: SpiralFigureData
    /// mu_k(x) and pi_k(x) on the x grid, when an MDN is given.
    var components: ComponentCurves?
    var hasMSE: Bool
    var hasMDN: Bool

    /// Builds the scene. `mse` maps x values to predictions, `mdn` to (already tempered)
    /// mixtures; samples are one draw per data x, as in the tutorial's last figure.
    init(
        xs: [Float], ys: [Float], xName: String, yName: String, equalAspect: Bool = false,
        mse: (([Float]) -> [Float])?, mdn: (([Float]) -> MixtureBatch)?,
        rng: inout SeededRNG
    ) {
        precondition(xs.count == ys.count && !xs.isEmpty, "plot needs at least one point")
        let finite = xs.indices.filter { xs[$0].isFinite && ys[$0].isFinite }
        let xLow = finite.map { xs[$0] }.min() ?? 0
        let xHigh = finite.map { xs[$0] }.max() ?? 1
        let yLow = finite.map { ys[$0] }.min() ?? 0
        let yHigh = finite.map { ys[$0] }.max() ?? 1
        let xSpan = xHigh > xLow ? xHigh - xLow : 1
        let ySpan = yHigh > yLow ? yHigh - yLow : 1
        let xRange = xHigh > xLow ? xLow...xHigh : (xLow - 0.5)...(xHigh + 0.5)
        let grid = (0..<Self.curvePoints).map { xRange.lowerBound + Float($0) * xSpan / Float(Self.curvePoints - 1) }

        var d = SpiralFigureData(truthX: xs, truthY: ys, xName: xName, yName: yName, equalAspect: equalAspect)
        if let mse {
            d.mseX = grid
            d.mseY = mse(grid)
        }
        if let mdn {
            // Samples at the data's x values.
            let batch = mdn(xs)
            d.sampleX = xs
            d.sampleY = (try? batch.samples(perRow: 1, rng: &rng)) ?? []
            // p(y|x) over the data's extent, with some room above and below.
            let yRange = (yLow - 0.1 * ySpan)...(yHigh + 0.1 * ySpan)
            let columnX = PlotDensityGrid.centres(xRange, Self.densityColumns)
            d.heatmap = PlotDensityGrid.heatmap(mdn(columnX), rows: Self.densityRows, xRange: xRange, yRange: yRange)
            // Component means and weights on the curve grid.
            let g = mdn(grid)
            let layout = g.layout
            let k = layout.components
            let weights = try! g.weights()  // temperature 1 is always valid
            var mu = [[Float]](repeating: [Float](repeating: 0, count: grid.count), count: k)
            var pi = mu
            for i in 0..<grid.count {
                for c in 0..<k {
                    mu[c][i] = g.rows[i * layout.width + layout.mu(c)]
                    pi[c][i] = weights[i * k + c]
                }
            }
            components = ComponentCurves(xs: grid, mu: mu, pi: pi)
        }
        data = d
        hasMSE = mse != nil
        hasMDN = mdn != nil
    }

    /// The figure for `view`. Views that need an MDN throw when there is none.
    func figure(_ view: PlotView) throws(PlotError) -> Figure {
        switch view {
        case .overlay:
            let title: String
            switch (hasMSE, hasMDN) {
            case (true, true): title = "data, MSE mean and MDN samples"
            case (true, false): title = "data and MSE mean"
            case (false, true): title = "data and MDN samples"
            case (false, false): title = "data"
            }
            return Self.pruned(StandardFigures.overlay(data, title: title))
        case .sideBySide:
            var f = StandardFigures.sideBySide(data)
            // Panels: ground truth | MSE prediction | MDN samples; keep those we can fill.
            var keep = [0]
            if hasMSE { keep.append(1) }
            if hasMDN { keep.append(2) }
            f.panels = keep.map { f.panels[$0] }
            return Self.pruned(f)
        case .density:
            guard hasMDN else { throw PlotError("--view density needs an mdn model (--model FILE)") }
            return Self.pruned(StandardFigures.density(data))
        case .components:
            guard hasMDN, let components else { throw PlotError("--view components needs an mdn model (--model FILE)") }
            return Self.pruned(StandardFigures.components(data, components))
        }
    }

    /// `figure` without empty point and curve layers (so the legend lists only what is drawn).
    static func pruned(_ figure: Figure) -> Figure {
        var f = figure
        for i in f.panels.indices {
            f.panels[i].layers.removeAll { layer in
                switch layer {
                case .points(let xs, _, _, _, _), .curve(let xs, _, _, _), .density(let xs, _, _, _): return xs.isEmpty
                default: return false
                }
            }
        }
        return f
    }
}
