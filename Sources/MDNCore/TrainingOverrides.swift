/// Changes to a preset's `TrainingConfig` asked for by the user (`mdnx train`'s flags); nil
/// keeps the preset's value. `TrainerRecipe` applies them after the preset's size rule.
public struct TrainingOverrides: Sendable, Equatable {
    /// Maximum epochs.
    public var maxEpochs: Int?
    /// Rows per gradient step.
    public var batchSize: Int?
    /// Adam's initial learning rate.
    public var learningRate: Float?
    /// The learning rate's course over epochs.
    public var schedule: LearningRateSchedule?
    /// Early-stopping patience; a preset without early stopping gains EarlyStopping(val_loss,
    /// this patience, restore best weights).
    public var patience: Int?
    /// ReduceLROnPlateau patience; 0 turns plateau reduction off, and a preset without it gains
    /// ReduceLROnPlateau(val_loss, this patience).
    public var plateauPatience: Int?
    /// Weight-average momentum; 0 turns averaging off.
    public var averaging: Float?
    /// Fraction of rows held out for val_loss.
    public var validationSplit: Double?
    /// Which rows validate (last or random).
    public var validationRows: ValidationRows?
    /// Gradient steps per epoch; 0 means one pass over the training rows.
    public var stepsPerEpoch: Int?
    /// Restore the best epoch's weights at the end (when early stopping is configured).
    public var restoreBestWeights: Bool?
    /// Quantity watched by early stopping and plateau reduction.
    public var monitor: Monitor?

    /// No overrides: the preset's configuration as it is.
    public init(
        maxEpochs: Int? = nil, batchSize: Int? = nil, learningRate: Float? = nil,
        schedule: LearningRateSchedule? = nil, patience: Int? = nil, plateauPatience: Int? = nil,
        averaging: Float? = nil, validationSplit: Double? = nil, validationRows: ValidationRows? = nil,
        stepsPerEpoch: Int? = nil, restoreBestWeights: Bool? = nil, monitor: Monitor? = nil
    ) {
        self.maxEpochs = maxEpochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.schedule = schedule
        self.patience = patience
        self.plateauPatience = plateauPatience
        self.averaging = averaging
        self.validationSplit = validationSplit
        self.validationRows = validationRows
        self.stepsPerEpoch = stepsPerEpoch
        self.restoreBestWeights = restoreBestWeights
        self.monitor = monitor
    }

    /// `config` with these overrides applied.
    public func applied(to config: TrainingConfig) -> TrainingConfig {
        var config = config
        if let maxEpochs { config.maxEpochs = maxEpochs }
        if let batchSize { config.batchSize = batchSize }
        if let learningRate { config.learningRate = learningRate }
        if let schedule { config.schedule = schedule }
        if let patience {
            config.earlyStopping =
                config.earlyStopping
                ?? EarlyStoppingConfig(monitor: .valLoss, patience: patience, restoreBestWeights: true)
            config.earlyStopping?.patience = patience
        }
        if let validationSplit { config.validationSplit = validationSplit }
        if let validationRows { config.validationRows = validationRows }
        if let stepsPerEpoch { config.stepsPerEpoch = stepsPerEpoch > 0 ? stepsPerEpoch : nil }
        if let restoreBestWeights { config.earlyStopping?.restoreBestWeights = restoreBestWeights }
        if let averaging { config.averaging = averaging > 0 ? averaging : nil }
        if let plateauPatience {
            if plateauPatience == 0 {
                config.reduceLROnPlateau = nil
            } else {
                config.reduceLROnPlateau =
                    config.reduceLROnPlateau ?? ReduceLROnPlateauConfig(monitor: .valLoss, patience: plateauPatience)
                config.reduceLROnPlateau?.patience = plateauPatience
            }
        }
        if let monitor {
            config.earlyStopping?.monitor = monitor
            config.reduceLROnPlateau?.monitor = monitor
        }
        return config
    }
}
