/// The one way mdnx makes a trainer: for a data set, a preset, K and a seed, the training
/// configuration, the scaling, the initial weights and the batch order. `mdnx train`, the
/// explorer and the tests all call it, so the same inputs give a bit-identical model in each.
///
/// The seed rule: the initial weights are drawn from `SeededRNG(seed: weightSeed)` and the
/// trainer shuffles its batches with `batchOrderSeed`, for every model kind. (A built-in data
/// set is generated from the same seed by its caller: `DatasetName.generate(count:seed:)`.)
public struct TrainerRecipe: Sendable, Equatable {
    /// Network widths and the training configuration per model kind.
    public var preset: Preset
    /// Mixture components K of the MDN (an MSE network ignores it), or nil for the preset's
    /// K for the data's size (`Preset.mixtures(rows:)`).
    public var mixtures: Int?
    /// The seed everything random in training derives from.
    public var seed: UInt64
    /// Whether the data are z-scored (fitted on each model's training rows).
    public var normalization: NormalizationPolicy
    /// The user's changes to the preset's configuration.
    public var overrides: TrainingOverrides
    /// Threads that may share each step (`Trainer`, `StepPlan`); the model is the same for
    /// every count.
    public var threads: Int = 1

    /// A recipe; `mixtures` nil means the preset's K for the data's size.
    public init(
        preset: Preset, mixtures: Int? = nil, seed: UInt64, normalization: NormalizationPolicy,
        overrides: TrainingOverrides = TrainingOverrides()
    ) {
        precondition(mixtures.map { $0 >= 1 } ?? true, "a mixture needs at least one component")
        self.preset = preset
        self.mixtures = mixtures
        self.seed = seed
        self.normalization = normalization
        self.overrides = overrides
    }

    /// The seed of the initial weights: the recipe's seed itself.
    public var weightSeed: UInt64 { seed }
    /// The seed of the batch order: the recipe's seed plus one (wrapping), so that weights and
    /// batches come from different streams.
    public var batchOrderSeed: UInt64 { seed &+ 1 }

    /// The configuration for training `kind` on `rows` rows: the preset's for that many rows
    /// (`Preset.config(for:rows:)`), with the overrides applied.
    public func config(for kind: ModelKind, rows: Int) -> TrainingConfig {
        overrides.applied(to: preset.config(for: kind, rows: rows))
    }

    /// K for training on `rows` rows: the recipe's, or the preset's for that size.
    public func mixtures(rows: Int) -> Int { mixtures ?? preset.mixtures(rows: rows) }

    /// The normaliser `kind` trains with on `data`: the policy fitted on the rows the trainer
    /// will train on (not its validation rows: `RowSplit` with the batch-order seed).
    public func normalizer(for kind: ModelKind, data: Dataset) -> Normalizer {
        normalization.normalizer(for: data, config: config(for: kind, rows: data.count), seed: batchOrderSeed)
    }

    /// A freshly initialised network of `kind` for `rows` rows of data: the preset's widths and
    /// initialisation (`Preset.makeNetwork`), `mixtures(rows:)` components (mdn), weights
    /// drawn from `weightSeed`.
    public func network(_ kind: ModelKind, inputDimension: Int, outputDimension: Int, rows: Int) -> Network {
        var rng = SeededRNG(seed: weightSeed)
        return preset.makeNetwork(
            kind: kind, inputDimension: inputDimension, outputDimension: outputDimension,
            mixtures: mixtures(rows: rows), rng: &rng)
    }

    /// A trainer of `kind` on `data` (in the data's units; it is scaled here), ready to run.
    public func trainer(_ kind: ModelKind, data: Dataset) -> PreparedTrainer {
        trainer(kind, data: data, config: config(for: kind, rows: data.count))
    }

    /// A trainer of `kind` on `data` that trains with `config` instead of `config(for:rows:)`
    /// (a screening run's shorter budget, `MixtureSearch.screeningTrainer`), with the recipe's
    /// scaling (fitted on `config`'s training rows), weights and batch order.
    public func trainer(_ kind: ModelKind, data: Dataset, config: TrainingConfig) -> PreparedTrainer {
        let normalizer = normalization.normalizer(for: data, config: config, seed: batchOrderSeed)
        let network = network(
            kind, inputDimension: data.inputDimension, outputDimension: data.outputDimension, rows: data.count)
        let scaled = normalization.zscore ? normalizer.normalize(data) : data
        return PreparedTrainer(
            kind: kind,
            trainer: Trainer(network: network, data: scaled, config: config, seed: batchOrderSeed, threads: threads),
            normalizer: normalizer)
    }
}

/// What `TrainerRecipe.trainer(_:data:)` makes: the trainer, and the normaliser that maps the
/// data into its units and its predictions back (store it with the model).
public struct PreparedTrainer {
    /// The model kind.
    public let kind: ModelKind
    /// The trainer, on the scaled data, not started.
    public let trainer: Trainer
    /// The scaling the trainer's data went through (the identity for raw units).
    public let normalizer: Normalizer
}
