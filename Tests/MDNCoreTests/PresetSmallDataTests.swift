import Testing

@testable import MDNCore

/// The default preset's validation split grows on small data sets; the tutorial's does not.
@Suite struct PresetSmallDataTests {
    @Test func defaultKeepsAtLeastAHundredValidationRowsUpToAFifth() {
        // Hand-computed: max(0.05, min(0.2, 100 / n)).
        let cases: [(rows: Int, split: Double)] = [
            (10, 0.2), (200, 0.2), (500, 0.2), (1_000, 0.1),
            (2_000, 0.05), (10_000, 0.05), (400_000, 0.05), (1_000_000, 0.02),
        ]
        for (rows, split) in cases {
            for kind in ModelKind.allCases {
                #expect(
                    abs(Preset.default.config(for: kind, rows: rows).validationSplit - split) < 1e-12, "rows \(rows)")
            }
        }
    }

    @Test func validationRowsForSmallSets() {
        // 200 rows -> 40 validation rows; 1,000 -> 100; 12 -> 3 (floor(12 * 0.8) = 9 train).
        for (rows, validation) in [(200, 40), (1_000, 100), (12, 3)] {
            let split = Preset.default.config(for: .mdn, rows: rows).validationSplit
            #expect(rows - Trainer.trainingRowCount(count: rows, validationSplit: split) == validation)
        }
    }

    @Test func defaultUsesFiveComponentsBelowTwoThousandRows() {
        #expect(Preset.default.mixtures(rows: 100) == 5 && Preset.default.mixtures(rows: 1_999) == 5)
        #expect(Preset.default.mixtures(rows: 2_000) == 20 && Preset.default.mixtures(rows: 10_000) == 20)
        #expect(Preset.tutorial.mixtures(rows: 100) == 20)
    }

    @Test func tutorialNetworkIsKerasInitialisation() {
        // The tutorial's network is exactly Network's Keras initialisation (same rng stream).
        var a = SeededRNG(seed: 4)
        var b = SeededRNG(seed: 4)
        let tutorial = Preset.tutorial.makeNetwork(kind: .mdn, mixtures: 3, rng: &a)
        let keras = Network(kind: .mdn, hidden: [128, 128], mixtures: 3, rng: &b)
        #expect(tutorial == keras && a.next() == b.next())
    }

    @Test func defaultNetworkSpreadsTheHiddenBiases() {
        var a = SeededRNG(seed: 4)
        var b = SeededRNG(seed: 4)
        let spread = Preset.default.makeNetwork(kind: .mdn, mixtures: 3, rng: &a)
        let keras = Network(kind: .mdn, hidden: [128, 128], mixtures: 3, rng: &b)
        // Same kernels and head; hidden biases drawn within +-1/sqrt(fan_in): 1 for the first
        // layer (one input), 1/sqrt(128) for the second.
        #expect(spread.head == keras.head)
        for (l, bound) in zip(spread.trunk.layers.indices, [Float(1), Float(1 / 128.0.squareRoot())]) {
            #expect(spread.trunk.layers[l].weights == keras.trunk.layers[l].weights)
            let bias = spread.trunk.layers[l].bias
            #expect(bias.allSatisfy { abs($0) <= bound } && bias.contains { abs($0) > bound / 2 })
            #expect(Set(bias).count == bias.count)
        }
    }

    @Test func tutorialIsUnchangedBySize() {
        for rows in [10, 200, 100_000] {
            #expect(Preset.tutorial.config(for: .mdn, rows: rows) == Preset.tutorial.config(for: .mdn))
        }
    }
}
