/// A quantity a callback watches: the epoch's running training loss or its validation loss.
public enum Monitor: String, Sendable, Codable, CaseIterable {
    /// The running mean of the batch losses over the epoch.
    case loss
    /// The loss on the validation split, measured after the epoch.
    case valLoss = "val_loss"
}

/// Keras's EarlyStopping: stop when `monitor` has not improved (by more than `minDelta`)
/// for `patience` epochs.
public struct EarlyStoppingConfig: Sendable, Equatable, Codable {
    /// Watched quantity.
    public var monitor: Monitor
    /// Epochs without improvement before stopping.
    public var patience: Int
    /// Restore the best epoch's weights when training ends (see `Trainer`).
    public var restoreBestWeights: Bool
    /// Improvement threshold (Keras default 0).
    public var minDelta: Double

    /// An early-stopping rule (Keras defaults for minDelta).
    public init(monitor: Monitor, patience: Int, restoreBestWeights: Bool = false, minDelta: Double = 0) {
        precondition(patience >= 0, "patience must be >= 0")
        self.monitor = monitor
        self.patience = patience
        self.restoreBestWeights = restoreBestWeights
        self.minDelta = minDelta
    }
}

/// Keras's ReduceLROnPlateau: multiply the learning rate by `factor` when `monitor` has not
/// improved by more than `minDelta` for `patience` epochs.
public struct ReduceLROnPlateauConfig: Sendable, Equatable, Codable {
    /// Watched quantity.
    public var monitor: Monitor
    /// Epochs without improvement before reducing.
    public var patience: Int
    /// Multiplier (Keras default 0.1).
    public var factor: Float
    /// Improvement threshold (Keras default 1e-4).
    public var minDelta: Double
    /// Epochs to wait after a reduction (Keras default 0).
    public var cooldown: Int
    /// Floor for the learning rate (Keras default 0).
    public var minLearningRate: Float

    /// A plateau rule with Keras's defaults.
    public init(
        monitor: Monitor, patience: Int, factor: Float = 0.1, minDelta: Double = 1e-4,
        cooldown: Int = 0, minLearningRate: Float = 0
    ) {
        precondition(factor > 0 && factor < 1, "factor must be in (0, 1)")
        precondition(patience >= 0 && cooldown >= 0, "patience and cooldown must be >= 0")
        self.monitor = monitor
        self.patience = patience
        self.factor = factor
        self.minDelta = minDelta
        self.cooldown = cooldown
        self.minLearningRate = minLearningRate
    }
}

/// The learning rate's course over epochs (ReduceLROnPlateau, if configured, scales it further).
public enum LearningRateSchedule: Sendable, Equatable, Codable {
    /// The initial rate throughout (Keras's default).
    case constant
    /// Cosine decay per epoch from the initial rate to `finalFactor` times it at `maxEpochs`:
    /// lr(e) = lr0 * (f + (1 - f) * 0.5 * (1 + cos(pi * e / maxEpochs))), e = 0-based epoch.
    case cosine(finalFactor: Float)

    /// Multiplier of the initial rate for 0-based epoch `e` of `total`.
    public func factor(epoch e: Int, of total: Int) -> Float {
        switch self {
        case .constant: return 1
        case .cosine(let f):
            let t = Double(min(e, total)) / Double(max(total, 1))
            return Float(Double(f) + (1 - Double(f)) * 0.5 * (1 + _cos(Double.pi * t)))
        }
    }
}

/// How a model is trained: optimiser settings, batching, validation split and callbacks.
public struct TrainingConfig: Sendable, Equatable, Codable {
    /// Adam's initial learning rate.
    public var learningRate: Float
    /// Rows per gradient step (the last batch of an epoch may be smaller).
    public var batchSize: Int
    /// Upper bound on epochs.
    public var maxEpochs: Int
    /// Fraction of rows held out for validation (Keras's count: see `RowSplit`).
    public var validationSplit: Double
    /// Which rows validate: the last ones (Keras) or a seeded random choice.
    public var validationRows: ValidationRows
    /// Gradient steps per epoch (Keras's `steps_per_epoch`), or nil for one pass over the
    /// training rows. An epoch is the unit of reports, validation and the callbacks' patience;
    /// with a step count, batches keep going through the shuffled rows across epoch
    /// boundaries and the rows are reshuffled after each full pass.
    public var stepsPerEpoch: Int?
    /// Early stopping, if any.
    public var earlyStopping: EarlyStoppingConfig?
    /// Learning-rate reduction on plateaus, if any.
    public var reduceLROnPlateau: ReduceLROnPlateauConfig?
    /// The learning rate's course over epochs.
    public var schedule: LearningRateSchedule
    /// Momentum of an exponential moving average of the weights, updated after every step
    /// (Keras's `use_ema` / `ema_momentum`), or nil for none. When set, validation,
    /// callbacks, `Trainer.network` and the final weights use the average.
    public var averaging: Float?

    /// A configuration; defaults are the tutorial's: Adam at Keras's 1e-3, batch 128 (Keras's
    /// own default is 32), 300 epochs of one pass each, validation split 0.15 on the last rows,
    /// no callbacks.
    public init(
        learningRate: Float = 1e-3, batchSize: Int = 128, maxEpochs: Int = 300,
        validationSplit: Double = 0.15, validationRows: ValidationRows = .last, stepsPerEpoch: Int? = nil,
        earlyStopping: EarlyStoppingConfig? = nil, reduceLROnPlateau: ReduceLROnPlateauConfig? = nil,
        schedule: LearningRateSchedule = .constant, averaging: Float? = nil
    ) {
        precondition(learningRate > 0, "learning rate must be positive")
        precondition(batchSize >= 1, "batch size must be >= 1")
        precondition(maxEpochs >= 1, "max epochs must be >= 1")
        precondition(validationSplit >= 0 && validationSplit < 1, "validation split must be in [0, 1)")
        precondition(stepsPerEpoch.map { $0 >= 1 } ?? true, "steps per epoch must be >= 1")
        precondition(averaging.map { $0 >= 0 && $0 < 1 } ?? true, "averaging momentum must be in [0, 1)")
        self.learningRate = learningRate
        self.batchSize = batchSize
        self.maxEpochs = maxEpochs
        self.validationSplit = validationSplit
        self.validationRows = validationRows
        self.stepsPerEpoch = stepsPerEpoch
        self.earlyStopping = earlyStopping
        self.reduceLROnPlateau = reduceLROnPlateau
        self.schedule = schedule
        self.averaging = averaging
    }
}
