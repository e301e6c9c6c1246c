import MDNCore
import TermPlot

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The slice inspector: the MDN's answer at one x, p(y | x0), drawn along y beside the main
/// plot (Bishop's p(t|x) figures, Edward's `plot_normal_mix`): the mixture density as a
/// curve, each component's pi_k N(mu_k, sigma_k) under it, the MSE prediction at x0 as a
/// marker, and a histogram of the data with x near x0; below it x0, the mean, the standard
/// deviation, the modes and the largest weight. Pure: the explorer and `mdnx plot --inspect`
/// build it from a `FigureScene`.
public struct SliceInspector: Sendable {
    /// The x of the slice.
    public var x0: Float
    /// The numbers (nil when the scene has no mixtures yet).
    public var summary: SliceSummary?
    /// The MSE prediction at x0, when the scene has an MSE curve.
    public var msePrediction: Float?
    /// Data points with |x - x0| <= `window`.
    public var nearCount: Int
    /// Half-width of the x window the histogram takes its data from.
    public var window: Float
    /// The panel.
    public var panel: Panel

    /// Points along y the curves are evaluated at.
    public static let curvePoints = 241
    /// Histogram bins over the y axis.
    public static let bins = 24
    /// Components drawn under the mixture: the largest weights (a curve for each of K = 64
    /// small components would hide the mixture).
    public static let drawnComponents = 12

    /// The inspector for `scene` at `x0`, on the y range `yRange` (the main plot's), taking
    /// the histogram's data from |x - x0| <= `window` (default: 2% of the data's x span).
    public init(_ scene: FigureScene, x0: Float, yRange: ClosedRange<Float>, window: Float? = nil) {
        self.x0 = x0
        let span = (scene.data.xExtent.map { $0.upperBound - $0.lowerBound } ?? 1)
        let w = window ?? max(span * 0.02, 1e-6)
        self.window = w
        var summary: SliceSummary? = nil
        if let mdn = scene.mdn, let source = mdn.mixtures {
            summary = SliceSummary(x: x0, mixture: mdn.temperatures.temper(source.mixtures(at: [x0]))[0])
        }
        self.summary = summary
        msePrediction = scene.mse.flatMap { Self.interpolate($0, at: x0) }

        // The histogram of the data near x0, as a density (count / (n * bin width)), so it
        // reads on the same scale as p(y|x0).
        let lo = yRange.lowerBound
        let hi = yRange.upperBound
        let binWidth = (hi - lo) / Float(Self.bins)
        var counts = [Float](repeating: 0, count: Self.bins)
        var near = 0
        for i in scene.data.xs.indices where abs(scene.data.xs[i] - x0) <= w {
            let y = scene.data.ys[i]
            guard y.isFinite else { continue }
            near += 1
            guard y >= lo && y <= hi else { continue }
            counts[min(Self.bins - 1, Int((y - lo) / binWidth))] += 1
        }
        nearCount = near
        let scale = near > 0 && binWidth > 0 ? 1 / (Float(near) * binWidth) : 0
        let edges = (0...Self.bins).map { lo + Float($0) * binWidth }
        let histogram = counts.map { $0 * scale }

        var layers: [Layer] = []
        if near > 0 {
            var style = FigureRole.backdrop.style
            style.opacity = 0.5
            layers.append(.bars(Bars(edges: edges, values: histogram, style: style, label: "data near x0")))
        }
        let ys = (0..<Self.curvePoints).map { lo + (hi - lo) * Float($0) / Float(Self.curvePoints - 1) }
        var top = histogram.max() ?? 0
        if let summary {
            let n = summary.components.count
            let largest = summary.largest.weight
            for (rank, c) in summary.components.prefix(Self.drawnComponents).enumerated() where c.weight > 1e-4 {
                let xs = ys.map { Float(c.weight * Self.gaussian(Double($0), c.mean, c.sigma)) }
                let level = UInt8(
                    max(
                        0,
                        min(Int(FigureRole.topLevel), Int(c.weight / max(largest, 1e-12) * Double(FigureRole.topLevel)))
                    ))
                var style = FigureRole.component(rank: rank, of: n, level: level).style
                style.pattern = .solid
                layers.append(.curve(xs: xs, ys: ys, style: style, label: rank == 0 ? "components" : nil))
            }
            let density = ys.map { Float(summary.density(at: Double($0))) }
            top = max(top, density.max() ?? 0)
            layers.append(.curve(xs: density, ys: ys, style: FigureRole.mdnSamples.style, label: "p(y|x0)"))
        }
        if let m = msePrediction {
            var style = FigureRole.mseCurve.style
            style.pattern = .dashed
            layers.append(.hline(y: m, style: style, label: "MSE " + Self.number(Double(m))))
        }
        let xMax = top > 0 ? top * 1.08 : 1
        var panel = Panel(
            title: "p(\(scene.yName) | \(scene.xName) = \(Self.number(Double(x0))))",
            layers: layers, x: Axis(label: "density", range: .fixed(0, xMax)),
            y: Axis(label: scene.yName, range: .fixed(lo, hi)))
        panel.notes = Self.notes(summary, x0: x0, mdn: scene.mdn)
        self.panel = panel
    }

    /// The text below the panel: x0 and the temperatures, mean and std, the modes, the
    /// largest weight.
    static func notes(_ summary: SliceSummary?, x0: Float, mdn: FigureScene.MDN?) -> [String] {
        let t = mdn.map { "  " + $0.temperatures.label } ?? ""
        guard let s = summary else {
            return ["x0 \(number(Double(x0)))\(t)", mdn == nil ? "no MDN" : "waiting for the first MDN epoch"]
        }
        let modes = s.modes.map { number($0.y) }.joined(separator: " ")
        let top = s.largest
        return [
            "x0 \(number(Double(x0)))  mean \(number(s.mean))  std \(number(s.std))\(t)",
            "modes (\(s.modes.count)): \(modes)",
            "largest pi \(number(top.weight)): mu \(number(top.mean)), sigma \(number(top.sigma))",
        ]
    }

    /// N(y; mu, sigma).
    static func gaussian(_ y: Double, _ mu: Double, _ sigma: Double) -> Double {
        let z = (y - mu) / sigma
        return exp(-0.5 * z * z) / (sigma * (2 * Double.pi).squareRoot())
    }

    /// A number with three significant digits.
    public static func number(_ v: Double) -> String { TickFormat.significant(v, digits: 3) }

    /// The curve's y at `x` by linear interpolation (nil when empty; clamped at the ends).
    static func interpolate(_ curve: XYPoints, at x: Float) -> Float? {
        let xs = curve.xs
        let ys = curve.ys
        guard !xs.isEmpty else { return nil }
        if x <= xs[0] { return ys[0] }
        guard let j = xs.firstIndex(where: { $0 >= x }) else { return ys[ys.count - 1] }
        let a = xs[j - 1]
        let b = xs[j]
        guard b > a else { return ys[j] }
        return ys[j - 1] + (ys[j] - ys[j - 1]) * (x - a) / (b - a)
    }
}
