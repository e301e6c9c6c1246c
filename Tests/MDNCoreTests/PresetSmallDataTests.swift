import Testing

@testable import MDNCore

/// The default preset's validation split grows on small data sets; the tutorial's does not.
@Suite struct PresetSmallDataTests {
    @Test func defaultKeepsAtLeastAHundredValidationRowsUpToAFifth() {
        // Hand-computed: max(0.05, min(0.2, 100 / n)).
        let cases: [(rows: Int, split: Double)] = [
            (10, 0.2), (200, 0.2), (500, 0.2), (1_000, 0.1),
            (2_000, 0.05), (10_000, 0.05),
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

    @Test func tutorialIsUnchangedBySize() {
        for rows in [10, 200, 100_000] {
            #expect(Preset.tutorial.config(for: .mdn, rows: rows) == Preset.tutorial.config(for: .mdn))
        }
    }
}
