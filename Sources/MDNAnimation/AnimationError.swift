import SafeIO
import TermPlot
import TermPlotGIF

/// Why an animation was not written; the description is one readable line.
public enum AnimationError: Error, CustomStringConvertible, Equatable {
    /// The caller cancelled it (nothing was written).
    case cancelled
    /// There is nothing to animate (no recorded epoch in the range).
    case noFrames(reason: String)
    /// The range of epochs asked for is not in the recording.
    case epochRange(first: Int, last: Int, available: Int)
    /// Drawing a frame failed (cairo).
    case raster(ExportError)
    /// Encoding the GIF failed (giflib).
    case gif(GIFError)
    /// Writing a file failed (exists without overwrite, no directory, ...).
    case write(FileWriteError)
    /// The output's extension is neither `.gif` nor `.cast`.
    case unknownExtension(path: String)

    public var description: String {
        switch self {
        case .cancelled: return "animation cancelled; nothing written"
        case .noFrames(let reason): return "nothing to animate: \(reason)"
        case .epochRange(let first, let last, let available):
            return available == 0
                ? "epochs \(first):\(last): the recording has no epochs"
                : "epochs \(first):\(last) are not in the recording (epochs 1 to \(available))"
        case .raster(let e): return e.description
        case .gif(let e): return e.description
        case .write(let e): return e.description
        case .unknownExtension(let path): return "\(path): an animation is written as .gif or .cast"
        }
    }
}
