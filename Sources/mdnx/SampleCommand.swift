import ArgumentParser
import Foundation
import MDNCore
import MDNIO

/// `mdnx sample`: draws y from a trained MDN at given x (or prints its mixture parameters or
/// summaries), as CSV in the user's units.
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Draw samples from a trained model at given x values, as CSV.",
        discussion: """
            The x values come from a CSV column (--data FILE --x COLUMN) or an even grid \
            (--grid START:END:N, both ends included). By default each x gets --per-x draws \
            from the MDN's mixture with pi = softmax(logits / T) and sigma * sqrt(S) \
            (T = --temperature, S = --sigma-temperature); columns are the model's x and y names. \
            --params writes that mixture instead (pi_k, mu_k, sigma_k per component) and \
            --summary its mean, standard deviation and mode (for an mse model: its prediction). \
            Everything is in the units of the training data.
            """)

    /// The most sample rows one run writes (x values times --per-x).
    static let maximumRows = 10_000_000

    @Option(help: "Checkpoint written by mdnx train.")
    var model: String

    @Option(help: "CSV file with the x values.")
    var data: String?

    @Option(
        help:
            "Input column of --data, by name or 1-based position (default: the model's x name). Repeat for several inputs."
    )
    var x: [String] = []

    @Flag(help: "Skip --data rows whose x is missing instead of stopping.")
    var dropMissing = false

    // `.unconditional`: a negative START (`--grid -1:1:50`) is a value, not an option.
    @Option(
        parsing: .unconditional,
        help: "x values START:END:N (N evenly spaced values, both ends included), e.g. 0:5:200.",
        transform: SampleGrid.init(parsing:))
    var grid: SampleGrid?

    @Option(
        parsing: .unconditional,
        help: "Samples per x value (at most \(SampleCommand.maximumRows) samples in all). (default: 1)",
        transform: OptionValue.integer("--per-x", 1...SampleCommand.maximumRows))
    var perX: Int = 1

    @OptionGroup var temperatures: TemperatureOptions

    @Option(parsing: .unconditional, help: "Random seed for the draws. (default: 42)", transform: OptionValue.seed())
    var seed: UInt64 = 42

    @Flag(help: "Write the mixture parameters per x (pi_k, mu_k, sigma_k) instead of samples.")
    var params = false

    @Flag(help: "Write mean, std and mode per x instead of samples.")
    var summary = false

    @Option(name: [.short, .long], help: "Write to this file instead of standard output (- for stdout).")
    var output: String?

    @Flag(help: "Overwrite --output if it exists.")
    var force = false

    func validate() throws {
        if params && summary { throw ValidationError("--params and --summary cannot be combined") }
        switch (data, grid) {
        case (nil, nil): throw ValidationError("give the x values: --data FILE [--x COLUMN] or --grid START:END:N")
        case (.some, .some): throw ValidationError("--data and --grid cannot be combined")
        default: break
        }
        if data == nil && (!x.isEmpty || dropMissing) {
            throw ValidationError("--x and --drop-missing apply to --data only")
        }
        try temperatures.check()
    }

    func run() throws {
        let predictor = try Predictor(path: model)
        let checkpoint = predictor.checkpoint
        let dx = checkpoint.inputDimension
        let xs: [Float]
        if let grid {
            guard dx == 1 else { throw CommandError.gridNeedsOneInput(model: model, inputs: dx) }
            xs = grid.values
        } else if let data {
            xs = try ModelIO.readInputs(path: data, x: x, checkpoint: checkpoint, dropMissing: dropMissing)
        } else {
            preconditionFailure("validate() requires --data or --grid")
        }
        let xNames = checkpoint.xNames
        let yNames = checkpoint.yNames
        let table: SampleTable
        if checkpoint.kind == .mse {
            guard summary else { throw CommandError.nothingToSample(model: model) }
            table = SampleTable.predictions(
                x: xs, xNames: xNames, yNames: yNames, predicted: predictor.predictions(x: xs))
        } else {
            let batch = try temperatures.temper(predictor.mixtures(x: xs))
            if params {
                table = SampleTable.parameters(x: xs, xNames: xNames, yNames: yNames, batch: batch)
            } else if summary {
                table = SampleTable.summary(x: xs, xNames: xNames, yNames: yNames, batch: batch)
            } else {
                let (rows, overflow) = (xs.count / dx).multipliedReportingOverflow(by: perX)
                if overflow || rows > SampleCommand.maximumRows {
                    throw CommandError.tooManySamples(
                        perX: perX, xValues: xs.count / dx, limit: SampleCommand.maximumRows)
                }
                var rng = SeededRNG(seed: seed)
                table = SampleTable.samples(x: xs, xNames: xNames, yNames: yNames, batch: batch, perX: perX, rng: &rng)
            }
        }
        try CSVOutput.write(header: table.header, values: table.values, to: output, overwrite: force)
    }
}
