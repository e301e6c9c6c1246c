import Foundation
import MDNCore
import SafeIO
import SafeText

/// Writes numeric tables as CSV (a header row, then one row per record), to a file through
/// `AtomicFile` (never clobbering unless asked) or to standard output.
///
/// Numbers are written in Swift's shortest form that reads back exactly (`0.1`, `1e-05`);
/// header names are quoted (RFC 4180) only when they contain a comma, quote, line break or
/// surrounding spaces.
public enum CSVOutput {
    /// The CSV text for `values`, row-major with `header.count` columns.
    public static func render(header: [String], values: [Float]) -> String {
        let width = header.count
        precondition(width >= 1, "a CSV table needs at least one column")
        precondition(values.count % width == 0, "values hold a partial row (\(values.count) values, \(width) columns)")
        var text = header.map(escape).joined(separator: ",")
        text += "\n"
        text.reserveCapacity(text.utf8.count + values.count * 11)
        var i = 0
        while i < values.count {
            for j in 0..<width {
                if j > 0 { text += "," }
                text += values[i + j].description
            }
            text += "\n"
            i += width
        }
        return text
    }

    /// Writes `values` (row-major, `header.count` columns) to `path`, or to standard output
    /// when `path` is nil or "-". Without `overwrite`, an existing file is left alone and
    /// `FileWriteError.exists` is thrown.
    public static func write(
        header: [String], values: [Float], to path: String?,
        overwrite: Bool = false
    ) throws(FileWriteError) {
        try write(text: render(header: header, values: values), to: path, overwrite: overwrite)
    }

    /// Writes ready-made CSV text to `path`, or to standard output when `path` is nil or "-".
    public static func write(text: String, to path: String?, overwrite: Bool = false) throws(FileWriteError) {
        guard let path, path != "-" else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        try AtomicFile.write(text: text, to: path, overwrite: overwrite)
    }

    /// A header field, quoted when it must be. Names with control characters (from a CSV
    /// header or checkpoint metadata) are written escaped (`SafeText`), so printing the table
    /// to a terminal cannot send it escape sequences.
    public static func escape(_ raw: String) -> String {
        let field = SafeText.isPlain(raw) ? raw : SafeText.echo(raw, limit: Int.max)
        let needsQuotes =
            field.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || field.first == " " || field.last == " "
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
