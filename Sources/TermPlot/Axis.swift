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
