import Foundation
import MDNCore
import Testing

/// Training on 100-300 rows: no crash, a non-empty validation split, early stopping that
/// keeps a model better than one that ignores x.
@Suite struct SmallDataTests {
    @Test(arguments: [100, 200, 300])
    func bishopTrainsWithValidationRows(rows: Int) throws {
        let files = try CLIFiles()
        try files.bishop("d.csv", count: rows, seed: 5)
        let r = try files.run([
            "train", "--data", "d.csv", "--x", "x", "--y", "y", "--holdout", "20", "--json",
            "--save", "m.safetensors",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let summary = try jsonObject(r.outputLines.last ?? "")
        let n = rows - 20
        // Default preset on small data: 20% of the rows validate (at least 1).
        let validation = n - Int((Double(n) * 0.8).rounded(.down))
        #expect(summary["validation_rows"] as? Int == validation && validation >= 1)
        let epochs = try #require(summary["epochs"] as? Int)
        #expect(epochs >= 20 && epochs <= Budget(kind: .mdn, rows: n).maxEpochs)
        #expect((summary["holdout_nll"] as? Double)?.isFinite == true)
    }

    @Test func tinyFileStillValidatesOnOneRow() throws {
        let files = try CLIFiles()
        try files.bishop("d.csv", count: 10)
        let r = try files.run([
            "train", "--data", "d.csv", "--x", "x", "--y", "y", "--epochs", "3", "--preset", "tutorial",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        // Tutorial split 0.15 of 10 rows: floor(8.5) = 8 train, 2 validation.
        #expect(r.stdout.contains("mdn: 8 training rows, 2 validation rows"))
    }

    @Test func zeroValidationSplitIsSaidClearly() throws {
        let files = try CLIFiles()
        try files.bishop("d.csv", count: 50)
        let r = try files.run([
            "train", "--data", "d.csv", "--x", "x", "--y", "y", "--epochs", "3", "--validation-split", "0",
        ])
        #expect(r.status == 0)
        #expect(
            r.stderr.contains(
                "note: no validation rows (validation split 0.0 of 50 rows): val_loss is not measured "
                    + "and early stopping watches the training loss"))
    }
}
