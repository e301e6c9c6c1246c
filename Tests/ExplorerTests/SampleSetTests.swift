import MDNCore
import Testing

@testable import Explorer

@Suite("SampleSet")
struct SampleSetTests {
    @Test("samples pair each mixture x with perRow draws and remember what they came from")
    func draws() throws {
        // One component per row: mu = 10 * row, sigma tiny.
        let batch = MixtureBatch(
            layout: MixtureLayout(components: 1), rows: [0, 1e-4, 0, 10, 1e-4, 0, 20, 1e-4, 0])
        let key = ExplorerState.FrameKey(session: 0, generation: 1, epoch: 5)
        let set = try SampleSet.draw(
            from: batch, at: [0, 1, 2], key: key, temperature: 1, sigmaTemperature: 1, generation: 2)
        #expect(set.xs.count == 3 * SampleSet.perRow && set.ys.count == set.xs.count)
        for (x, y) in zip(set.xs, set.ys) { #expect(abs(y - 10 * x) < 0.01) }
        #expect(set.isCurrent(key: key, generation: 2))
        #expect(!set.isCurrent(key: ExplorerState.FrameKey(session: 0, generation: 1, epoch: 6), generation: 2))
        #expect(!set.isCurrent(key: key, generation: 3))
    }

    @Test("the same epoch and temperatures give the same samples (a replay shows what live showed)")
    func deterministic() throws {
        let batch = MixtureBatch(layout: MixtureLayout(components: 2), rows: [0, 5, 1, 1, 0, 0, 1, 6, 1, 1, 0, 0])
        let key = ExplorerState.FrameKey(session: 0, generation: 0, epoch: 7)
        let a = try SampleSet.draw(
            from: batch, at: [0, 1], key: key, temperature: 1, sigmaTemperature: 1, generation: 0)
        let b = try SampleSet.draw(
            from: batch, at: [0, 1], key: key, temperature: 1, sigmaTemperature: 1, generation: 0)
        #expect(a.ys == b.ys)
        let other = ExplorerState.FrameKey(session: 0, generation: 0, epoch: 8)
        let c = try SampleSet.draw(
            from: batch, at: [0, 1], key: other, temperature: 1, sigmaTemperature: 1, generation: 0)
        #expect(a.ys != c.ys)
    }
}

@Suite("Snapshot")
struct SnapshotTests {
    @Test("stop summary names one reason when both agree, else each model's")
    func stopSummary() {
        var s = Snapshot(seed: 1, mixtures: 2)
        s.mse.finished = true
        s.mse.stopReason = .earlyStopping
        s.mdn.finished = true
        s.mdn.stopReason = .earlyStopping
        #expect(s.finished && s.stopSummary == "early stopping")
        s.mdn.stopReason = .maxEpochs
        #expect(s.stopSummary == "MSE early stopping, MDN max epochs")
    }
}
