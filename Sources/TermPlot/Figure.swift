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
    public init(
        panels: [Panel], layout: FigureLayout = .horizontal, weights: [Int]? = nil,
        sharedX: Bool = false, sharedY: Bool = false
    ) {
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
