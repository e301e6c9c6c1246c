import ArgumentParser
import Foundation
import MDNCore
import MDNIO

/// `mdnx eval`: scores a trained model on a CSV file, in the data's own units.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score a trained model on CSV data: NLL, CRPS, calibration (coverage, PIT) and MSE.",
        discussion: """
            Both kinds of model are scored as predictive distributions, so their scores compare: \
            an mdn by its mixture, an mse model by a Gaussian around its prediction whose sigma is \
            the RMSE it had on its validation rows (stored in the checkpoint by mdnx train).

              NLL       mean negative log-likelihood, nats per row, including 0.5*log(2 pi), in \
            the data's units (comparable across models trained with or without normalisation)
              CRPS      mean continuous ranked probability score, in the target's units (lower \
            is better; for a point forecast it would be the mean absolute error)
              coverage  fraction of targets inside the central 50% and 90% predicted intervals \
            (honest: about 0.5 and 0.9), with the intervals' mean widths
              PIT       histogram of F(y | x) over 10 bins (calibrated: 0.1 each; a U shape means \
            too narrow, a hump too wide), and its Kolmogorov-Smirnov distance from uniform with \
            the value a calibrated model stays below with probability 0.95
              MSE       mean squared error of the prediction (the mixture mean for an mdn), \
            averaged over rows and target columns

            With several target columns, NLL is of the joint density and the other scores pool \
            each column's marginal distribution.
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
        let evaluation = predictor.evaluate(report.dataset)
        try EvalCommand.checkFinite(evaluation, model: model, data: data)
        let record = EvalRecord(
            model: model, data: data, predictor: predictor, report: report, evaluation: evaluation)
        if json {
            try JSONOutput.printLine(record)
            return
        }
        printToStandardError(ReadFigures.line(report, path: data))
        if predictor.kind == .mse && predictor.residualSigma == nil {
            printToStandardError(
                "note: \(model) holds no validation RMSE (written by an older mdnx, or trained without validation "
                    + "rows), so the mse model has no predictive distribution to score: MSE only")
        }
        for line in Self.lines(record) { print(line) }
    }

    /// The text report of `record`, one line per score.
    static func lines(_ r: EvalRecord) -> [String] {
        var out: [String] = []
        if r.kind == ModelKind.mse.rawValue, let sigma = r.sigma {
            out.append(
                "mse model scored as a Gaussian around its prediction, sigma = its validation RMSE "
                    + sigma.map(format).joined(separator: ", "))
        }
        if let nll = r.nll { out.append("mean NLL: \(format(nll.value)) nats") }
        if let crps = r.crps { out.append("CRPS: \(format(crps.value))") }
        if let c50 = r.coverage50, let c90 = r.coverage90, let w50 = r.width50, let w90 = r.width90 {
            out.append(
                String(
                    format: "coverage: 50%% interval %.3f (mean width %@), 90%% interval %.3f (mean width %@)",
                    c50, format(w50.value), c90, format(w90.value)))
        }
        if let pit = r.pit {
            out.append(
                "PIT histogram (10 bins, 0.100 each if calibrated): "
                    + pit.map { String(format: "%.3f", $0) }.joined(separator: " "))
        }
        if let ks = r.pitKS, let critical = r.pitKSCritical95 {
            let verdict = ks.value <= critical ? "within" : "beyond"
            out.append(
                String(format: "PIT distance from uniform (Kolmogorov-Smirnov): %.4f, ", ks.value)
                    + "\(verdict) the 95% range of a calibrated model (\(String(format: "%.4f", critical)) "
                    + "for \(r.rows * r.targetColumns) values)")
        }
        out.append("MSE: \(format(r.mse.value))")
        return out
    }

    private static func format(_ v: Double) -> String { String(format: "%.6g", v) }

    /// A score that is not finite is not a result: the model's weights are broken, or the data
    /// lie where its density underflows to 0. Refused with one line and a non-zero exit.
    static func checkFinite(_ evaluation: ModelEvaluation, model: String, data: String) throws(CommandError) {
        let scores = evaluation.scores
        let named = [("mean NLL", scores?.nll), ("CRPS", scores?.crps), ("MSE", evaluation.meanSquaredError)]
        guard let (name, value) = named.first(where: { !($0.1?.isFinite ?? true) }), let value else { return }
        throw .nonFiniteScore(model: model, data: data, score: name, value: value)
    }
}
