import MDNCore

/// `mdnx train --json`'s line for one epoch: `{"event":"epoch","model":"mdn","epoch":1,...}`.
struct TrainEpochRecord: Encodable, Equatable {
    /// Always "epoch".
    let event = "epoch"
    /// "mdn" or "mse".
    let model: String
    /// 1-based epoch number.
    let epoch: Int
    /// Running mean of the batch losses over the epoch (training units); null when it is not
    /// finite (the epoch in which training diverged).
    let loss: JSONNumber
    /// Validation loss after the epoch (absent without validation rows; null if not finite).
    let valLoss: JSONNumber?
    /// Learning rate used during the epoch.
    let learningRate: Double
    /// Wall time of the epoch, milliseconds.
    let ms: Double

    private enum CodingKeys: String, CodingKey {
        case event, model, epoch, loss, ms
        case valLoss = "val_loss"
        case learningRate = "learning_rate"
    }

    /// The record of `report` for a model of `kind`. The learning rate is written as the
    /// float's shortest decimal (0.003, not 0.0030000000260770321).
    init(kind: ModelKind, _ report: EpochReport) {
        model = kind.rawValue
        epoch = report.epoch
        loss = JSONNumber(report.loss)
        valLoss = report.valLoss.map(JSONNumber.init)
        learningRate = Double("\(report.learningRate)") ?? Double(report.learningRate)
        ms = report.milliseconds
    }
}

/// `mdnx train --json`'s last line when training fails (a non-finite loss):
/// `{"event":"error","model":"mdn","epoch":3,"reason":"non_finite","message":"..."}`.
struct TrainErrorRecord: Encodable, Equatable {
    /// Always "error".
    let event = "error"
    /// "mdn" or "mse".
    let model: String
    /// The epoch in which training failed.
    let epoch: Int
    /// Why, as a token: "non_finite".
    let reason: String
    /// The one-line message also printed on standard error.
    let message: String

    private enum CodingKeys: String, CodingKey {
        case event, model, epoch, reason, message
    }
}
