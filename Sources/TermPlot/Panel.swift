/// When a panel draws x and y to the same scale.
public enum AspectRule: Hashable, Sendable {
    /// Each axis fills its side.
    case free
    /// One data unit is as long in x as in y (one range is widened).
    case equal
    /// Equal, unless that leaves more than `maxUnused` (0...1) of the widened axis empty;
    /// then free. A round shape stays round where that costs little space.
    case equalIfCheap(maxUnused: Double)
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
    /// When to widen one range so one data unit is as long on screen in x as in y (a
    /// terminal cell counts as twice as tall as wide), so a circle looks round.
    public var aspect: AspectRule
    /// Show a one-row legend of the labelled layers.
    public var showLegend: Bool
    /// Lines of text below the legend (e.g. the numbers a plot stands for).
    public var notes: [String] = []

    /// Whether x and y are drawn to the same scale (`aspect` is not `.free`); setting it
    /// chooses `.equal` or `.free`.
    public var equalAspect: Bool {
        get { aspect != .free }
        set { aspect = newValue ? .equal : .free }
    }

    /// Creates a panel.
    public init(
        title: String = "", layers: [Layer] = [], x: Axis = Axis(), y: Axis = Axis(),
        equalAspect: Bool = false, showLegend: Bool = true
    ) {
        self.title = title
        self.layers = layers
        self.x = x
        self.y = y
        self.aspect = equalAspect ? .equal : .free
        self.showLegend = showLegend
    }
}

extension Panel {
    /// The panel with control characters in its title and axis labels replaced by visible
    /// escapes (`VisibleText`): what the renderers draw.
    var withVisibleText: Panel {
        var p = self
        p.title = VisibleText.escaped(title)
        p.x.label = VisibleText.escaped(x.label)
        p.y.label = VisibleText.escaped(y.label)
        p.notes = notes.map(VisibleText.escaped)
        return p
    }
}
