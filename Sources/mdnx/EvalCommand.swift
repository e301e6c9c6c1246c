import ArgumentParser
import Foundation
import MDNCore
import MDNIO

/// `mdnx eval`: scores a trained model on a CSV file, in the data's own units.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score a trained model on CSV data: mean NLL (mdn) and MSE.",
        discussion: """
            The mean negative log-likelihood is in nats per row, including the Gaussian's \
            0.5*log(2 pi) term, for the data in its own units (so it is comparable across models \
            trained with or without normalisation). MSE is the mean squared error of the \
            prediction (the mixture mean for an mdn), averaged over rows and target columns.
            """)

    @Option(help: "Checkpoint written by mdnx train.")
    var model: String

    @Option(help: "CSV file to score.")
    var data: String

    @Option(help: "Input column(s), by name or 1-based position (default: the model's x names).")
    var x: [String] = []

    @Option(help: "Target column(s), by name or 1-based position (default: the model's y names).")
    var y: [String] = []

    @Flag(help: "Skip rows with missing values instead of stopping.")
    var dropMissing = false

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        let predictor = try Predictor(path: model)
        let checkpoint = predictor.checkpoint
        let xSel = try ModelIO.selectors(x, defaults: checkpoint.xNames, option: "--x", model: model)
        let ySel = try ModelIO.selectors(y, defaults: checkpoint.yNames, option: "--y", model: model)
        let report = try CSVLoader.read(path: data, x: xSel, y: ySel, dropMissing: dropMissing, minimumRows: 1)
        let score = predictor.score(report.dataset)
        let rows = report.dataset.count
        if json {
            try JSONOutput.printLine(
                EvalRecord(
                    model: model, data: data, kind: checkpoint.kind.rawValue, rows: rows,
                    rowsDropped: report.rowsDropped, mse: JSONNumber(score.mse), nll: score.nll.map(JSONNumber.init),
                    readSeconds: report.seconds))
            return
        }
        printToStandardError(ReadFigures.line(report, path: data))
        if let nll = score.nll {
            print("mean NLL: \(format(nll)) nats")
        }
        print("MSE: \(format(score.mse))")
    }

    private func format(_ v: Double) -> String { String(format: "%.6g", v) }
}
