import TermPlot
import Themes

/// What reading the keyboard produced.
public enum ScreenInput: Equatable, Sendable {
    /// A key press.
    case key(Key)
    /// The terminal now has this size in cells.
    case resize(width: Int, height: Int)
    /// The mouse's first button was clicked on cell (`column`, `row`).
    case click(column: Int, row: Int)
}

/// The explorer's I/O edge: where frames are drawn and keys come from. `NcursesScreen` is the
/// terminal; tests drive the loop through an in-memory screen (keys in, frames out), as
/// swift-nio's EmbeddedChannel stands in for a socket.
public protocol Screen: AnyObject {
    /// The size in cells.
    var size: (width: Int, height: Int) { get }
    /// Waits up to `milliseconds` for a key or a resize; nil on timeout.
    func read(timeout milliseconds: Int) -> ScreenInput?
    /// Shows one frame.
    func draw(_ grid: CellGrid)
    /// The colours the screen shows (tints of the cells holding data need 256 or more).
    var depth: ColorDepth { get }
    /// Switches the colour theme for the next frames.
    func setTheme(_ theme: Theme)
    /// Gives the terminal back (idempotent).
    func end()
}
