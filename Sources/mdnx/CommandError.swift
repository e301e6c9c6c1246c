import SafeIO
import SafeText

/// Why a command could not do what it was asked, each described in one line that names the
/// file, flag or value at fault.
enum CommandError: Error, CustomStringConvertible, Equatable {
    /// `--holdout` keeps every usable row of the CSV file out of training.
    case holdoutLeavesNoRows(holdout: Int, path: String, rows: Int)
    /// The validation split leaves no training rows: `rows` rows of the built-in data (`path`
    /// nil) or of a CSV file, after `--holdout` when `afterHoldout`.
    case tooFewTrainingRows(rows: Int, path: String?, afterHoldout: Bool, validationSplit: Double)
    /// `model` takes one `option` column per name in `expected`; `given` were given.
    case columnCount(model: String, option: String, expected: [String], given: Int)
    /// `--data` without `--x`/`--y` and columns too ambiguous to infer (`ColumnInference`):
    /// the file's columns, to choose from.
    case columnsNotChosen(path: String, available: [String])
    /// `--grid` gives one input value per row; `model` takes `inputs`.
    case gridNeedsOneInput(model: String, inputs: Int)
    /// `model` is an mse model: it has no distribution to draw from or describe.
    case nothingToSample(model: String)
    /// `--mixtures auto` scores each K on validation rows, and `validationSplit` leaves none.
    case mixturesAutoWithoutValidationRows(validationSplit: Double)
    /// `--mixtures auto`: every screening run diverged (no finite validation NLL to compare).
    case mixturesAutoFoundNoFiniteK
    /// `--history` records what plots draw: one x and one y column.
    case historyNeedsOneXOneY(inputs: Int, outputs: Int)
    /// Training of `model` stopped in `epoch` because its loss (or validation loss) was not
    /// finite; nothing was saved.
    case trainingDiverged(model: String, epoch: Int, loss: Double, valLoss: Double?)
    /// `model` scored on `data` gave a `score` (mean NLL, MSE) that is not finite.
    case nonFiniteScore(model: String, data: String, score: String, value: Double)
    /// `--export-dir` is missing, not a directory, or not writable.
    case exportDirectory(FileWriteError)
    /// `--per-x` times the number of x values is more samples than one run writes.
    case tooManySamples(perX: Int, xValues: Int, limit: Int)

    var description: String {
        switch self {
        case .holdoutLeavesNoRows(let holdout, let path, let rows):
            return "--holdout \(holdout) leaves no rows to train on: \(SafeText.path(path)) has \(rows) usable rows"
        case .tooFewTrainingRows(let rows, let path, let afterHoldout, let split):
            let source = path.map {
                "\(SafeText.path($0)) has \(rows) usable rows\(afterHoldout ? " after --holdout" : "")"
            }
            return "too few rows to train on: \(source ?? "\(rows) rows"), and the validation split "
                + "(\(split)) leaves none for training"
        case .columnCount(let model, let option, let expected, let given):
            let columns = expected.count == 1 ? "column" : "columns"
            return "\(SafeText.path(model)) takes \(expected.count) \(option) \(columns) "
                + "(\(SafeText.list(expected) { _, name in SafeText.echo(name) })); got \(given)"
        case .columnsNotChosen(let path, let available):
            let list = SafeText.list(available) { i, name in "\(SafeText.quoted(name)) (\(i + 1))" }
            return "\(SafeText.path(path)): choose the input and target columns with --x COLUMN --y COLUMN "
                + "(names or 1-based positions; they can be left out when two columns are named x and y, "
                + "or when only two columns are numeric); available columns: \(list)"
        case .gridNeedsOneInput(let model, let inputs):
            return
                "\(SafeText.path(model)) takes \(inputs) inputs; --grid gives one: use --data with \(inputs) --x columns"
        case .nothingToSample(let model):
            return "\(SafeText.path(model)) is an mse model: it predicts one y per x and has no distribution "
                + "to sample; use --summary for its predictions"
        case .mixturesAutoWithoutValidationRows(let split):
            return "--mixtures auto chooses K by validation NLL, but the validation split (\(split)) "
                + "leaves no validation rows; give --validation-split a positive fraction"
        case .mixturesAutoFoundNoFiniteK:
            return "--mixtures auto: no K of the ladder trained to a finite validation NLL"
        case .historyNeedsOneXOneY(let inputs, let outputs):
            return "--history records one --x and one --y column (for mdnx plot --animate); "
                + "got \(inputs) and \(outputs)"
        case .trainingDiverged(let model, let epoch, let loss, let valLoss):
            let value =
                loss.isFinite ? "val_loss \(CommandError.number(valLoss ?? .nan))" : "loss \(CommandError.number(loss))"
            return "\(model) training diverged in epoch \(epoch) (\(value)); nothing was saved "
                + "(try a lower --learning-rate)"
        case .nonFiniteScore(let model, let data, let score, let value):
            return
                "the \(score) of \(SafeText.path(model)) on \(SafeText.path(data)) is \(CommandError.number(value)), "
                + "not a finite score: the model's weights are not finite, or the data lie where its density "
                + "is 0 in float precision"
        case .exportDirectory(let error):
            return "--export-dir \(error.description)"
        case .tooManySamples(let perX, let xValues, let limit):
            let total = xValues.multipliedReportingOverflow(by: perX)
            return "--per-x \(perX) with \(xValues) x values makes "
                + "\(total.overflow ? "too many" : String(total.partialValue)) samples; at most \(limit) per run"
        }
    }

    /// "nan", "inf", "-inf" or the number (Swift prints a negative NaN as "-nan").
    static func number(_ v: Double) -> String { v.isNaN ? "nan" : "\(v)" }
}
