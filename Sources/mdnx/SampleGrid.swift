import ArgumentParser
import MDNCore
import MDNIO

/// `mdnx sample --grid START:END:N`: N evenly spaced x values from START to END, both ends
/// included (`SampleTable.grid`), read from the option's text.
struct SampleGrid: ExpressibleByArgument, Equatable {
    /// The option's text.
    let text: String
    /// The x values.
    let values: [Float]

    /// The grid `text` describes; throws `.notAGrid` unless it is START:END:N with START and
    /// END numbers under `DecimalNumber`'s rule and N in `SampleTable.gridCounts`.
    init(parsing text: String) throws(ArgumentValueError) {
        let ends = text.split(separator: ":", omittingEmptySubsequences: false).prefix(2)
        guard ends.allSatisfy({ if case .number = DecimalNumber.read($0) { true } else { false } }),
            let values = SampleTable.grid(text)
        else { throw .notAGrid }
        self.text = text
        self.values = values
    }

    /// The grid `argument` describes, or nil (see `init(parsing:)`).
    init?(argument: String) {
        guard let grid = try? SampleGrid(parsing: argument) else { return nil }
        self = grid
    }

    var defaultValueDescription: String { text }
}
