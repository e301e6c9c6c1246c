import Testing

@testable import MDNCore

/// The trainer's validation rows (last or random) and epochs counted in steps.
@Suite struct TrainerRowsTests {
    static let data = Datasets.spiral(count: 600, seed: 2)

    func makeTrainer(_ kind: ModelKind = .mdn, config: TrainingConfig, seed: UInt64 = 1) -> Trainer {
        var rng = SeededRNG(seed: seed)
        let net = Network(kind: kind, hidden: [16, 16], mixtures: 3, rng: &rng)
        return Trainer(network: net, data: Self.data, config: config, seed: seed)
    }

    @Test func randomValidationRowsAreTheOnesScored() {
        let config = TrainingConfig(maxEpochs: 2, validationSplit: 0.15, validationRows: .random)
        let t = makeTrainer(config: config)
        #expect(t.trainingCount == 510 && t.validationCount == 90)
        #expect(t.split == RowSplit(count: 600, validationSplit: 0.15, rule: .random, seed: 1))
        #expect(t.split.validation.contains { $0 < 510 })  // not the tail
        t.fit()
        // val_loss is the final network's loss on exactly the split's validation rows.
        let val = Evaluation.loss(network: t.network, dataset: Self.data.rows(at: t.split.validation))
        #expect(abs(val - t.history.last!.valLoss!) < 1e-9)
    }

    @Test func tutorialPresetStillValidatesOnTheLastRows() {
        for kind in ModelKind.allCases {
            let t = makeTrainer(kind, config: Preset.tutorial.config(for: kind, rows: 600))
            #expect(t.split.validation == Array(510..<600) && t.split.training == Array(0..<510))
        }
    }

    @Test func onePassPerEpochIsTheSameAsItsStepCount() {
        // 510 training rows at batch 128 = 4 steps per pass: naming the count changes nothing.
        let plain = makeTrainer(config: TrainingConfig(maxEpochs: 3))
        let counted = makeTrainer(config: TrainingConfig(maxEpochs: 3, stepsPerEpoch: 4))
        plain.fit()
        counted.fit()
        #expect(plain.stepsPerEpoch == 4)
        #expect(plain.network == counted.network && plain.history.map(\.loss) == counted.history.map(\.loss))
    }

    @Test func stepsCarryOverEpochBoundaries() {
        // Four epochs of two steps walk the same batches as two epochs of one pass (4 steps):
        // the second half of a pass continues where the first epoch stopped.
        let passes = makeTrainer(config: TrainingConfig(maxEpochs: 2))
        let halves = makeTrainer(config: TrainingConfig(maxEpochs: 4, stepsPerEpoch: 2))
        passes.fit()
        halves.fit()
        #expect(passes.network == halves.network)
        // Eight steps across one epoch: two passes, reshuffled in between.
        let long = makeTrainer(config: TrainingConfig(maxEpochs: 1, stepsPerEpoch: 8))
        long.fit()
        #expect(long.network == passes.network)
    }
}
