import MDNCore
import MDNIO

/// Formatting of CSV reading figures, shared by the commands that read CSV files.
enum ReadFigures {
    /// "272 rows from f.csv, 3 dropped for missing values, first column skipped as row
    /// names; read in 0.00098 s (276649 rows/s)".
    static func line(_ report: CSVLoadReport, path: String) -> String {
        let dropped = report.rowsDropped > 0 ? ", \(report.rowsDropped) dropped for missing values" : ""
        let rowNames = report.skippedRowNames ? ", first column skipped as row names" : ""
        return "\(report.dataset.count) rows from \(path)\(dropped)\(rowNames); read in "
            + "\(seconds(report.seconds)) s (\(rate(report.rowsPerSecond)) rows/s)"
    }

    /// Seconds with 3 significant digits.
    static func seconds(_ s: Double) -> String { String(format: "%.3g", s) }
    /// Rows per second, rounded to a whole number ("inf" if the clock saw no time).
    static func rate(_ r: Double) -> String { r.isFinite ? String(Int(r.rounded())) : "inf" }
}
