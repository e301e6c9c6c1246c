import Testing

@testable import MDNCore

/// "Interrupt this epoch" is not "end training": an interrupted epoch resumes where it stopped.
@Suite struct TrainerInterruptTests {
    func makeTrainer(_ kind: ModelKind, _ config: TrainingConfig) -> Trainer {
        var rng = SeededRNG(seed: 5)
        let net = Network(kind: kind, hidden: [16, 16], mixtures: 3, rng: &rng)
        return Trainer(network: net, data: Datasets.spiral(count: 600, seed: 2), config: config, seed: 5)
    }

    @Test(
        "interrupted at random batches, a run is bit-identical to an uninterrupted one", arguments: ModelKind.allCases)
    func interruptedRunIsBitIdentical(kind: ModelKind) {
        let config = TrainingConfig(
            batchSize: 32, maxEpochs: 6, earlyStopping: EarlyStoppingConfig(monitor: .valLoss, patience: 2),
            schedule: .cosine(finalFactor: 0.1), averaging: 0.9)
        let plain = makeTrainer(kind, config)
        plain.fit()
        let interrupted = makeTrainer(kind, config)
        var rng = SeededRNG(seed: 9)
        var interruptions = 0
        while !interrupted.isFinished {
            // Each check between batches interrupts with probability 1/4.
            let report = interrupted.runEpoch(interruptIf: { rng.next() % 4 == 0 })
            if report == nil {
                interruptions += 1
                #expect(!interrupted.isFinished, "an interruption must not end training")
            }
        }
        #expect(interruptions > 10)
        #expect(interrupted.network == plain.network)
        #expect(interrupted.history.map(\.loss) == plain.history.map(\.loss))
        #expect(interrupted.history.map(\.valLoss) == plain.history.map(\.valLoss))
        #expect(interrupted.history.map(\.learningRate) == plain.history.map(\.learningRate))
        #expect(interrupted.stopReason == plain.stopReason && interrupted.epoch == plain.epoch)
    }

    @Test func anInterruptedEpochIsNotCountedUntilItCompletes() {
        let t = makeTrainer(.mdn, TrainingConfig(batchSize: 32, maxEpochs: 3))
        #expect(t.runEpoch(interruptIf: { true }) == nil)
        #expect(t.epoch == 0 && t.history.isEmpty && !t.isFinished)
        var checks = 0
        #expect(
            t.runEpoch(interruptIf: {
                checks += 1
                return checks == 5
            }) == nil)
        #expect(t.epoch == 0)
        #expect(t.runEpoch(interruptIf: { false })?.epoch == 1)
        t.stop()
        #expect(t.isFinished && t.stopReason == .cancelled)
    }

    @Test("fit's shouldStop still ends training (train's Ctrl-C)")
    func fitStopCancels() {
        let t = makeTrainer(.mse, TrainingConfig(batchSize: 32, maxEpochs: 100))
        var calls = 0
        let s = t.fit(shouldStop: {
            calls += 1
            return calls > 40
        })
        #expect(s.stopReason == .cancelled && t.isFinished)
    }

    @Test("endOfEpochNetwork is the last epoch's model, network the restored best")
    func endOfEpochNetwork() {
        var config = TrainingConfig(
            learningRate: 3e-2, batchSize: 32, maxEpochs: 8,
            earlyStopping: EarlyStoppingConfig(monitor: .valLoss, patience: 100, restoreBestWeights: true))
        let restoring = makeTrainer(.mdn, config)
        restoring.fit()
        config.earlyStopping = nil
        let plain = makeTrainer(.mdn, config)
        plain.fit()
        // The same path: the last epoch's weights are what a non-restoring run ends with.
        #expect(restoring.endOfEpochNetwork == plain.network)
        if let best = restoring.restoredEpoch, best != 8 {
            #expect(restoring.network != plain.network)
        }
    }
}
