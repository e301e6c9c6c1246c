/// `mdnx eval --json`'s one object: the scores of a model on a CSV file, in the data's units.
struct EvalRecord: Encodable, Equatable {
    /// The checkpoint's path.
    var model: String
    /// The CSV file's path.
    var data: String
    /// "mdn" or "mse".
    var kind: String
    /// Rows scored.
    var rows: Int
    /// Rows dropped for missing values (--drop-missing).
    var rowsDropped: Int
    /// Mean squared error of the predictions (the mixture mean for an mdn).
    var mse: JSONNumber
    /// Mean negative log-likelihood, nats per row (mdn only).
    var nll: JSONNumber?
    /// Seconds spent reading the CSV file.
    var readSeconds: Double

    private enum CodingKeys: String, CodingKey {
        case model, data, kind, rows, mse, nll
        case rowsDropped = "rows_dropped"
        case readSeconds = "read_seconds"
    }
}
