import MDNCore
import MDNFigures
import TermPlot

/// What `mdnx plot` draws, computed from the data and the models: a `FigureScene` for the
/// shared figure builder (the explorer's too). Pure: no I/O.
struct PlotScene {
    /// Points on the x grid of the MSE curve.
    static let curvePoints = 200

    /// The scene: data, the MSE curve on an even grid over the data's x range, and the MDN
    /// (its mixtures, one sample per data x, the temperatures).
    var scene: FigureScene

    /// Builds the scene. `mse` maps x values to predictions; `mdn` gives the MDN's mixtures
    /// (untempered: the figures apply `temperatures`); samples are one draw per data x, as in
    /// the tutorial's last figure.
    init(
        data: XYPoints, dataName: String, xName: String, yName: String, equalAspect: Bool = false,
        mse: (([Float]) -> [Float])?, mdn: MixtureSource?, temperatures: Temperatures = .neutral,
        rng: inout SeededRNG
    ) {
        precondition(!data.isEmpty, "plot needs at least one point")
        var s = FigureScene(data: data, dataName: dataName, xName: xName, yName: yName, equalAspect: equalAspect)
        if let mse {
            let range = s.xRange
            let span = range.upperBound - range.lowerBound
            let grid = (0..<Self.curvePoints).map { range.lowerBound + Float($0) * span / Float(Self.curvePoints - 1) }
            s.mse = XYPoints(xs: grid, ys: mse(grid))
        }
        if let mdn {
            let ys = temperatures.samples(mdn.mixtures(at: data.xs), rng: &rng)
            s.mdn = FigureScene.MDN(
                mixtures: mdn, samples: XYPoints(xs: data.xs, ys: ys), temperatures: temperatures)
        }
        scene = s
    }

    /// The figure for `view` at `resolution`, with the slice inspector at `inspector` when
    /// given; views that draw the MDN throw without one.
    func figure(_ view: FigureView, resolution: FigureResolution = .vector, inspector: Float? = nil) throws(PlotError)
        -> Figure
    {
        if view.needsMDN && scene.mdn == nil { throw .viewNeedsMDN(view) }
        return StandardFigures.figure(view, scene, resolution: resolution, inspector: inspector)
    }
}
