import Foundation
import MDNCoreTestSupport
import Synchronization
import Testing

@testable import MDNCore

@Suite struct TrainerTests {
    func makeTrainer(kind: ModelKind, config: TrainingConfig, seed: UInt64 = 1, count: Int = 600) -> Trainer {
        var rng = SeededRNG(seed: seed)
        let net = Network(kind: kind, hidden: [16, 16], mixtures: 3, rng: &rng)
        return Trainer(network: net, data: Datasets.spiral(count: count, seed: 2), config: config, seed: seed)
    }

    /// Issue 10: `train --learning-rate 1e30` saved a NaN model as "best weights from epoch 1".
    /// A non-finite batch loss ends training in that epoch, and diverged weights are never
    /// recorded as the best, so nothing is "restored".
    @Test(arguments: [ModelKind.mse, ModelKind.mdn])
    func divergedTrainingStopsAtOnce(kind: ModelKind) {
        let config = TrainingConfig(
            learningRate: 1e30, batchSize: 32, maxEpochs: 50,
            earlyStopping: EarlyStoppingConfig(monitor: .loss, patience: 10, restoreBestWeights: true))
        let t = makeTrainer(kind: kind, config: config)
        let s = t.fit()
        #expect(s.stopReason == .nonFinite)
        #expect(s.epochs == 1 && t.history.count == 1)
        #expect(!t.history[0].loss.isFinite && t.history[0].valLoss == nil)
        #expect(s.restoredEpoch == nil)
        #expect(t.isFinished)
    }

    @Test func validationSplitIsTheLastRows() {
        let t = makeTrainer(kind: .mse, config: TrainingConfig(validationSplit: 0.15), count: 1000)
        // Keras: split_at = floor(1000 * 0.85) = 850.
        #expect(t.trainingCount == 850)
        #expect(t.validationCount == 150)
        let t2 = makeTrainer(kind: .mse, config: TrainingConfig(validationSplit: 0.15), count: 10_000)
        #expect(t2.trainingCount == 8500)
    }

    @Test func sameSeedIsBitIdentical() {
        let config = TrainingConfig(maxEpochs: 3)
        let a = makeTrainer(kind: .mdn, config: config)
        let b = makeTrainer(kind: .mdn, config: config)
        a.fit()
        b.fit()
        #expect(a.network == b.network)
        #expect(a.history.map(\.loss) == b.history.map(\.loss))
        #expect(a.history.map(\.valLoss) == b.history.map(\.valLoss))
        let c = makeTrainer(kind: .mdn, config: config, seed: 3)
        c.fit()
        #expect(c.network != a.network)
    }

    @Test(arguments: [ModelKind.mse, ModelKind.mdn])
    func sameSeedIsBitIdenticalAtTheRealShape(kind: ModelKind) {
        // 1-128-128 trunk, K = 20, batch 128 with a partial last batch: every GEMM path the
        // training takes (6 x 16 blocks, the 2-row edge, transposed packing, vector products).
        func run() -> Trainer {
            var rng = SeededRNG(seed: 5)
            let net = Network(kind: kind, hidden: [128, 128], mixtures: 20, rng: &rng)
            let t = Trainer(
                network: net, data: Datasets.spiral(count: 1000, seed: 6),
                config: TrainingConfig(maxEpochs: 2, averaging: 0.9), seed: 7)
            t.fit()
            return t
        }
        let a = run()
        let b = run()
        #expect(a.network == b.network)
        #expect(a.history.map(\.loss) == b.history.map(\.loss))
        #expect(a.history.map(\.valLoss) == b.history.map(\.valLoss))
    }

    /// A short last batch (too small to share) does not restart the tuner's comparison: one
    /// comparison in three epochs, not one per epoch.
    @Test func aShortLastBatchKeepsTheTunersChoice() {
        var rng = SeededRNG(seed: 5)
        let net = Network(kind: .mdn, hidden: [16], mixtures: 2, rng: &rng)
        var config = TrainingConfig(maxEpochs: 3, validationSplit: 0)
        config.batchSize = 100
        // 560 rows: five batches of 100, then 60 rows, too few for two threads.
        let t = Trainer(network: net, data: Datasets.spiral(count: 560, seed: 6), config: config, seed: 7, threads: 2)
        t.tuner = ThreadTuner(probeSteps: 2, period: 1_000_000)
        t.fit()
        #expect(t.tuner?.comparisons == 1)
    }

    /// Any thread count gives one thread's bits: weights, every epoch's losses, and with a
    /// batch that does not divide the rows (a short last batch) and a width that is not a
    /// multiple of 16. Changing the thread count between epochs changes nothing either.
    @Test(arguments: [ModelKind.mse, ModelKind.mdn])
    func everyThreadCountGivesOneThreadsBits(kind: ModelKind) {
        func run(threads: Int, switching: Bool = false) -> Trainer {
            var rng = SeededRNG(seed: 5)
            let net = Network(kind: kind, hidden: [40, 24], mixtures: 3, rng: &rng)
            var config = TrainingConfig(maxEpochs: 3)
            config.batchSize = 100
            let t = Trainer(
                network: net, data: Datasets.spiral(count: 700, seed: 6), config: config, seed: 7, threads: threads)
            // Switching: every other epoch a second trainer joins the core share, leaving one
            // thread each (as when the explorer's other model trains).
            let share = CoreShare(cores: threads)
            if switching { t.coreShare = share }
            share.begin()
            while !t.isFinished {
                if switching && t.epoch % 2 == 1 { share.begin() }
                t.runEpoch()
                if switching && t.epoch % 2 == 0 { share.end() }
            }
            return t
        }
        let one = run(threads: 1)
        for threads in [2, 3] {
            let many = run(threads: threads)
            #expect(many.threads == threads, "a batch of 100 rows is shared by up to 3 threads")
            #expect(many.network == one.network, "\(threads) threads give one thread's weights")
            #expect(many.history.map(\.loss) == one.history.map(\.loss))
            #expect(many.history.map(\.valLoss) == one.history.map(\.valLoss))
        }
        #expect(run(threads: 2, switching: true).network == one.network)
    }

    @Test("a validation pass shared by threads gives one thread's loss, bit for bit", arguments: [ModelKind.mse, .mdn])
    func sharedValidationGivesOneThreadsLoss(kind: ModelKind) {
        // 570 validation rows: 5 chunks of up to 128, the last one short, split among the
        // threads; 1330 training rows: 10 batches of 128 and a last one of 50, too short to share.
        let data = Datasets.spiral(count: 1900, seed: 6)
        func run(threads: Int) -> Trainer {
            var rng = SeededRNG(seed: 5)
            let net = Network(kind: kind, hidden: [40, 24], mixtures: 3, rng: &rng)
            var config = TrainingConfig(maxEpochs: 2)
            config.validationSplit = 0.3
            let t = Trainer(network: net, data: data, config: config, seed: 7, threads: threads)
            t.tuner = nil  // always every thread, so each epoch's validation is shared
            t.fit()
            return t
        }
        let one = run(threads: 1)
        #expect(one.history.count == 2)
        // An independent reference: the whole validation set in one batch.
        let reference = Evaluation.loss(network: one.network, dataset: data.rows(1330..<1900))
        #expect(abs(one.history.last!.valLoss! - reference) <= 1e-5 * abs(reference))
        for threads in [2, 3] {
            let many = run(threads: threads)
            // Shared as the full batches were, though the epoch's last batch ran on one thread.
            #expect(many.validationParts == threads)
            #expect(many.network == one.network)
            #expect(many.history.map { $0.valLoss?.bitPattern } == one.history.map { $0.valLoss?.bitPattern })
        }
    }

    @Test(arguments: [ModelKind.mse, ModelKind.mdn])
    func lossDecreases(kind: ModelKind) {
        let t = makeTrainer(kind: kind, config: TrainingConfig(batchSize: 32, maxEpochs: 15))
        let s = t.fit()
        #expect(s.epochs == 15)
        #expect(s.stopReason == .maxEpochs)
        #expect(t.history.last!.loss < t.history.first!.loss)
        // The reported val_loss is the loss of the final weights on the last 15% of rows.
        let data = Datasets.spiral(count: 600, seed: 2)
        let val = Evaluation.loss(network: t.network, dataset: data.rows(510..<600))
        #expect(abs(val - t.history.last!.valLoss!) < 1e-9)
    }

    @Test func epochLossIsTheRowWeightedMeanOverBatches() {
        // With a negligible learning rate the weights do not move, so the running mean over
        // the epoch's batches (the last one partial: 510 = 3 x 128 + 126) must equal the loss
        // of the initial network on all training rows.
        let t = makeTrainer(kind: .mdn, config: TrainingConfig(learningRate: 1e-30, maxEpochs: 1))
        let start = t.network
        let r = t.runEpoch()
        let moved = zip(t.network.namedTensors(), start.namedTensors()).map { a, b in
            zip(a.values, b.values).map { abs($0 - $1) }.max() ?? 0
        }.max()!
        #expect(moved < 1e-20)
        let data = Datasets.spiral(count: 600, seed: 2)
        #expect(abs(r.loss - Evaluation.loss(network: start, dataset: data.rows(0..<510))) < 1e-5)
    }

    @Test func earlyStoppingKerasSemantics() {
        var es = EarlyStoppingState(config: EarlyStoppingConfig(monitor: .loss, patience: 2))
        // Epoch 1 improves (best = inf), 2 improves, 3 and 4 do not: stop at 4 (wait = 2).
        #expect(es.observe(epoch: 1, value: 5) == (true, false))
        #expect(es.observe(epoch: 2, value: 4) == (true, false))
        #expect(es.observe(epoch: 3, value: 4) == (false, false))  // equal is not better (min_delta 0)
        #expect(es.observe(epoch: 4, value: 4.5) == (false, true))
        var zero = EarlyStoppingState(config: EarlyStoppingConfig(monitor: .loss, patience: 0))
        #expect(zero.observe(epoch: 1, value: 1) == (true, false))
        #expect(zero.observe(epoch: 2, value: 2) == (false, true))
        var nan = EarlyStoppingState(config: EarlyStoppingConfig(monitor: .loss, patience: 1))
        #expect(nan.observe(epoch: 1, value: .nan) == (false, false))  // never after the first epoch
    }

    @Test func plateauKerasSemantics() {
        var p = PlateauState(config: ReduceLROnPlateauConfig(monitor: .loss, patience: 2, factor: 0.1, minDelta: 1e-4))
        #expect(p.observe(value: 1.0, learningRate: 1e-3) == nil)
        #expect(p.observe(value: 0.99995, learningRate: 1e-3) == nil)  // within min_delta: wait 1
        let lr = p.observe(value: 1.0, learningRate: 1e-3)  // wait 2 -> reduce
        #expect(lr != nil && abs(lr! - 1e-4) < 1e-10)
        #expect(p.observe(value: 1.0, learningRate: 1e-4) == nil)  // wait restarts at 0 -> 1
        #expect(p.observe(value: 0.5, learningRate: 1e-4) == nil)  // improvement
        var floor = PlateauState(config: ReduceLROnPlateauConfig(monitor: .loss, patience: 1, minLearningRate: 5e-4))
        _ = floor.observe(value: 1, learningRate: 1e-3)
        #expect(floor.observe(value: 1, learningRate: 1e-3) == 5e-4)
        #expect(floor.observe(value: 1, learningRate: 5e-4) == nil)
        var cool = PlateauState(config: ReduceLROnPlateauConfig(monitor: .loss, patience: 1, cooldown: 2))
        _ = cool.observe(value: 1, learningRate: 1)
        #expect(cool.observe(value: 1, learningRate: 1) != nil)
        // Keras decrements the cooldown before testing it: 2 -> 1 (no counting), then
        // 1 -> 0 and this epoch already counts, so with patience 1 it reduces again.
        #expect(cool.observe(value: 1, learningRate: 0.1) == nil)
        #expect(cool.observe(value: 1, learningRate: 0.1) != nil)
    }

    @Test func restoresBestWeightsAtTheEnd() {
        // Patience large: stops at max epochs, and (Keras 3) still restores the best epoch.
        let config = TrainingConfig(
            maxEpochs: 6, earlyStopping: EarlyStoppingConfig(monitor: .valLoss, patience: 100, restoreBestWeights: true)
        )
        let t = makeTrainer(kind: .mdn, config: config)
        let s = t.fit()
        let best = t.history.min { $0.valLoss! < $1.valLoss! }!
        #expect(s.restoredEpoch == best.epoch)
        let data = Datasets.spiral(count: 600, seed: 2)
        #expect(abs(Evaluation.loss(network: t.network, dataset: data.rows(510..<600)) - best.valLoss!) < 1e-9)
    }

    @Test func reducesLearningRateOnPlateau() {
        // Patience 0 plateau on loss with min_delta huge: reduces every epoch.
        let config = TrainingConfig(
            maxEpochs: 3, reduceLROnPlateau: ReduceLROnPlateauConfig(monitor: .loss, patience: 1, minDelta: 1e9))
        let t = makeTrainer(kind: .mse, config: config)
        t.fit()
        let lrs = t.history.map(\.learningRate)
        // Epoch 1 sets best (inf - 1e9 = inf > loss), epoch 2 waits 1 -> reduce after it.
        #expect(lrs[0] == 1e-3 && lrs[1] == 1e-3 && abs(lrs[2] - 1e-4) < 1e-10)
    }

    @Test func cosineScheduleEndsAtFinalFactor() {
        let s = LearningRateSchedule.cosine(finalFactor: 0.01)
        #expect(s.factor(epoch: 0, of: 100) == 1)
        #expect(abs(s.factor(epoch: 50, of: 100) - 0.505) < 1e-6)
        #expect(abs(s.factor(epoch: 100, of: 100) - 0.01) < 1e-6)
        #expect(LearningRateSchedule.constant.factor(epoch: 7, of: 10) == 1)
    }

    @Test func cancellationStopsBetweenBatches() async {
        let flag = Atomic<Bool>(false)
        let t = makeTrainer(kind: .mdn, config: TrainingConfig(batchSize: 8, maxEpochs: 10_000), count: 2000)
        var calls = 0
        let s = t.fit(shouldStop: {
            calls += 1
            if calls == 30 { flag.store(true, ordering: .relaxed) }  // mid-epoch, between batches
            return flag.load(ordering: .relaxed)
        })
        #expect(s.stopReason == .cancelled)
        #expect(s.epochs == 0)  // stopped inside the first epoch (213 batches)
        #expect(t.isFinished)
    }

    @Test func runEpochInterleavesAndFinishes() {
        let a = makeTrainer(kind: .mse, config: TrainingConfig(maxEpochs: 2))
        let b = makeTrainer(kind: .mdn, config: TrainingConfig(maxEpochs: 3))
        var order: [String] = []
        while !a.isFinished || !b.isFinished {
            if !a.isFinished { order.append("mse \(a.runEpoch().epoch)") }
            if !b.isFinished { order.append("mdn \(b.runEpoch().epoch)") }
        }
        #expect(order == ["mse 1", "mdn 1", "mse 2", "mdn 2", "mdn 3"])
        #expect(a.stopReason == .maxEpochs && b.epoch == 3)
    }

    @Test func averagingWithZeroMomentumIsTheIdentity() {
        let plain = makeTrainer(kind: .mdn, config: TrainingConfig(maxEpochs: 2))
        let zero = makeTrainer(kind: .mdn, config: TrainingConfig(maxEpochs: 2, averaging: 0))
        plain.fit()
        zero.fit()
        #expect(plain.network == zero.network)
        #expect(plain.history.map(\.valLoss) == zero.history.map(\.valLoss))
    }

    @Test func averagingReportsTheAverage() {
        let t = makeTrainer(kind: .mse, config: TrainingConfig(maxEpochs: 3, averaging: 0.9))
        t.fit()
        let plain = makeTrainer(kind: .mse, config: TrainingConfig(maxEpochs: 3))
        plain.fit()
        // Same training path (averaging does not feed back), different reported weights.
        #expect(t.history.map(\.loss) == plain.history.map(\.loss))
        #expect(t.network != plain.network)
        let data = Datasets.spiral(count: 600, seed: 2)
        #expect(
            abs(Evaluation.loss(network: t.network, dataset: data.rows(510..<600)) - t.history.last!.valLoss!) < 1e-9)
    }

    @Test func cancellationFromARealSecondThread() async {
        final class Shared: Sendable {
            let stop = Atomic<Bool>(false)
            let started = Atomic<Bool>(false)
            let result = Mutex<(StopReason, Int)?>(nil)
        }
        let shared = Shared()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            // The trainer is not Sendable: it lives entirely on this thread.
            var rng = SeededRNG(seed: 1)
            let net = Network(kind: .mdn, hidden: [16, 16], mixtures: 3, rng: &rng)
            let t = Trainer(
                network: net, data: Datasets.spiral(count: 2000, seed: 2),
                config: TrainingConfig(batchSize: 16, maxEpochs: 1_000_000), seed: 1)
            let s = t.fit(shouldStop: {
                shared.started.store(true, ordering: .relaxed)
                return shared.stop.load(ordering: .relaxed)
            })
            shared.result.withLock { $0 = (s.stopReason, s.epochs) }
            done.signal()
        }
        while !shared.started.load(ordering: .relaxed) { try? await Task.sleep(nanoseconds: 1_000_000) }
        try? await Task.sleep(nanoseconds: 50_000_000)
        shared.stop.store(true, ordering: .relaxed)
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                done.wait()
                c.resume()
            }
        }
        let r = shared.result.withLock { $0 }
        #expect(r?.0 == .cancelled)
        #expect((r?.1 ?? .max) < 1_000_000)
    }
}
