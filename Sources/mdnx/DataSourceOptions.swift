import ArgumentParser
import MDNCore
import MDNIO

/// The data options `train`, `plot` and `explore` share: a built-in data set (`--dataset`,
/// `--count`) or columns of a CSV file (`--data`, `--x`, `--y`, `--drop-missing`).
///
/// The seed stays with each command: besides the built-in data it seeds that command's own
/// draws (weights and batch order, or samples), so its help differs.
struct DataSourceOptions: ParsableArguments {
    /// Rows of a built-in data set when `--count` is not given.
    static let defaultCount = 10_000

    /// Whether a command takes several `--x`/`--y` columns or one of each.
    enum Columns {
        /// Repeat `--x`/`--y` for several inputs or targets (train).
        case several
        /// One x column against one y column (plot, explore).
        case one
    }

    @Option(help: "Built-in data set, used when --data is not given. (default: spiral)")
    var dataset: DatasetName?

    @Option(help: "CSV file (a header row of column names, then numbers) to use instead of a built-in data set.")
    var data: String?

    @Option(help: "Input column of --data, by name or 1-based position.")
    var x: [String] = []

    @Option(help: "Target column of --data, by name or 1-based position.")
    var y: [String] = []

    @Flag(help: "Skip --data rows with a missing x or y value instead of stopping.")
    var dropMissing = false

    @Option(
        parsing: .unconditional, help: "Rows to generate for the built-in data set. (default: 10000)",
        transform: OptionValue.integer("--count", 1...Datasets.maximumCount))
    var count: Int?

    /// The built-in data set these options name (nil with --data).
    var builtin: DatasetName? { data == nil ? dataset ?? .spiral : nil }

    /// The built-in data set's rows (`--count` or the default).
    var rowCount: Int { count ?? Self.defaultCount }

    /// The checks every command makes: the options fit together, `--count` is at least
    /// `minimumCount` (the fewest rows `command` can use), and `--x`/`--y` repeat only
    /// where the command takes `.several` columns.
    func check(minimumCount: Int, columns: Columns, command: String) throws {
        if data != nil {
            if dataset != nil { throw ValidationError("--data and --dataset cannot be combined") }
            if count != nil {
                throw ValidationError("--count applies to the built-in data sets; --data uses every row of the file")
            }
        } else if !x.isEmpty || !y.isEmpty || dropMissing {
            throw ValidationError("--x, --y and --drop-missing apply to --data only")
        }
        if let count, count < minimumCount {
            throw ValidationError("--count must be at least \(minimumCount) (got \(count))")
        }
        if columns == .one && (x.count > 1 || y.count > 1) {
            throw ValidationError("\(command) takes one x column and one y column: give --x and --y at most once each")
        }
    }

    /// The CSV columns to load, and a note for standard error when they were inferred.
    struct ColumnChoice {
        /// Input columns.
        var x: [ColumnSelector]
        /// Target columns.
        var y: [ColumnSelector]
        /// One line saying which columns were taken and why, when neither option was given
        /// and `ColumnInference` found them.
        var note: String?
    }

    /// The CSV columns: `--x`/`--y` as given, else `defaults` for an option left out. Without
    /// defaults and with neither option given, the obvious columns (`ColumnInference`: named
    /// x and y, or the only two numeric ones), else `fallback`; otherwise both options are
    /// needed and the error lists the file's columns.
    func selectors(
        path: String, defaults: (x: [ColumnSelector], y: [ColumnSelector])?,
        fallback: (x: [ColumnSelector], y: [ColumnSelector])? = nil
    ) throws -> ColumnChoice {
        let xs = x.map(ColumnSelector.init(parsing:))
        let ys = y.map(ColumnSelector.init(parsing:))
        if let defaults { return ColumnChoice(x: xs.isEmpty ? defaults.x : xs, y: ys.isEmpty ? defaults.y : ys) }
        if xs.isEmpty && ys.isEmpty {
            if let inferred = try ColumnInference.infer(path: path) {
                return ColumnChoice(
                    x: [inferred.selectors.x], y: [inferred.selectors.y], note: inferred.note(path: path))
            }
            if let fallback { return ColumnChoice(x: fallback.x, y: fallback.y) }
        }
        if xs.isEmpty || ys.isEmpty { throw try Self.missingColumns(path: path) }
        return ColumnChoice(x: xs, y: ys)
    }

    /// The rows these options name: the built-in set generated from `seed`, or the CSV's
    /// columns (see `selectors`; inferred columns are named in one line on standard error),
    /// with at least `minimumRows` rows.
    func load(
        seed: UInt64, defaultColumns: (x: [ColumnSelector], y: [ColumnSelector])? = nil,
        fallbackColumns: (x: [ColumnSelector], y: [ColumnSelector])? = nil,
        minimumRows: Int = CSVLoader.minimumRows
    ) throws -> LoadedSource {
        guard let path = data else {
            let name = dataset ?? .spiral
            return LoadedSource(
                dataset: name.generate(count: rowCount, seed: seed), report: nil,
                description: "\(name.rawValue) count=\(rowCount) seed=\(seed)")
        }
        let columns = try selectors(path: path, defaults: defaultColumns, fallback: fallbackColumns)
        if let note = columns.note { printToStandardError(note) }
        let report = try CSVLoader.read(
            path: path, x: columns.x, y: columns.y, dropMissing: dropMissing,
            minimumRows: minimumRows)
        return LoadedSource(dataset: report.dataset, report: report, description: path)
    }

    /// `selector` as command-line text that parses back to it (`name:` keeps any name a name).
    static func argument(_ selector: ColumnSelector) -> String {
        switch selector {
        case .name(let n): return "name:" + n
        case .index(let i): return String(i)
        }
    }

    /// The error for --data without --x/--y, listing the file's columns (read by the CSV
    /// loader, so quoting, a byte-order mark and row names are handled as in training).
    static func missingColumns(path: String) throws -> CommandError {
        let available: [String]
        do {
            _ = try CSVLoader.readColumns(path: path, columns: [.index(0)], minimumRows: 0)
            available = []
        } catch {
            guard case .columnOutOfRange(_, _, let names) = error else { throw error }
            available = names
        }
        return .columnsNotChosen(path: path, available: available)
    }
}

/// Rows loaded from `DataSourceOptions`, with where they came from.
struct LoadedSource {
    /// All rows, in file (or generation) order.
    let dataset: Dataset
    /// How the CSV read went (nil for a built-in set).
    let report: CSVLoadReport?
    /// The file's path, or the built-in set with its count and seed.
    let description: String

    /// Whether these are the user's rows (a CSV file) rather than a built-in set.
    var isUserData: Bool { report != nil }

    /// Checkpoint metadata describing the data (`data`, `data_rows`).
    var metadata: [String: String] { ["data": description, "data_rows": String(dataset.count)] }
}

extension DatasetName: ExpressibleByArgument {}
