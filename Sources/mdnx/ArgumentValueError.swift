import MDNCore

/// Why an option's value could not be read. ArgumentParser prints the description after
/// "The value 'VALUE' is invalid for '--option <option>': ", so the whole message is one line
/// naming the option, the value and what is wrong with it.
enum ArgumentValueError: Error, CustomStringConvertible, Equatable {
    /// Not START:END:N with finite START and END and N in `SampleTable.gridCounts`.
    case notAGrid
    /// A name that is not an export format.
    case unknownExportFormat(String)
    /// No format named at all (e.g. ",").
    case noExportFormat
    /// Not A:B, A: or :B with whole numbers 1 <= A <= B.
    case notAnEpochRange

    var description: String {
        switch self {
        case .notAGrid:
            let counts = SampleTable.gridCounts
            return
                "expected START:END:N with decimal numbers START, END (at most 1e36 in magnitude) and a count N from \(counts.lowerBound) "
                + "to \(counts.upperBound), e.g. 0:5:200"
        case .unknownExportFormat(let name):
            return "unknown format '\(name)' (\(ExportFormatList.names))"
        case .noExportFormat:
            return "give at least one format (\(ExportFormatList.names))"
        case .notAnEpochRange:
            return "expected FIRST:LAST epochs (1-based, FIRST <= LAST), FIRST: or :LAST, e.g. 1:50"
        }
    }
}
