import TermPlot

/// One frame of an animation, in both of its forms: the figure re-plotted at vector quality
/// (GIF) and the terminal screen as cells (asciicast), shown for `duration` seconds.
public struct AnimationFrame: Sendable {
    /// The picture for raster output, drawn at the animation's pixel size.
    public var figure: Figure
    /// Drawn below `figure` in raster output, in a quarter of the height: the loss curves so
    /// far, as the terminal screen shows them (nil: `figure` takes the whole picture).
    public var strip: Figure?
    /// The terminal screen, exactly the recording's size in cells.
    public var screen: CellGrid
    /// How long the frame shows, in seconds.
    public var duration: Double

    /// A frame.
    public init(figure: Figure, strip: Figure? = nil, screen: CellGrid, duration: Double) {
        precondition(duration > 0 && duration.isFinite, "a frame shows for a positive time")
        self.figure = figure
        self.strip = strip
        self.screen = screen
        self.duration = duration
    }
}
