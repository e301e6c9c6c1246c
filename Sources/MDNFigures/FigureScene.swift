import TermPlot

/// Everything a figure of mdnx shows, as values: the data, the MSE curve, the MDN (its
/// mixtures at any x, its samples, the temperatures), and names. The explorer builds one
/// from its state and the newest snapshot, `mdnx plot` from checkpoints; the same scene and
/// resolution give the same Figure (see `StandardFigures`).
public struct FigureScene: Sendable {
    /// What the MDN contributes.
    public struct MDN: Sendable {
        /// Its mixture parameters at any x, or nil before its first epoch.
        public var mixtures: MixtureSource?
        /// Samples drawn from it (the caller's policy: the explorer draws two per mixture
        /// row, `mdnx plot` one per data x).
        public var samples: XYPoints
        /// The temperatures the samples were drawn with; the density and component views
        /// follow them too.
        public var temperatures: Temperatures
        /// A p(y|x) grid already computed for this scene (the explorer caches one per MDN
        /// epoch, size and temperatures); nil: the density view computes it.
        public var heatmap: Heatmap?

        /// Creates the MDN part.
        public init(
            mixtures: MixtureSource?, samples: XYPoints = .empty, temperatures: Temperatures = .neutral,
            heatmap: Heatmap? = nil
        ) {
            self.mixtures = mixtures
            self.samples = samples
            self.temperatures = temperatures
            self.heatmap = heatmap
        }
    }

    /// The data (ground truth).
    public var data: XYPoints
    /// The data's name for titles ("spiral", a CSV file name; "" for none).
    public var dataName: String
    /// Column names for the axis labels.
    public var xName: String
    /// Column names for the axis labels.
    public var yName: String
    /// Draw x and y to the same scale (round spiral). Only right when both columns share a
    /// unit, as on the built-in spiral; a user's columns keep their own ranges.
    public var equalAspect: Bool
    /// The MSE network's mean curve on an x grid, when the scene has that model (empty
    /// before it has trained).
    public var mse: XYPoints?
    /// The MDN, when the scene has one.
    public var mdn: MDN?
    /// How the main plot's axes are chosen.
    public var axisMode: AxisMode = .fitData
    /// Which series the main plot (overlay, density) shows.
    public var layers: FigureLayers = .all
    /// Whether the cells holding data may be tinted under the models (a faint backdrop that
    /// stays visible under the samples): true where backgrounds show as colours (exports,
    /// terminals with 256 colours or more), false where a background would be loud or lost.
    public var tints: Bool = true

    /// Creates a scene.
    public init(
        data: XYPoints, dataName: String = "", xName: String = "x", yName: String = "y", equalAspect: Bool = false,
        mse: XYPoints? = nil, mdn: MDN? = nil
    ) {
        self.data = data
        self.dataName = dataName
        self.xName = xName
        self.yName = yName
        self.equalAspect = equalAspect
        self.mse = mse
        self.mdn = mdn
    }

    /// The x interval the computed layers (p(y|x), component curves, `mdnx plot`'s MSE curve)
    /// span: the data's (a model says little beyond it).
    public var xRange: ClosedRange<Float> { Self.padded(data.xExtent, by: 0) }

    /// The y interval the density grid covers: the data's, 3% wider on each side (room for
    /// the density's tails without shrinking the picture).
    public var densityYRange: ClosedRange<Float> { Self.padded(data.yExtent, by: 0.03) }

    /// The data's x range with `AxisMode.margin` on each side: where the main plot's axes
    /// start (fit data) and where p(y|x) is drawn.
    public var xAxisRange: ClosedRange<Float> { Self.padded(data.xExtent, by: AxisMode.margin) }

    /// The data's y range with `AxisMode.margin` on each side.
    public var yAxisRange: ClosedRange<Float> { Self.padded(data.yExtent, by: AxisMode.margin) }

    /// `range` widened by `fraction` of its span on each side; an empty or one-point range
    /// becomes one unit wide.
    public static func padded(_ range: ClosedRange<Float>?, by fraction: Float) -> ClosedRange<Float> {
        guard let range else { return 0...1 }
        let span = range.upperBound - range.lowerBound
        guard span > 0 else { return (range.lowerBound - 0.5)...(range.upperBound + 0.5) }
        return (range.lowerBound - fraction * span)...(range.upperBound + fraction * span)
    }
}
