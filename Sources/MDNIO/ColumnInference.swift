import CSV
import SafeText

/// The x and y columns of a CSV file when they are obvious, for commands given no `--x`/`--y`.
///
/// Rules, in order: columns named `x` and `y` (any letter case, exactly one of each), or
/// else a file whose only numeric columns are two (the first is x, the second y). A column is
/// numeric when each of its cells in the first `previewRows` data rows is a number or a
/// missing-value marker and at least one is a number; the loader still checks every row. A
/// leading row-name column (an empty first header) is skipped, as the loader does. Anything
/// else is not obvious: `infer` returns nil and the command asks for `--x` and `--y`.
public struct ColumnInference: Sendable, Equatable {
    /// Data rows read to tell numeric columns from others.
    public static let previewRows = 1_000

    /// Why these columns were taken.
    public enum Reason: String, Sendable, Equatable {
        /// The header names them `x` and `y`.
        case named
        /// They are the file's only two numeric columns.
        case onlyNumeric
    }

    /// The x column's header name.
    public var xName: String
    /// The y column's header name.
    public var yName: String
    /// The x column's 1-based position (as `ColumnSelector.index` counts).
    public var xPosition: Int
    /// The y column's 1-based position.
    public var yPosition: Int
    /// Why.
    public var reason: Reason
    /// Whether another column has the x or y column's name (then select by position).
    var namesRepeat: Bool

    /// The selectors to load these columns with: by name, or by position where a name repeats.
    public var selectors: (x: ColumnSelector, y: ColumnSelector) {
        namesRepeat ? (.index(xPosition), .index(yPosition)) : (.name(xName), .name(yName))
    }

    /// The one line a command prints about the choice, e.g. `f.csv: no --x/--y given; using
    /// "x" (column 1) as x and "y" (column 2) as y, the columns named x and y`.
    public func note(path: String) -> String {
        let why = reason == .named ? "the columns named x and y" : "the file's only two numeric columns"
        return "\(SafeText.path(path)): no --x/--y given; using \(SafeText.quoted(xName)) (column \(xPosition)) as x "
            + "and \(SafeText.quoted(yName)) (column \(yPosition)) as y, \(why)"
    }

    /// The obvious columns of the CSV file at `path`, or nil if there are none (see the type's
    /// rules). Throws the loader's errors for a file it could not read at all.
    public static func infer(path: String) throws(CSVError) -> ColumnInference? {
        let (reader, stream) = try CSVLoader.open(path)
        defer { stream.close() }
        let first = reader.next()
        try CSVLoader.checkStreamError(reader, stream, path)
        guard let raw = first else { throw .empty(path: path) }
        let offset = raw.count >= 2 && CSVLoader.trimmed(raw[0]).isEmpty ? 1 : 0
        let header = raw.dropFirst(offset).map(CSVLoader.trimmed)
        var numbers = [Int](repeating: 0, count: header.count)
        var others = [Int](repeating: 0, count: header.count)
        var rows = 0
        while rows < previewRows, let row = reader.next() {
            if row.count == 1 && row[0].isEmpty && raw.count > 1 { continue }  // blank line
            rows += 1
            guard row.count == raw.count else { continue }  // the loader reports it
            for c in header.indices {
                let cell = CSVLoader.trimmed(row[c + offset])
                if DecimalNumber.read(cell) != .notANumber {  // the loader's number rule
                    numbers[c] += 1
                } else if !CSVLoader.isMissing(cell) {
                    others[c] += 1
                }
            }
        }
        try CSVLoader.checkStreamError(reader, stream, path)
        func result(_ x: Int, _ y: Int, _ reason: Reason) -> ColumnInference {
            ColumnInference(
                xName: header[x], yName: header[y], xPosition: x + 1, yPosition: y + 1, reason: reason,
                namesRepeat: header.filter { $0 == header[x] }.count > 1 || header.filter { $0 == header[y] }.count > 1)
        }
        let xs = header.indices.filter { header[$0].lowercased() == "x" }
        let ys = header.indices.filter { header[$0].lowercased() == "y" }
        if xs.count == 1 && ys.count == 1 { return result(xs[0], ys[0], .named) }
        let numeric = header.indices.filter { numbers[$0] > 0 && others[$0] == 0 }
        if numeric.count == 2 { return result(numeric[0], numeric[1], .onlyNumeric) }
        return nil
    }
}
