import Testing

@testable import MDNCore

/// The default preset's size rule (`Budget`), checked against values worked out by hand
/// from the formula in its documentation.
@Suite struct BudgetTests {
    /// rows, validation split, training rows, batch, steps per pass, steps per epoch, max epochs, patience.
    static let mdnCases: [(Int, Double, Int, Int, Int, Int?, Int, Int)] = [
        // 100 rows: split 0.2 -> 80 train; 80 / 64 = 1.25 -> 8 (the floor); 10 steps a pass;
        // 45,000 / 10 = 4,500 epochs; patience min(200, 1,125).
        (100, 0.2, 80, 8, 10, nil, 4_500, 200),
        // 1,000 rows: 0.1 -> 900; 14.1 lies between 8 * sqrt 2 and 16 * sqrt 2 -> 16; 57 steps
        // (56.25 rounded up); 45,000 / 57 = 789.47 -> 789; 0.25 * 789 = 197.25 -> 197.
        (1_000, 0.1, 900, 16, 57, nil, 789, 197),
        // 2,000 rows: 0.05 -> 1,900; 29.7 lies between 16 * sqrt 2 and 32 * sqrt 2 -> 32;
        // ceil(1,900 / 32) = 60; 45,000 / 60 = 750; 0.25 * 750 = 187.5 -> 188.
        (2_000, 0.05, 1_900, 32, 60, nil, 750, 188),
        // The spiral's 10,000 rows: 9,500 train, batch 128, 75 steps, 600 epochs, patience 150,
        // the recipe the default preset was tuned with.
        (10_000, 0.05, 9_500, 128, 75, nil, 600, 150),
        // 2,000,000 rows: 20,000 validate (1%); 1,980,000 / 64 -> 512 (the cap); 3,868 steps a
        // pass, so epochs of 1,000 steps; 45 of them; patience 11.
        (2_000_000, 0.01, 1_980_000, 512, 3_868, 1_000, 45, 11),
    ]

    @Test func mdnBudgets() {
        for (rows, split, train, batch, pass, epochSteps, epochs, patience) in Self.mdnCases {
            let b = Budget(kind: .mdn, rows: rows)
            #expect(abs(b.validationSplit - split) < 1e-12, "rows \(rows)")
            #expect(b.trainingRows == train && b.batchSize == batch && b.stepsPerPass == pass, "rows \(rows)")
            #expect(b.stepsPerEpoch == epochSteps && b.maxEpochs == epochs && b.patience == patience, "rows \(rows)")
        }
        #expect(Budget(kind: .mdn, rows: 2_000_000).steps == 45_000)
    }

    @Test func learningRateShrinksWithSmallBatches() {
        // 3e-3 * (8 / 128)^(1/4) = 3e-3 / 2, 3e-3 * (16 / 128)^(1/4) = 3e-3 * 0.594604 and
        // 3e-3 * (32 / 128)^(1/4) = 3e-3 / sqrt(2); 3e-3 from batch 128 up.
        #expect(abs(Budget(kind: .mdn, rows: 100).learningRate - 1.5e-3) < 1e-8)
        #expect(abs(Budget(kind: .mdn, rows: 1_000).learningRate - 1.783_811e-3) < 1e-8)
        #expect(abs(Budget(kind: .mdn, rows: 2_000).learningRate - 2.121_320e-3) < 1e-8)
        #expect(Budget(kind: .mdn, rows: 10_000).learningRate == 3e-3)
        #expect(Budget(kind: .mdn, rows: 2_000_000).learningRate == 3e-3)
    }

    @Test func mseKeepsItsSpiralRecipe() {
        // 18,750 steps = 250 epochs of 75; patience 0.32 * 250 = 80.
        let b = Budget(kind: .mse, rows: 10_000)
        #expect(b.maxEpochs == 250 && b.patience == 80 && b.batchSize == 128)
    }

    @Test func presetAppliesTheBudget() {
        for rows in [100, 2_000, 10_000, 2_000_000] {
            let b = Budget(kind: .mdn, rows: rows)
            let c = Preset.default.config(for: .mdn, rows: rows)
            #expect(c.batchSize == b.batchSize && c.maxEpochs == b.maxEpochs && c.stepsPerEpoch == b.stepsPerEpoch)
            #expect(c.learningRate == b.learningRate && c.earlyStopping?.patience == b.patience)
            #expect(c.validationRows == .random && c.validationSplit == b.validationSplit)
        }
    }

    @Test func batchNeverExceedsTheTrainingRows() {
        for rows in 2...40 {
            let b = Budget(kind: .mdn, rows: rows)
            #expect(b.batchSize <= b.trainingRows && b.batchSize >= 1, "rows \(rows)")
        }
    }
}
