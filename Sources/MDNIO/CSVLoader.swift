import CSV
import Foundation
import MDNCore

/// What `CSVLoader.read` produced, with the figures a command reports (rows, rows/s).
public struct CSVLoadReport: Sendable {
    /// The selected columns as a data set (x and y names from the header).
    public let dataset: Dataset
    /// Data rows seen (blank lines and the header not counted).
    public let rowsRead: Int
    /// Rows skipped because a selected cell was missing (only with `dropMissing`).
    public let rowsDropped: Int
    /// Whether a leading row-name column was detected and skipped.
    public let skippedRowNames: Bool
    /// Wall-clock seconds spent reading and parsing.
    public let seconds: Double

    /// Data rows read per second.
    public var rowsPerSecond: Double { seconds > 0 ? Double(rowsRead) / seconds : .infinity }
}

/// Selected numeric columns of a CSV file, row-major, with reading figures.
public struct CSVColumns: Sendable {
    /// The selected columns' header names, in selection order.
    public let names: [String]
    /// `count * names.count` values, row-major.
    public let values: [Float]
    /// Data rows seen (blank lines and the header not counted).
    public let rowsRead: Int
    /// Rows skipped because a selected cell was missing (only with `dropMissing`).
    public let rowsDropped: Int
    /// Whether a leading row-name column was detected and skipped.
    public let skippedRowNames: Bool
    /// Wall-clock seconds spent reading and parsing.
    public let seconds: Double

    /// Rows kept.
    public var count: Int { values.count / max(names.count, 1) }
    /// Data rows read per second.
    public var rowsPerSecond: Double { seconds > 0 ? Double(rowsRead) / seconds : .infinity }
}

/// Loads numeric columns from a CSV file into a `Dataset`, streaming it row by row.
///
/// Rules: the first line is a header of column names (quoted or not); a UTF-8 byte-order
/// mark and CRLF line ends are accepted; blank lines are skipped; a leading row-name column
/// (an empty first header, as R's `write.csv` and pandas' `to_csv` write) is skipped; cells
/// may be quoted and may have surrounding spaces. Numbers follow `DecimalNumber`'s rule
/// (decimal only; `0x1p3`, `inf` and values that float32 would round to 0, like `1e-50`, or
/// that exceed 1e36 in magnitude are errors naming the line, column and cell). Missing
/// values are empty cells and `NA`, `N/A`, `NaN`, `null`, `None` (any letter case): `NaN`
/// is how pandas writes a missing value; only the selected columns are checked.
/// A data row must have as many fields as the header. Line numbers in errors are physical
/// lines of the file (the header is line 1), counting line breaks inside quoted fields.
public enum CSVLoader {
    /// The fewest usable data rows `load` accepts: fewer cannot be split into training and
    /// validation data in any useful way.
    public static let minimumRows = 10

    /// Loads columns `x` (inputs) and `y` (targets) from the CSV file at `path`.
    /// Rows with a missing selected value are an error unless `dropMissing` is true.
    public static func load(
        path: String, x: [ColumnSelector], y: [ColumnSelector],
        dropMissing: Bool = false, minimumRows: Int = CSVLoader.minimumRows
    )
        throws(CSVError) -> Dataset
    {
        try read(path: path, x: x, y: y, dropMissing: dropMissing, minimumRows: minimumRows).dataset
    }

    /// Loads one input column and one target column (see `load(path:x:y:dropMissing:minimumRows:)`).
    public static func load(
        path: String, x: ColumnSelector, y: ColumnSelector,
        dropMissing: Bool = false, minimumRows: Int = CSVLoader.minimumRows
    )
        throws(CSVError) -> Dataset
    {
        try load(path: path, x: [x], y: [y], dropMissing: dropMissing, minimumRows: minimumRows)
    }

    /// Loads columns like `load`, and also reports rows read, rows dropped and time taken.
    public static func read(
        path: String, x: [ColumnSelector], y: [ColumnSelector],
        dropMissing: Bool = false, minimumRows: Int = CSVLoader.minimumRows
    )
        throws(CSVError) -> CSVLoadReport
    {
        precondition(!x.isEmpty && !y.isEmpty, "select at least one x and one y column")
        let table = try readColumns(path: path, columns: x + y, dropMissing: dropMissing, minimumRows: minimumRows)
        let width = table.names.count
        let dx = x.count
        let dy = y.count
        var xs = [Float]()
        var ys = [Float]()
        xs.reserveCapacity(table.count * dx)
        ys.reserveCapacity(table.count * dy)
        for r in 0..<table.count {
            xs.append(contentsOf: table.values[(r * width)..<(r * width + dx)])
            ys.append(contentsOf: table.values[(r * width + dx)..<((r + 1) * width)])
        }
        let dataset = Dataset(
            x: xs, y: ys, inputDimension: dx, outputDimension: dy,
            xNames: Array(table.names.prefix(dx)), yNames: Array(table.names.suffix(dy)))
        return CSVLoadReport(
            dataset: dataset, rowsRead: table.rowsRead, rowsDropped: table.rowsDropped,
            skippedRowNames: table.skippedRowNames, seconds: table.seconds)
    }

    /// Reads the selected numeric `columns` (no x/y split), e.g. the inputs to predict at.
    /// Same rules and errors as `load`.
    public static func readColumns(
        path: String, columns: [ColumnSelector], dropMissing: Bool = false,
        minimumRows: Int = CSVLoader.minimumRows
    ) throws(CSVError) -> CSVColumns {
        precondition(!columns.isEmpty, "select at least one column")
        let start = ContinuousClock.now
        let (reader, stream) = try open(path)
        defer { stream.close() }

        // Header: the first record; blank first line is an error, no record means empty.
        let first = reader.next()
        try checkStreamError(reader, stream, path)
        guard var header = first else { throw .empty(path: path) }
        var line = 1 + newlines(in: header)
        if header.count == 1 && header[0].isEmpty {
            // Only blank lines? Then the file is empty in effect.
            var sawData = false
            while let row = reader.next() {
                if !(row.count == 1 && row[0].isEmpty) {
                    sawData = true
                    break
                }
            }
            try checkStreamError(reader, stream, path)
            throw sawData ? .blankHeader(path: path) : .empty(path: path)
        }
        let skippedRowNames = header.count >= 2 && trimmed(header[0]).isEmpty
        let offset = skippedRowNames ? 1 : 0
        let totalFields = header.count
        header = header.dropFirst(offset).map(trimmed)

        let chosen = try columns.map { (s) throws(CSVError) in try resolve(s, in: header, path: path) }
        if let repeated = chosen.enumerated().first(where: { chosen.firstIndex(of: $0.element) != $0.offset }) {
            throw .columnSelectedTwice(path: path, name: header[repeated.element])
        }

        var values: [Float] = []
        var rowsRead = 0
        var dropped = 0
        var missingRows = 0
        var firstMissingLine = 0
        var firstMissingColumn = ""
        var cells = [Float](repeating: 0, count: chosen.count)

        while let row = reader.next() {
            if reader.error != nil { try checkStreamError(reader, stream, path) }
            let rowLine = line + 1
            line = rowLine + newlines(in: row)
            if row.count == 1 && row[0].isEmpty && totalFields > 1 { continue }  // blank line
            rowsRead += 1
            guard row.count == totalFields else {
                throw .fieldCount(path: path, line: rowLine, fields: row.count, expected: totalFields)
            }
            var missingColumn: Int? = nil
            for (j, c) in chosen.enumerated() {
                guard let v = try number(row[c + offset], path: path, line: rowLine, column: header[c]) else {
                    missingColumn = missingColumn ?? c
                    continue
                }
                cells[j] = v
            }
            if let c = missingColumn {
                if missingRows == 0 {
                    firstMissingLine = rowLine
                    firstMissingColumn = header[c]
                }
                missingRows += 1
                dropped += 1
                continue
            }
            values.append(contentsOf: cells)
        }
        try checkStreamError(reader, stream, path)
        if missingRows > 0 && !dropMissing {
            throw .missingValues(path: path, rows: missingRows, firstLine: firstMissingLine, column: firstMissingColumn)
        }
        let usable = values.count / chosen.count
        if usable < minimumRows {
            throw .tooFewRows(path: path, rows: usable, dropped: dropped, minimum: minimumRows)
        }
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        return CSVColumns(
            names: chosen.map { header[$0] }, values: values, rowsRead: rowsRead, rowsDropped: dropped,
            skippedRowNames: skippedRowNames, seconds: seconds)
    }

    /// Whether `text` (already trimmed or not) marks a missing value.
    public static func isMissing(_ text: String) -> Bool {
        let t = trimmed(text)
        if t.isEmpty { return true }
        guard t.utf8.count <= 4 else { return false }
        switch t.lowercased() {
        case "na", "n/a", "nan", "null", "none": return true
        default: return false
        }
    }

    // MARK: - Pieces

    static func open(_ path: String) throws(CSVError) -> (CSVReader, FileByteStream) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .noSuchFile(path: path)
        }
        if isDirectory.boolValue { throw .isDirectory(path: path) }
        guard let stream = FileByteStream(path: path) else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)).lowercased())
        }
        do {
            return (try CSVReader(stream: stream, codecType: UTF8.self), stream)
        } catch {
            throw .unreadable(path: path, reason: stream.failure ?? String(describing: error))
        }
    }

    static func checkStreamError(
        _ reader: CSVReader, _ stream: FileByteStream,
        _ path: String
    ) throws(CSVError) {
        if let failure = stream.failure { throw .unreadable(path: path, reason: failure) }
        guard let error = reader.error else { return }
        // CSV.swift reports bad UTF-8 as its own CSVError.unicodeDecoding (its module name is
        // shadowed by a typealias, so match the case by name).
        if String(describing: error) == "unicodeDecoding" { throw .notText(path: path) }
        throw .unreadable(path: path, reason: String(describing: error))
    }

    /// Column position (0-based, after any row-name column) for a selector.
    static func resolve(_ selector: ColumnSelector, in header: [String], path: String) throws(CSVError) -> Int {
        switch selector {
        case .index(let i):
            guard i >= 1 && i <= header.count else {
                throw .columnOutOfRange(path: path, index: i, available: header)
            }
            let text = String(i)
            if let other = header.firstIndex(of: text), other != i - 1 {
                throw .ambiguousSelector(path: path, text: text, positionName: header[i - 1], namedIndex: other + 1)
            }
            return i - 1
        case .name(let raw):
            let name = trimmed(raw)
            let hits = header.indices.filter { header[$0] == name }
            if hits.count > 1 { throw .duplicateColumn(path: path, name: name, indices: hits.map { $0 + 1 }) }
            guard let hit = hits.first else {
                let numeric = header.allSatisfy { Double(trimmed($0)) != nil }
                throw .unknownColumn(path: path, name: name, available: header, headerLooksNumeric: numeric)
            }
            return hit
        }
    }

    /// The cell as a float under `DecimalNumber`'s rule, nil when it marks a missing value.
    @inline(__always)
    private static func number(_ cell: String, path: String, line: Int, column: String) throws(CSVError) -> Float? {
        switch DecimalNumber.read(cell) {
        case .number(let v): return v
        case .notANumber:
            if isMissing(cell) { return nil }
            throw .notANumber(path: path, line: line, column: column, value: cell)
        case .infinite: throw .notFinite(path: path, line: line, column: column, value: cell)
        case .tooLarge: throw .outOfRange(path: path, line: line, column: column, value: cell, tooSmall: false)
        case .tooSmall: throw .outOfRange(path: path, line: line, column: column, value: cell, tooSmall: true)
        }
    }

    static func trimmed(_ text: String) -> String {
        let u = text.utf8
        guard let first = u.first, let last = u.last, isSpace(first) || isSpace(last) else { return text }
        return String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    @inline(__always) private static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 }

    /// Line breaks inside the fields of one record (quoted fields may span lines).
    @inline(__always)
    private static func newlines(in row: [String]) -> Int {
        var n = 0
        for field in row {
            for b in field.utf8 where b == 10 || b == 13 { n += 1 }
        }
        return n
    }
}
