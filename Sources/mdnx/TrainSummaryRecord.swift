/// `mdnx train --json`'s line for one finished model: `{"event":"summary","model":"mdn",...}`.
/// Optional fields are left out when they do not apply; `JSONNumber` fields are null when
/// not finite.
struct TrainSummaryRecord: Encodable, Equatable {
    /// Always "summary".
    let event = "summary"
    /// "mdn" or "mse".
    var model: String
    /// The preset's name.
    var preset: String
    /// Epochs completed.
    var epochs: Int
    /// Why training ended (`StopReason`'s raw value, e.g. "max_epochs").
    var stopReason: String
    /// Wall time of this model (scaling, training, scoring), milliseconds.
    var wallMs: Double
    /// The seed of the data, weights and batch order.
    var seed: UInt64
    /// Trainable values.
    var parameters: Int
    /// Whether the data were z-scored for training.
    var normalized: Bool
    /// Rows trained on.
    var trainingRows: Int
    /// Rows held out for val_loss.
    var validationRows: Int
    /// Add to an NLL in training units to get it in the data's units (z-scored mdn only).
    var nllOffset: Double?
    /// CSV rows read (CSV data only).
    var csvRows: Int?
    /// CSV rows dropped for missing values (CSV data only).
    var csvRowsDropped: Int?
    /// CSV reading speed (CSV data only).
    var csvRowsPerSecond: JSONNumber?
    /// Mixture components K (mdn only).
    var mixtures: Int?
    /// Whether `--mixtures auto` chose K (mdn only).
    var mixturesAuto: Bool?
    /// The epoch whose weights the model holds, if the best were restored.
    var restoredEpoch: Int?
    /// The last epoch's training loss.
    var finalLoss: Double?
    /// The last epoch's validation loss.
    var finalValLoss: Double?
    /// Mean NLL of the --holdout rows in the data's units (mdn with --holdout).
    var holdoutNLL: JSONNumber?
    /// MSE of the --holdout rows in the data's units (mse with --holdout).
    var holdoutMSE: JSONNumber?
    /// Rows held out by --holdout.
    var holdoutRows: Int?
    /// The checkpoint written (--save).
    var saved: String?

    private enum CodingKeys: String, CodingKey {
        case event, model, preset, epochs, seed, parameters, normalized, mixtures, saved
        case stopReason = "stop_reason"
        case wallMs = "wall_ms"
        case trainingRows = "training_rows"
        case validationRows = "validation_rows"
        case nllOffset = "nll_offset"
        case csvRows = "csv_rows"
        case csvRowsDropped = "csv_rows_dropped"
        case csvRowsPerSecond = "csv_rows_per_second"
        case mixturesAuto = "mixtures_auto"
        case restoredEpoch = "restored_epoch"
        case finalLoss = "final_loss"
        case finalValLoss = "final_val_loss"
        case holdoutNLL = "holdout_nll"
        case holdoutMSE = "holdout_mse"
        case holdoutRows = "holdout_rows"
    }
}
