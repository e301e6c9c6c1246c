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
    /// counts as twice as tall as wide), so a circle looks round.
    public var equalAspect: Bool
    /// Show a one-row legend of the labelled layers.
    public var showLegend: Bool

    /// Creates a panel.
    public init(
        title: String = "", layers: [Layer] = [], x: Axis = Axis(), y: Axis = Axis(),
        equalAspect: Bool = false, showLegend: Bool = true
    ) {
        self.title = title
        self.layers = layers
        self.x = x
        self.y = y
        self.equalAspect = equalAspect
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
        return p
    }
}
