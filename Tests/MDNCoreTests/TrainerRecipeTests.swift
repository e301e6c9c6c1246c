import Testing

@testable import MDNCore

/// The one recipe for trainers: configuration, scaling, initial weights and batch order from
/// the data, preset, K and seed. (That `mdnx train` and the explorer use it, bit for bit, is
/// CLITests' SameSeedTests.)
@Suite struct TrainerRecipeTests {
    /// 400 rows: the default preset's split for that size is 100 / 400 = 0.25, capped at 0.2.
    static let data = Datasets.spiral(count: 400, seed: 9)

    static func recipe(_ preset: Preset = .default, zscore: Bool = true, seed: UInt64 = 7) -> TrainerRecipe {
        TrainerRecipe(preset: preset, mixtures: 3, seed: seed, normalization: NormalizationPolicy(zscore: zscore))
    }

    @Test func kDefaultsToThePresetsForTheSize() {
        let tutorial = TrainerRecipe(preset: .tutorial, seed: 1, normalization: NormalizationPolicy(zscore: false))
        #expect(tutorial.mixtures == nil && tutorial.mixtures(rows: 400) == 20)
        let ours = TrainerRecipe(preset: .default, seed: 1, normalization: NormalizationPolicy(zscore: true))
        #expect(ours.mixtures(rows: 400) == 5 && ours.mixtures(rows: 10_000) == 20)
        #expect(Self.recipe().mixtures(rows: 400) == 3)
    }

    @Test func configIsThePresetsForTheRowCountWithTheOverrides() {
        var recipe = Self.recipe()
        #expect(recipe.config(for: .mdn, rows: 400) == Preset.default.config(for: .mdn, rows: 400))
        #expect(recipe.config(for: .mdn, rows: 400).validationSplit == 0.2)
        recipe.overrides.maxEpochs = 9
        recipe.overrides.validationSplit = 0.5
        let c = recipe.config(for: .mse, rows: 400)
        // The preset's learning rate for 320 training rows: batch 8, 3e-3 * (8 / 128)^(1/4) = 1.5e-3.
        #expect(c.maxEpochs == 9 && c.validationSplit == 0.5 && abs(c.learningRate - 1.5e-3) < 1e-9)
    }

    @Test("weights from SeededRNG(seed), the same stream for both kinds", arguments: ModelKind.allCases)
    func initialWeights(kind: ModelKind) {
        var rng = SeededRNG(seed: 7)
        let expected = Preset.default.makeNetwork(kind: kind, mixtures: 3, rng: &rng)
        #expect(Self.recipe().network(kind, inputDimension: 1, outputDimension: 1, rows: 400) == expected)
        #expect(Self.recipe().trainer(kind, data: Self.data).trainer.network == expected)
        #expect(Self.recipe(seed: 8).network(kind, inputDimension: 1, outputDimension: 1, rows: 400) != expected)
    }

    @Test("the trainer: the preset's config, scaled data, batch order from seed + 1")
    func trainerMatchesItsIngredients() {
        var short = Self.recipe()
        short.overrides.maxEpochs = 2
        let prepared = short.trainer(.mdn, data: Self.data)
        // The normaliser is fitted on the 320 training rows (not the 80 validation rows, drawn
        // at random under the default preset with the batch-order seed).
        let config = short.config(for: .mdn, rows: 400)
        let rows = RowSplit(count: 400, config: config, seed: 8).training
        #expect(rows.count == 320 && rows != Array(0..<320))
        #expect(prepared.normalizer == Normalizer(fitting: Self.data.rows(at: rows)))
        #expect(prepared.trainer.trainingCount == 320 && prepared.trainer.validationCount == 80)
        // Built by hand from the same ingredients, it trains the same weights.
        let byHand = Trainer(
            network: short.network(.mdn, inputDimension: 1, outputDimension: 1, rows: 400),
            data: prepared.normalizer.normalize(Self.data), config: config, seed: 8)
        prepared.trainer.fit()
        byHand.fit()
        #expect(prepared.trainer.network == byHand.network)
        #expect(short.batchOrderSeed == 8 && short.weightSeed == 7)
    }

    @Test func rawUnitsGiveTheIdentity() {
        let prepared = Self.recipe(.tutorial, zscore: false).trainer(.mse, data: Self.data)
        #expect(prepared.normalizer == Normalizer.identity())
        // The tutorial's 0.15 split: 340 rows train.
        #expect(prepared.trainer.trainingCount == 340)
    }

    @Test func theSeedWrapsAroundForTheBatchOrder() {
        #expect(Self.recipe(seed: .max).batchOrderSeed == 0)
    }
}
