import MDNCore
import Testing

@testable import Explorer

@Suite("SampleSet")
struct SampleSetTests {
    @Test("samples pair each mixture x with perRow draws and remember what they came from")
    func draws() throws {
        var snap = Snapshot(seed: 1, mixtures: 1)
        snap.sequence = 5
        snap.mixtureX = [0, 1, 2]
        // One component per row: mu = 10 * row, sigma tiny.
        snap.mixtureRows = MixtureBatch(
            layout: MixtureLayout(components: 1), rows: [0, 1e-4, 0, 10, 1e-4, 0, 20, 1e-4, 0])
        let set = try #require(try SampleSet.draw(from: snap, temperature: 1, sigmaTemperature: 1, generation: 2))
        #expect(set.xs.count == 3 * SampleSet.perRow && set.ys.count == set.xs.count)
        for (x, y) in zip(set.xs, set.ys) { #expect(abs(y - 10 * x) < 0.01) }
        #expect(set.isCurrent(sequence: 5, generation: 2))
        #expect(!set.isCurrent(sequence: 6, generation: 2))
        #expect(!set.isCurrent(sequence: 5, generation: 3))
    }

    @Test("no mixture yet, no samples")
    func empty() throws {
        #expect(
            try SampleSet.draw(from: Snapshot(seed: 1, mixtures: 2), temperature: 1, sigmaTemperature: 1, generation: 0)
                == nil)
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
