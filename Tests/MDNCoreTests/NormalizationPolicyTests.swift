import Foundation
import Testing

@testable import MDNCore

/// The shared scaling rule: which data are z-scored under which preset, fitted on which rows,
/// and how losses in normalised units convert back to the data's units.
@Suite struct NormalizationPolicyTests {
    /// x = 0...9; y = 1, 3, ..., 15 for the first eight rows, then two outliers.
    static let data = Dataset(x: (0..<10).map(Float.init), y: [1, 3, 5, 7, 9, 11, 13, 15, 1000, 2000])

    @Test(arguments: [
        (Preset.tutorial, false, false), (.default, false, true), (.tutorial, true, true), (.default, true, true),
    ])
    func automaticRule(preset: Preset, isUserData: Bool, zscore: Bool) {
        #expect(NormalizationPolicy.automatic(preset: preset, isUserData: isUserData).zscore == zscore)
    }

    @Test func fitsOnTheTrainingRowsOnly() {
        // Split 0.2 of 10 rows: the first 8 train. By hand: x 0..7 -> mean 3.5, population
        // variance (12.25 + 6.25 + 2.25 + 0.25) * 2 / 8 = 5.25; y 1..15 step 2 -> mean 8,
        // variance (49 + 25 + 9 + 1) * 2 / 8 = 21. The outliers in the tail are not seen.
        let last = TrainingConfig(validationSplit: 0.2, validationRows: .last)
        let n = NormalizationPolicy(zscore: true).normalizer(for: Self.data, config: last, seed: 1)
        #expect(abs(n.xMean[0] - 3.5) < 1e-6 && abs(Double(n.xStd[0]) - 5.25.squareRoot()) < 1e-5)
        #expect(abs(n.yMean[0] - 8) < 1e-6 && abs(Double(n.yStd[0]) - 21.0.squareRoot()) < 1e-5)
        // The trainer recipe fits its normaliser on the rows its trainer trains on: under the
        // default preset 0.2 of 10 rows (100 / 10, capped at 0.2), drawn at random.
        let recipe = TrainerRecipe(
            preset: .default, seed: 1, normalization: .automatic(preset: .default, isUserData: false))
        let config = recipe.config(for: .mdn, rows: 10)
        #expect(config.validationSplit == 0.2 && config.validationRows == .random)
        let picked = RowSplit(count: 10, config: config, seed: recipe.batchOrderSeed).training
        #expect(recipe.normalizer(for: .mdn, data: Self.data) == Normalizer(fitting: Self.data.rows(at: picked)))
        // No validation split: all ten rows.
        let none = TrainingConfig(validationSplit: 0)
        #expect(NormalizationPolicy(zscore: true).normalizer(for: Self.data, config: none, seed: 1).yMean[0] == 306.4)
    }

    @Test func fitsOnTheRandomTrainingRowsTheTrainerUses() {
        // Random validation rows: the normaliser sees exactly the trainer's training rows.
        let config = TrainingConfig(validationSplit: 0.3, validationRows: .random)
        for seed: UInt64 in [1, 2, 3] {
            let split = RowSplit(count: 10, config: config, seed: seed)
            let n = NormalizationPolicy(zscore: true).normalizer(for: Self.data, config: config, seed: seed)
            let ys = split.training.map { Double(Self.data.y[$0]) }
            let mean = ys.reduce(0, +) / Double(ys.count)
            #expect(abs(Double(n.yMean[0]) - mean) < 1e-3 * max(1, abs(mean)), "seed \(seed)")
            var rng = SeededRNG(seed: 9)
            let trainer = Trainer(
                network: Network(kind: .mse, hidden: [4], rng: &rng), data: Self.data, config: config, seed: seed)
            #expect(trainer.split == split)
        }
    }

    @Test func rawUnitsGiveTheIdentity() {
        let recipe = TrainerRecipe(
            preset: .tutorial, seed: 1, normalization: .automatic(preset: .tutorial, isUserData: false))
        let n = recipe.normalizer(for: .mdn, data: Self.data)
        #expect(n == Normalizer.identity())
        #expect(n.lossInDataUnits(0.7, kind: .mdn) == 0.7 && n.lossInDataUnits(0.7, kind: .mse) == 0.7)
    }

    @Test func lossesConvertToTheDataUnits() {
        // y' = (y - 1) / 2. A Gaussian N(mean 1, sd 4) scoring y = 3, in closed form:
        // data units: 0.5 ln(2 pi) + ln 4 + 0.5 (2 / 4)^2; normalised: mean 0, sd 2, y' = 1:
        // 0.5 ln(2 pi) + ln 2 + 0.5 (1 / 2)^2. Their difference is ln 2 = logJacobian.
        let n = Normalizer(xMean: [0], xStd: [1], yMean: [1], yStd: [2])
        let nllData = 0.5 * log(2 * Double.pi) + log(4.0) + 0.5 * 0.25
        let nllNorm = 0.5 * log(2 * Double.pi) + log(2.0) + 0.5 * 0.25
        #expect(abs(n.nllInDataUnits(nllNorm) - nllData) < 1e-12)
        #expect(abs(n.lossInDataUnits(nllNorm, kind: .mdn) - nllData) < 1e-12)
        // Squared error of 0.5 in normalised units is 0.5 * 2^2 in data units.
        #expect(n.mseInDataUnits(0.5) == 2 && n.lossInDataUnits(0.5, kind: .mse) == 2)
    }
}
