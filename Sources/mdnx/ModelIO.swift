import MDNCore
import MDNIO

/// Shared pieces of the commands that use a trained model (sample, eval).
enum ModelIO {
    /// Column selectors from option values, or the model's own column names.
    static func selectors(_ given: [String], defaults: [String], option: String, model: String) throws(CommandError)
        -> [ColumnSelector]
    {
        if given.isEmpty { return defaults.map { .name($0) } }
        guard given.count == defaults.count else {
            throw .columnCount(model: model, option: option, expected: defaults, given: given.count)
        }
        return given.map(ColumnSelector.init(parsing:))
    }

    /// The model's input values from a CSV file (row-major).
    static func readInputs(path: String, x: [String], checkpoint: Checkpoint, dropMissing: Bool) throws -> [Float] {
        let columns = try selectors(x, defaults: checkpoint.xNames, option: "--x", model: "the model")
        return try CSVLoader.readColumns(path: path, columns: columns, dropMissing: dropMissing, minimumRows: 1).values
    }
}
