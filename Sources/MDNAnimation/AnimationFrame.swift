import TermPlot

/// One frame of an animation, in both of its forms: the figure re-plotted at vector quality
/// (GIF) and the terminal screen as cells (asciicast), shown for `duration` seconds.
public struct AnimationFrame: Sendable {
    /// The picture for raster output, drawn at the animation's pixel size.
    public var figure: Figure
    /// The terminal screen, exactly the recording's size in cells.
    public var screen: CellGrid
    /// How long the frame shows, in seconds.
    public var duration: Double

    /// A frame.
    public init(figure: Figure, screen: CellGrid, duration: Double) {
        precondition(duration > 0 && duration.isFinite, "a frame shows for a positive time")
        self.figure = figure
        self.screen = screen
        self.duration = duration
    }
}
