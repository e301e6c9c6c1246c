/// Whether an axis range comes from the data or is fixed.
public enum AxisRange: Hashable, Sendable {
    /// The union of the finite data of every layer (and of every panel, when shared).
    case auto
    /// A fixed interval; a zero-width interval is widened like an auto one.
    case fixed(Float, Float)
}

/// Linear or base-10 logarithmic axis.
public enum AxisScale: Hashable, Sendable {
    case linear
    /// Log scale: non-positive values are skipped and counted.
    case log10
}

/// One axis of a panel.
public struct Axis: Hashable, Sendable {
    /// The axis label ("" for none).
    public var label: String
    /// Auto or fixed range.
    public var range: AxisRange
    /// Linear or log.
    public var scale: AxisScale
    /// Extra room added to both ends of an auto range, as a fraction of its span (0 = none).
    public var padding: Float
    /// Creates an axis.
    public init(label: String = "", range: AxisRange = .auto, scale: AxisScale = .linear, padding: Float = 0) {
        self.label = label
        self.range = range
        self.scale = scale
        self.padding = padding
    }
}

/// One plot: title, axes, layers, legend.
public struct Panel: Sendable {
    /// The title shown centred above the plot ("" for none).
    public var title: String
    /// The layers (see `Layer` for the draw order).
    public var layers: [Layer]
    /// The horizontal axis.
    public var x: Axis
    /// The vertical axis.
    public var y: Axis
    /// Widen one range so one data unit is as long on screen in x as in y (a terminal cell
    /// counts as twice as tall as wide), so the spiral looks round.
    public var equalAspect: Bool
    /// Show a one-row legend of the labelled layers.
    public var showLegend: Bool

    /// Creates a panel.
    public init(title: String = "", layers: [Layer] = [], x: Axis = Axis(), y: Axis = Axis(),
                equalAspect: Bool = false, showLegend: Bool = true) {
        self.title = title
        self.layers = layers
        self.x = x
        self.y = y
        self.equalAspect = equalAspect
        self.showLegend = showLegend
    }
}

/// How panels are arranged.
public enum FigureLayout: Hashable, Sendable {
    /// Side by side, left to right.
    case horizontal
    /// Stacked, top to bottom.
    case vertical
}

/// Panels laid out side by side (or stacked), optionally with shared axis ranges.
public struct Figure: Sendable {
    /// The panels.
    public var panels: [Panel]
    /// Side by side or stacked.
    public var layout: FigureLayout
    /// Relative sizes along the layout direction (nil: equal).
    public var weights: [Int]?
    /// Auto x ranges are the union over all panels.
    public var sharedX: Bool
    /// Auto y ranges are the union over all panels.
    public var sharedY: Bool

    /// Creates a figure.
    public init(panels: [Panel], layout: FigureLayout = .horizontal, weights: [Int]? = nil,
                sharedX: Bool = false, sharedY: Bool = false) {
        precondition(weights == nil || weights!.count == panels.count, "Figure weights must match the panels")
        self.panels = panels
        self.layout = layout
        self.weights = weights
        self.sharedX = sharedX
        self.sharedY = sharedY
    }

    /// A figure of one panel.
    public init(_ panel: Panel) { self.init(panels: [panel]) }
}
