import TermPlot

/// A key press, decoded from the terminal.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    /// A printable character (including space).
    case character(Character)
    /// A control key: `.control("c")` is Ctrl-C.
    case control(Character)
    /// Escape.
    case escape
    /// Function key Fn.
    case function(Int)
    /// Home.
    case home
    /// End.
    case end
    /// The arrow keys; with Shift (`KEY_SLEFT`, `KEY_SRIGHT`) `far` is true.
    case left(far: Bool)
    /// The arrow keys; with Shift (`KEY_SLEFT`, `KEY_SRIGHT`) `far` is true.
    case right(far: Bool)

    /// How the key is written in the help and the hint bar.
    public var description: String {
        switch self {
        case .character(" "): "space"
        case .character(let c): String(c)
        case .control(let c): "Ctrl-\(c.uppercased())"
        case .escape: "Esc"
        case .function(let n): "F\(n)"
        case .home: "Home"
        case .end: "End"
        case .left(let far): far ? "Shift-Left" : "Left"
        case .right(let far): far ? "Shift-Right" : "Right"
        }
    }
}

/// Something that happened: the input to `update`.
public enum ExplorerEvent: Sendable, Equatable {
    /// The user pressed a key.
    case key(Key)
    /// Training published something (an epoch's snapshot, a model's start or end).
    case training(TrainingEvent)
    /// The clock reads `milliseconds` (monotonic); replay advances with it.
    case tick(milliseconds: Double)
    /// The terminal now has this size in cells.
    case resize(width: Int, height: Int)
    /// The mouse's first button was clicked (or pressed) on cell (`column`, `row`).
    case click(column: Int, row: Int)
    /// A frame was drawn: where the main plot's panels are on the screen and what they plot
    /// (screen cells; what Left/Right and a click map to x values with).
    case mainPlotDrawn([PlotRegion])
    /// An effect finished and has something to say (export paths, an error).
    case status(String)
    /// The animation export (`E`) wrote `frame` of `frames`.
    case animationProgress(frame: Int, frames: Int)
    /// The animation export ended; the text says what it wrote or why it failed.
    case animationFinished(String)
    /// The plot export (`e`) ended; the text says what it wrote or why it failed.
    case exportFinished(String)
}

/// Work that `update` asks the outside world to do.
public enum Effect: Sendable, Equatable {
    /// Restart the MDN with K components; the MSE model keeps training.
    case restartMDN(mixtures: Int)
    /// Restart both models from scratch with this seed.
    case restartAll(seed: UInt64)
    /// Pause training.
    case pause
    /// Resume training.
    case resume
    /// Export the current plot in these formats.
    case export([ExportFormat])
    /// Write the recorded training from the first epoch through timeline position `through`
    /// as an animation (GIF and asciicast), in the background.
    case exportAnimation(through: Int)
    /// Switch to theme `index`.
    case applyTheme(index: Int)
    /// Write the models as shown (the viewed epoch) as checkpoints, timestamped, never over a
    /// file that is there.
    case writeModels
    /// Stop training, restore the terminal, exit.
    case quit
}
