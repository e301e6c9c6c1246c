import ArgumentParser
import Foundation
import MDNCore

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

    @Option(help: "Checkpoint written by mdnx train.")
    var model: String

    @Option(help: "CSV file with the x values.")
    var data: String?

    @Option(help: "Input column of --data, by name or 1-based position (default: the model's x name). Repeat for several inputs.")
    var x: [String] = []

    @Flag(help: "Skip --data rows whose x is missing instead of stopping.")
    var dropMissing = false

    @Option(help: "x values START:END:N (N evenly spaced values, both ends included), e.g. 0:5:200.")
    var grid: String?

    @Option(help: "Samples per x value.")
    var perX: Int = 1

    @Option(help: "Mixing temperature T > 0: pi = softmax(logits / T).")
    var temperature: Float = 1

    @Option(help: "Sigma temperature S > 0: each component's variance times S.")
    var sigmaTemperature: Float = 1

    @Option(help: "Random seed for the draws.")
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
        guard perX >= 1 else { throw ValidationError("--per-x must be at least 1, got \(perX)") }
        if let grid { _ = try ModelIO.parseGrid(grid) }
        do {
            try MixtureError.validate(temperature: temperature, sigmaTemperature: sigmaTemperature)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let predictor = try Predictor(path: model)
        let checkpoint = predictor.checkpoint
        let dx = checkpoint.inputDimension, dy = checkpoint.outputDimension
        let xs: [Float]
        if let grid {
            guard dx == 1 else {
                throw ModelIO.Failure("\(model) takes \(dx) inputs; --grid gives one: use --data with \(dx) --x columns")
            }
            xs = try ModelIO.parseGrid(grid)
        } else {
            xs = try ModelIO.readInputs(path: data!, x: x, checkpoint: checkpoint, dropMissing: dropMissing)
        }
        let n = xs.count / dx
        let xNames = checkpoint.xNames, yNames = checkpoint.yNames
        var header: [String]
        var values: [Float] = []

        if checkpoint.kind == .mse {
            guard summary else {
                throw ModelIO.Failure("\(model) is an mse model: it predicts one y per x and has no distribution "
                                      + "to sample; use --summary for its predictions")
            }
            let predicted = predictor.predictions(x: xs)
            header = xNames + yNames.map { "prediction_\($0)" }
            if dy == 1 { header = xNames + ["prediction"] }
            for r in 0..<n {
                values.append(contentsOf: xs[(r * dx)..<((r + 1) * dx)])
                values.append(contentsOf: predicted[(r * dy)..<((r + 1) * dy)])
            }
            try CSVOutput.write(header: header, values: values, to: output, overwrite: force)
            return
        }

        let batch = try predictor.mixtures(x: xs).tempered(temperature: temperature, sigmaTemperature: sigmaTemperature)
        let layout = batch.layout
        let k = layout.components
        if params {
            let weights = try batch.weights()
            header = xNames + (1...k).map { "pi_\($0)" }
            for name in dy == 1 ? [""] : yNames.map({ "_\($0)" }) {
                header += (1...k).map { "mu_\($0)\(name)" }
            }
            for name in dy == 1 ? [""] : yNames.map({ "_\($0)" }) {
                header += (1...k).map { "sigma_\($0)\(name)" }
            }
            for r in 0..<n {
                let row = batch.rows[(r * layout.width)..<((r + 1) * layout.width)]
                values.append(contentsOf: xs[(r * dx)..<((r + 1) * dx)])
                values.append(contentsOf: weights[(r * k)..<((r + 1) * k)])
                for d in 0..<dy { for c in 0..<k { values.append(row[row.startIndex + layout.mu(c, d)]) } }
                for d in 0..<dy { for c in 0..<k { values.append(row[row.startIndex + layout.sigma(c, d)]) } }
            }
        } else if summary {
            let means = batch.means(), variances = batch.variances(), modes = batch.modes()
            let suffixes = dy == 1 ? [""] : yNames.map { "_\($0)" }
            header = xNames + suffixes.map { "mean\($0)" } + suffixes.map { "std\($0)" } + suffixes.map { "mode\($0)" }
            for r in 0..<n {
                values.append(contentsOf: xs[(r * dx)..<((r + 1) * dx)])
                values.append(contentsOf: means[(r * dy)..<((r + 1) * dy)])
                values.append(contentsOf: variances[(r * dy)..<((r + 1) * dy)].map { $0.squareRoot() })
                values.append(contentsOf: modes[(r * dy)..<((r + 1) * dy)])
            }
        } else {
            var rng = SeededRNG(seed: seed)
            let draws = try batch.samples(perRow: perX, rng: &rng)
            header = xNames + yNames
            values.reserveCapacity(n * perX * (dx + dy))
            for r in 0..<n {
                for s in 0..<perX {
                    values.append(contentsOf: xs[(r * dx)..<((r + 1) * dx)])
                    let at = (r * perX + s) * dy
                    values.append(contentsOf: draws[at..<(at + dy)])
                }
            }
        }
        try CSVOutput.write(header: header, values: values, to: output, overwrite: force)
    }
}
