/// How training scales its data, and on which rows the scaling is fitted: the one rule
/// `mdnx train` and the explorer share, so the two cannot drift apart.
///
/// The automatic rule z-scores a user's data (a CSV's units can be anything) under every
/// preset, and the built-in data sets under the default preset; built-in data under the
/// tutorial preset stays in raw units, as the Keras tutorial trains. A z-scoring normaliser
/// is fitted on the training rows only (`RowSplit`, the trainer's own choice), not on the
/// validation rows the trainer holds out.
public struct NormalizationPolicy: Sendable, Equatable {
    /// Train on z-scored columns (otherwise on the raw values).
    public var zscore: Bool

    /// A fixed choice (e.g. `mdnx train --normalize zscore|none`).
    public init(zscore: Bool) {
        self.zscore = zscore
    }

    /// The automatic rule: z-score user data always, built-in data unless the preset is
    /// `.tutorial`.
    public static func automatic(preset: Preset, isUserData: Bool) -> NormalizationPolicy {
        NormalizationPolicy(zscore: isUserData || preset != .tutorial)
    }

    /// The normaliser for training on `data` under `config` with the trainer's `seed`:
    /// z-scoring fitted on the rows that train (`RowSplit(count:config:seed:)`), or the
    /// identity when this policy keeps raw units.
    public func normalizer(for data: Dataset, config: TrainingConfig, seed: UInt64) -> Normalizer {
        guard zscore else {
            return .identity(inputDimension: data.inputDimension, outputDimension: data.outputDimension)
        }
        let split = RowSplit(count: data.count, config: config, seed: seed)
        precondition(!split.training.isEmpty, "no training rows to fit a normaliser on")
        if config.validationRows == .last { return Normalizer(fitting: data.rows(0..<split.training.count)) }
        return Normalizer(fitting: data.rows(at: split.training))
    }
}
