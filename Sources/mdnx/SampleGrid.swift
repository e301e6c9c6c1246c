import ArgumentParser
import MDNCore

/// `mdnx sample --grid START:END:N`: N evenly spaced x values from START to END, both ends
/// included (`SampleTable.grid`), read from the option's text.
struct SampleGrid: ExpressibleByArgument, Equatable {
    /// The option's text.
    let text: String
    /// The x values.
    let values: [Float]

    /// The grid `text` describes; throws `.notAGrid` unless it is START:END:N with finite
    /// numbers and N in `SampleTable.gridCounts`.
    init(parsing text: String) throws(ArgumentValueError) {
        guard let values = SampleTable.grid(text) else { throw .notAGrid }
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
