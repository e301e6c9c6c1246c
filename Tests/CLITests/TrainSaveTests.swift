import Foundation
import Testing

/// `mdnx train --save` on the built-in data sets writes a checkpoint that sample and eval use.
@Suite struct TrainSaveTests {
    @Test func builtInSpiralUnderTheTutorialPresetSavesAnIdentityNormaliser() throws {
        let files = try CLIFiles()
        let r = try files.run([
            "train", "--dataset", "spiral", "--count", "400", "--preset", "tutorial", "--epochs", "2",
            "--quiet", "--save", "s.safetensors",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let meta = try TrainNormalizationTests.metadata(try #require(files.bytes("s.safetensors")))
        #expect(meta["data"] == "spiral count=400 seed=42" && meta["preset"] == "tutorial" && meta["epochs"] == "2")
        let normalizer = try jsonObject(try #require(meta["normalizer"]))
        #expect(normalizer["xMean"] as? [Double] == [0] && normalizer["xStd"] as? [Double] == [1])
        #expect(normalizer["yMean"] as? [Double] == [0] && normalizer["yStd"] as? [Double] == [1])
        let s = try files.run(["sample", "--model", "s.safetensors", "--grid", "0:5:4", "--summary"])
        #expect(s.status == 0 && s.outputLines.count == 5)
    }

    /// The mse checkpoint's `validation_rmse` (eval's predictive sigma) is the RMSE on the
    /// trainer's validation rows in the data's units: the square root of the last epoch's
    /// val_loss (the trainer's own MSE on those rows, in z-scored units) times the target's std.
    @Test("validation_rmse is the validation rows' RMSE", arguments: ["zscore", "none"])
    func mseCheckpointStoresTheValidationRMSE(normalize: String) throws {
        let files = try CLIFiles()
        try files.bishop("d.csv", count: 300)
        let r = try files.run([
            "train", "--data", "d.csv", "--model", "mse", "--epochs", "3", "--restore-best", "false",
            "--normalize", normalize, "--json", "--quiet", "--save", "m.st",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let summary = try jsonObject(try #require(r.outputLines.last))
        let valLoss = try #require(summary["final_val_loss"] as? Double)
        let meta = try TrainNormalizationTests.metadata(try #require(files.bytes("m.st")))
        let rmseText = try #require(meta["validation_rmse"])
        let stored = try JSONDecoder().decode([Double].self, from: Data(rmseText.utf8))
        let normalizer = try jsonObject(try #require(meta["normalizer"]))
        let yStd = try #require(normalizer["yStd"] as? [Double])
        let expected = valLoss.squareRoot() * yStd[0]
        #expect(stored.count == 1 && abs(stored[0] - expected) <= 1e-5 * expected, "\(stored) vs \(expected)")
    }

    @Test func builtInBishopMSEModelSavesAndPredicts() throws {
        let files = try CLIFiles()
        let r = try files.run([
            "train", "--dataset", "bishop", "--count", "300", "--model", "mse", "--epochs", "3",
            "--quiet", "--save", "b.safetensors",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("saved the mse model to b.safetensors"))
        let meta = try TrainNormalizationTests.metadata(try #require(files.bytes("b.safetensors")))
        #expect(meta["kind"] == "mse" && meta["x_names"] == #"["x"]"# && meta["y_names"] == #"["t"]"#)
        let s = try files.run(["sample", "--model", "b.safetensors", "--grid", "0:1:3", "--summary"])
        #expect(s.status == 0)
        #expect(s.outputLines.first == "x,prediction")  // SampleTable.predictions: one target -> "prediction"
    }
}
