import SafeText

/// Why a CSV file could not be loaded; each description is one line that names the file
/// (and, where it applies, the line, column and value) and says what to do. Everything
/// echoed from the file or the command line goes through `SafeText` (control characters
/// escaped, long values cut, at most `SafeText.listLimit` column names listed).
public enum CSVError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The path does not exist.
    case noSuchFile(path: String)
    /// The path is a directory.
    case isDirectory(path: String)
    /// The file exists but could not be opened or read.
    case unreadable(path: String, reason: String)
    /// The file is not valid UTF-8 text.
    case notText(path: String)
    /// The file holds no bytes (or only blank lines).
    case empty(path: String)
    /// The first line is blank where the header (column names) should be.
    case blankHeader(path: String)
    /// Fewer usable data rows than training needs.
    case tooFewRows(path: String, rows: Int, dropped: Int, minimum: Int)
    /// A column selected by name is not in the header.
    case unknownColumn(path: String, name: String, available: [String], headerLooksNumeric: Bool)
    /// A column selected by position is past the last column (or 0).
    case columnOutOfRange(path: String, index: Int, available: [String])
    /// A name matches several columns.
    case duplicateColumn(path: String, name: String, indices: [Int])
    /// Digits that are both a position and another column's name.
    case ambiguousSelector(path: String, text: String, positionName: String, namedIndex: Int)
    /// The same column was chosen more than once (for example as both x and y).
    case columnSelectedTwice(path: String, name: String)
    /// A data row with a different number of fields than the header.
    case fieldCount(path: String, line: Int, fields: Int, expected: Int)
    /// A cell that is neither a number nor a missing-value marker.
    case notANumber(path: String, line: Int, column: String, value: String)
    /// An infinity (`inf`, `-Infinity`).
    case notFinite(path: String, line: Int, column: String, value: String)
    /// A number outside `DecimalNumber`'s range: above `DecimalNumber.largest` in magnitude,
    /// or (`tooSmall`) nonzero but rounded to 0 by float32.
    case outOfRange(path: String, line: Int, column: String, value: String, tooSmall: Bool)
    /// Rows with missing values, when dropping them was not asked for.
    case missingValues(path: String, rows: Int, firstLine: Int, column: String)

    public var description: String {
        switch self {
        case .noSuchFile(let path):
            return "\(p(path)): no such file"
        case .isDirectory(let path):
            return "\(p(path)): is a directory, not a CSV file"
        case .unreadable(let path, let reason):
            return "\(p(path)): cannot read: \(SafeText.echo(reason, limit: 200))"
        case .notText(let path):
            return "\(p(path)): not UTF-8 text (save the CSV as UTF-8)"
        case .empty(let path):
            return "\(p(path)): empty file (expected a header row of column names, then data rows)"
        case .blankHeader(let path):
            return "\(p(path)):1: blank line where the header row (column names) should be"
        case .tooFewRows(let path, let rows, let dropped, let minimum):
            let what: String
            switch rows {
            case 0: what = dropped > 0 ? "no data rows" : "no data rows after the header"
            case 1: what = "only 1 data row"
            default: what = "only \(rows) data rows"
            }
            let after = dropped > 0 ? " left after dropping \(dropped) with missing values" : ""
            let need =
                minimum == CSVLoader.minimumRows ? "training needs at least \(minimum)" : "need at least \(minimum)"
            return "\(p(path)): \(what)\(after); \(need)"
        case .unknownColumn(let path, let name, let available, let numeric):
            let hint = numeric ? " (the first line looks like numbers: the file needs a header row)" : ""
            return "\(p(path)): no column named \(quoted(name)); available columns: "
                + "\(CSVError.list(available))\(hint)"
        case .columnOutOfRange(let path, let index, let available):
            if index == 0 {
                return "\(p(path)): there is no column 0 (columns are numbered from 1); available columns: "
                    + CSVError.list(available)
            }
            let n = available.count
            return "\(p(path)): there is no column \(index): the file has \(n) column\(n == 1 ? "" : "s"): "
                + CSVError.list(available)
        case .duplicateColumn(let path, let name, let indices):
            let positions = SafeText.list(indices) { _, i in String(i) }
            return "\(p(path)): several columns are named \(quoted(name)) (columns \(positions)); "
                + "select one by position instead"
        case .ambiguousSelector(let path, let text, let positionName, let namedIndex):
            return "\(p(path)): column \(quoted(text)) is ambiguous: column \(text) is \(quoted(positionName)) "
                + "but column \(namedIndex) is named \(quoted(text)); write name:\(text) for column "
                + "\(namedIndex), or \(SafeText.echo(positionName)) for column \(text)"
        case .columnSelectedTwice(let path, let name):
            return "\(p(path)): column \(quoted(name)) is selected more than once; inputs and targets "
                + "must be different columns"
        case .fieldCount(let path, let line, let fields, let expected):
            return "\(p(path)):\(line): \(fields) field\(fields == 1 ? "" : "s") but the header has \(expected)"
        case .notANumber(let path, let line, let column, let value):
            // Text Swift would read (hexadecimal like 0x1p3) gets the rule spelled out.
            let hint = value.utf8.count < 100 && Float(value) != nil ? " (mdnx reads decimal numbers only)" : ""
            return "\(p(path)):\(line): column \(quoted(column)): \(quoted(value)) is not a number\(hint)"
        case .notFinite(let path, let line, let column, let value):
            return "\(p(path)):\(line): column \(quoted(column)): \(quoted(value)) is not a finite number"
        case .outOfRange(let path, let line, let column, let value, let tooSmall):
            let why =
                tooSmall
                ? "is too close to 0 for float32 (it would read as 0; the smallest is 1.4e-45)"
                : "is too large (mdnx reads numbers up to 1e36 in magnitude, so that scaling and plotting stay finite)"
            return "\(p(path)):\(line): column \(quoted(column)): \(quoted(value)) \(why)"
        case .missingValues(let path, let rows, let firstLine, let column):
            let rowsText = rows == 1 ? "1 row has a missing value" : "\(rows) rows have missing values"
            return "\(p(path)): \(rowsText) (first: line \(firstLine), column \(quoted(column))); "
                + "pass --drop-missing to skip such rows"
        }
    }

    /// `"x" (1), "y" (2)`: names with their positions, at most `SafeText.listLimit` of them.
    private static func list(_ names: [String]) -> String {
        SafeText.list(names) { i, name in "\(quoted(name)) (\(i + 1))" }
    }
}

/// A value from the input in double quotes, escaped and cut (`SafeText.quoted`).
private func quoted(_ text: String) -> String { SafeText.quoted(text) }

/// A path from the command line, escaped and cut (`SafeText.path`).
private func p(_ path: String) -> String { SafeText.path(path) }
