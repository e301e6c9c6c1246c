import MDNCore
import Testing

@testable import mdnx

/// `train --history` records each epoch as training left it, also the last one, after which
/// early stopping puts the best epoch's weights back.
@Suite struct HistoryRecorderTests {
    @Test("the last recorded epoch holds the weights it ended with, not the restored best")
    func lastEpochIsNotTheRestoredBest() throws {
        var overrides = TrainingOverrides()
        overrides.maxEpochs = 40
        overrides.patience = 3
        let recipe = TrainerRecipe(
            preset: .default, mixtures: 3, seed: 7, normalization: NormalizationPolicy(zscore: true),
            overrides: overrides)
        let prepared = recipe.trainer(.mdn, data: Datasets.spiral(count: 300, seed: 3))
        let recorder = HistoryRecorder(path: "unused")
        recorder.begin(prepared)
        var lastEnded: HalfWeights?
        while !prepared.trainer.isFinished {
            let report = prepared.trainer.runEpoch()
            recorder.record(prepared, report)
            // The weights as this epoch ended, taken independently of the recorder.
            lastEnded = prepared.trainer.endOfEpochNetwork.map(HalfWeights.init)
        }
        let timeline = try #require(recorder.history[.mdn])
        let restored = try #require(prepared.trainer.restoredEpoch, "the run must end with a best-weight restore")
        let last = try #require(timeline.entry(epoch: prepared.trainer.epoch))
        #expect(restored < prepared.trainer.epoch)
        // Compared as Booleans so that a failure prints a message, not 10,000 weights.
        let lastIsAsTrained = last.weights == lastEnded
        let lastIsRestoredBest = last.weights == HalfWeights(prepared.trainer.network)
        let bestIsRestoredBest = timeline.entry(epoch: restored)?.weights == HalfWeights(prepared.trainer.network)
        #expect(lastIsAsTrained, "the last epoch is recorded with the weights it ended with")
        #expect(!lastIsRestoredBest, "the restored best is not the last epoch")
        #expect(bestIsRestoredBest, "the best epoch's entry holds the weights the restore puts back")
    }
}
