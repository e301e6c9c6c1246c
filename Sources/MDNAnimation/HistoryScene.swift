import MDNCore
import MDNFigures

/// The data a recorded training is drawn over, with its names for titles and axes.
public struct AnimationData: Sendable {
    /// The points (data units).
    public var points: XYPoints
    /// The data's name for titles ("spiral", a CSV file name).
    public var name: String
    /// Column names for the axis labels.
    public var xName: String
    /// Column names for the axis labels.
    public var yName: String
    /// Draw x and y to the same scale (the built-in spiral).
    public var equalAspect: Bool

    /// The data.
    public init(points: XYPoints, name: String, xName: String = "x", yName: String = "y", equalAspect: Bool = false) {
        self.points = points
        self.name = name
        self.xName = xName
        self.yName = yName
        self.equalAspect = equalAspect
    }
}

/// One moment of a recorded training as a `FigureScene`: both models as they were after a
/// given epoch, evaluated from their recorded weights, as `mdnx plot` draws a checkpoint (the
/// MSE curve on an even grid over the data's x range, one MDN sample per data x).
///
/// Samples are drawn with the same seed at every epoch, so from one frame to the next they
/// move only as much as the model does.
public enum HistoryScene {
    /// Points on the x grid of the MSE curve.
    public static let curvePoints = 200

    /// The epoch of `timeline` shown at `position` (1-based, on the longer timeline's scale):
    /// `position` itself, or the timeline's last epoch when it ended earlier.
    public static func epoch(of timeline: ModelTimeline, at position: Int) -> Int {
        min(max(0, position), timeline.count)
    }

    /// The scene after `position` epochs of `history`, over `data`, with `temperatures`.
    public static func scene(
        _ history: TrainingHistory, position: Int, data: AnimationData, temperatures: Temperatures = .neutral,
        seed: UInt64 = 42
    ) -> FigureScene {
        var s = FigureScene(
            data: data.points, dataName: data.name, xName: data.xName, yName: data.yName,
            equalAspect: data.equalAspect)
        if let mse = history.mse {
            let epoch = epoch(of: mse, at: position)
            let range = s.xRange
            let span = range.upperBound - range.lowerBound
            let grid = (0..<curvePoints).map { range.lowerBound + Float($0) * span / Float(curvePoints - 1) }
            s.mse = XYPoints(xs: grid, ys: mse.curve(atEpoch: epoch, x: grid))
        }
        if let mdn = history.mdn, let layout = mdn.template.layout {
            let epoch = epoch(of: mdn, at: position)
            let network = mdn.network(atEpoch: epoch).network
            let normalizer = mdn.normalizer
            let source = MixtureSource.function(layout: layout) { xs in
                normalizer.denormalize(MixtureBatch(layout: layout, rows: network.predict(normalizer.normalizeX(xs))))
            }
            var rng = SeededRNG(seed: seed)
            let ys = temperatures.samples(source.mixtures(at: data.points.xs), rng: &rng)
            s.mdn = FigureScene.MDN(
                mixtures: source, samples: XYPoints(xs: data.points.xs, ys: ys), temperatures: temperatures)
        }
        return s
    }
}
