import MDNCore

/// The rows `mdnx train` learns from: a built-in data set or the columns of a CSV file,
/// with what the checkpoint records about where they came from.
struct TrainingSource {
    /// All rows, in file (or generation) order; the holdout is the tail.
    let dataset: Dataset
    /// How the CSV read went (nil for a built-in set).
    let report: CSVLoadReport?
    /// Checkpoint metadata describing the data (`data`, plus `data_rows`).
    let metadata: [String: String]

    /// Loads the data the command's options name, reporting CSV rows/s on standard error.
    static func load(_ command: TrainCommand) throws -> TrainingSource {
        guard let path = command.data else {
            let name = command.dataset ?? .spiral
            let count = command.count ?? 10_000
            let set = name == .spiral ? Datasets.spiral(count: count, seed: command.seed)
                                      : Datasets.bishop(count: count, seed: command.seed)
            return TrainingSource(dataset: set, report: nil,
                                  metadata: ["data": "\(name.rawValue) count=\(count) seed=\(command.seed)",
                                             "data_rows": String(count)])
        }
        if command.x.isEmpty || command.y.isEmpty { throw try missingColumns(path: path) }
        let report = try CSVLoader.read(path: path, x: command.x.map(ColumnSelector.init(parsing:)),
                                        y: command.y.map(ColumnSelector.init(parsing:)),
                                        dropMissing: command.dropMissing)
        if !command.json { printToStandardError(ReadFigures.line(report, path: path)) }
        return TrainingSource(dataset: report.dataset, report: report,
                              metadata: ["data": path, "data_rows": String(report.dataset.count)])
    }
}

extension TrainingSource {
    /// The error for --data without --x/--y, listing the file's columns (read by the CSV
    /// loader, so quoting, a byte-order mark and row names are handled as in training).
    static func missingColumns(path: String) throws -> ModelIO.Failure {
        let available: [String]
        do {
            _ = try CSVLoader.readColumns(path: path, columns: [.index(0)], minimumRows: 0)
            available = []
        } catch {
            guard case .columnOutOfRange(_, _, let names) = error else { throw error }
            available = names
        }
        let list = available.enumerated().map { "\"\($0.element)\" (\($0.offset + 1))" }.joined(separator: ", ")
        return ModelIO.Failure("\(path): choose the input and target columns with --x COLUMN --y COLUMN "
                               + "(names or 1-based positions); available columns: \(list)")
    }
}
