import MDNCore

/// Shared pieces of the commands that use a trained model (sample, eval).
enum ModelIO {
    /// A one-line command failure.
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Parses START:END:N into N evenly spaced values from START to END inclusive.
    static func parseGrid(_ text: String) throws -> [Float] {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, let a = Float(parts[0]), let b = Float(parts[1]), let n = Int(parts[2]),
              a.isFinite, b.isFinite else {
            throw Failure("--grid must be START:END:N with numbers START, END and a count N, e.g. 0:5:200; got '\(text)'")
        }
        guard n >= 1 && n <= 10_000_000 else { throw Failure("--grid count N must be between 1 and 10000000, got \(n)") }
        if n == 1 { return [a] }
        return (0..<n).map { i in i == n - 1 ? b : a + (b - a) * Float(i) / Float(n - 1) }
    }

    /// Column selectors from option values, or the model's own column names.
    static func selectors(_ given: [String], defaults: [String], option: String, model: String) throws -> [ColumnSelector] {
        if given.isEmpty { return defaults.map { .name($0) } }
        guard given.count == defaults.count else {
            throw Failure("\(model) takes \(defaults.count) \(option) column\(defaults.count == 1 ? "" : "s") "
                          + "(\(defaults.joined(separator: ", "))); got \(given.count)")
        }
        return given.map(ColumnSelector.init(parsing:))
    }

    /// The model's input values from a CSV file (row-major).
    static func readInputs(path: String, x: [String], checkpoint: Checkpoint, dropMissing: Bool) throws -> [Float] {
        let columns = try selectors(x, defaults: checkpoint.xNames, option: "--x", model: "the model")
        return try CSVLoader.readColumns(path: path, columns: columns, dropMissing: dropMissing, minimumRows: 1).values
    }
}
