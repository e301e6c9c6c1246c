import MDNFigures

/// Why `mdnx plot` cannot draw what was asked; the description is one line.
enum PlotError: Error, CustomStringConvertible, Equatable {
    /// `--width` or `--height` outside what the output can take (`unit`: cells or pixels;
    /// `target`: ".svg", "the terminal", ...).
    case sizeOutOfRange(option: String, value: Int, minimum: Int, maximum: Int, unit: String, target: String)
    /// A checkpoint whose model does not map one x to one y.
    case notOneXOneY(path: String, inputs: Int, outputs: Int)
    /// Two checkpoints of the same kind (`kind`: "mse" or "mdn").
    case twoModelsOfOneKind(kind: String, first: String, second: String)
    /// A view that draws the MDN, without an mdn checkpoint.
    case viewNeedsMDN(FigureView)

    var description: String {
        switch self {
        case .sizeOutOfRange(let option, let value, let minimum, let maximum, let unit, let target):
            return "\(option) must be from \(minimum) to \(maximum) \(unit) for \(target), got \(value)"
        case .notOneXOneY(let path, let inputs, let outputs):
            return "\(path): plot draws one x and one y; this model takes \(inputs) "
                + "input(s) and predicts \(outputs) output(s)"
        case .twoModelsOfOneKind(let kind, let first, let second):
            return "\(first) and \(second) are both \(kind) models; give at most one mse and one mdn model"
        case .viewNeedsMDN(let view):
            return "--view \(view.rawValue) needs an mdn model (--model FILE)"
        }
    }
}
