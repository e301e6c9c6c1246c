import ArgumentParser
import MDNFigures

/// `--view` for `mdnx explore` and `mdnx plot` alike: one type, so both accept exactly the
/// same names (the canonical ones, and the aliases such as `side`).
extension FigureView: ExpressibleByArgument {
    /// The view named `argument` (canonical or alias).
    public init?(argument: String) { self.init(name: argument) }

    /// The canonical names, for help and completion.
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
