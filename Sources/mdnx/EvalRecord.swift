import MDNCore
import MDNIO

/// `mdnx eval --json`'s one object: the scores of a model on a CSV file, in the data's units.
/// Scores that do not apply (an mse model without a stored validation RMSE has no predictive
/// distribution) are left out; `JSONNumber` fields are null when not finite.
struct EvalRecord: Encodable, Equatable {
    /// The checkpoint's path.
    var model: String
    /// The CSV file's path.
    var data: String
    /// "mdn" or "mse".
    var kind: String
    /// Mixture components K (mdn only).
    var mixtures: Int?
    /// Rows scored.
    var rows: Int
    /// Target columns per row.
    var targetColumns: Int
    /// Rows dropped for missing values (--drop-missing).
    var rowsDropped: Int
    /// Mean squared error of the predictions (the mixture mean for an mdn).
    var mse: JSONNumber
    /// Mean negative log-likelihood, nats per row.
    var nll: JSONNumber?
    /// Mean CRPS, in the target's units.
    var crps: JSONNumber?
    /// Fraction of targets inside the central 50% interval.
    var coverage50: Double?
    /// Fraction of targets inside the central 90% interval.
    var coverage90: Double?
    /// Mean width of the central 50% interval.
    var width50: JSONNumber?
    /// Mean width of the central 90% interval.
    var width90: JSONNumber?
    /// PIT histogram: fractions in 10 equal bins of [0, 1].
    var pit: [Double]?
    /// Kolmogorov-Smirnov distance of the PIT values from uniform.
    var pitKS: JSONNumber?
    /// The KS distance a calibrated model stays below with probability 0.95.
    var pitKSCritical95: Double?
    /// The mse model's predictive sigma per target column (its validation RMSE).
    var sigma: [Double]?
    /// Seconds spent reading the CSV file.
    var readSeconds: Double

    private enum CodingKeys: String, CodingKey {
        case model, data, kind, mixtures, rows, mse, nll, crps, coverage50, coverage90, width50, width90, pit, sigma
        case targetColumns = "target_columns"
        case rowsDropped = "rows_dropped"
        case readSeconds = "read_seconds"
        case pitKS = "pit_ks"
        case pitKSCritical95 = "pit_ks_critical95"
    }
}

extension EvalRecord {
    /// The record of `evaluation` of `predictor` (read from `model`) on the rows of `report`
    /// (read from `data`).
    init(model: String, data: String, predictor: Predictor, report: CSVLoadReport, evaluation: ModelEvaluation) {
        self.init(
            model: model, data: data, kind: predictor.kind.rawValue, mixtures: predictor.checkpoint.mixtures,
            rows: report.dataset.count, targetColumns: report.dataset.outputDimension,
            rowsDropped: report.rowsDropped, mse: JSONNumber(evaluation.meanSquaredError),
            sigma: predictor.residualSigma, readSeconds: report.seconds)
        guard let s = evaluation.scores else { return }
        nll = JSONNumber(s.nll)
        crps = JSONNumber(s.crps)
        coverage50 = s.coverage50
        coverage90 = s.coverage90
        width50 = JSONNumber(s.width50)
        width90 = JSONNumber(s.width90)
        pit = s.pit
        pitKS = JSONNumber(s.pitKS)
        pitKSCritical95 = s.pitKSCritical95
    }
}
