import Foundation
import MDNCore
import Testing

@testable import Explorer

@Suite("TrainingSession", .serialized)
struct TrainingSessionTests {
    static let data: Dataset = {
        let xs: [Float] = (0..<400).map { Float($0) / 80 }
        return Dataset(x: xs, y: xs.map { $0 * 0.5 })
    }()

    private func waitUntil(_ seconds: Double = 20, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            usleep(10_000)
        }
        return condition()
    }

    @Test("both models make progress and snapshots carry curve and mixture rows")
    func interleaves() {
        let session = TrainingSession(config: SessionConfig(data: Self.data, mixtures: 3, preset: .default, seed: 1))
        session.start()
        defer { session.stop() }
        #expect(
            waitUntil {
                let s = session.snapshot
                return s.mse.epoch >= 2 && s.mdn.epoch >= 2
            })
        let s = session.snapshot
        #expect(s.curveX.count == 200 && s.curveY.count == 200)
        #expect(s.mixtureRows?.count == s.mixtureX.count)
        #expect(s.mixtureRows?.layout.components == 3)
        #expect(s.mse.loss.count == s.mse.epoch && s.mdn.valLoss.count == s.mdn.epoch)
    }

    @Test("pause holds the epoch counters; resume continues")
    func pause() {
        let session = TrainingSession(config: SessionConfig(data: Self.data, mixtures: 2, preset: .default, seed: 2))
        session.start()
        defer { session.stop() }
        #expect(waitUntil { session.snapshot.mse.epoch >= 1 })
        session.pause()
        usleep(200_000)  // let the running epoch finish
        let held = session.sequence
        usleep(300_000)
        #expect(session.sequence == held)
        session.resume()
        #expect(waitUntil { session.sequence > held })
    }

    @Test("restartMDN resets the MDN with the new K and keeps the MSE history")
    func restartMDN() {
        let session = TrainingSession(config: SessionConfig(data: Self.data, mixtures: 2, preset: .default, seed: 3))
        session.start()
        defer { session.stop() }
        #expect(waitUntil { session.snapshot.mse.epoch >= 2 && session.snapshot.mdn.epoch >= 1 })
        // Paused, the restart is published at once and nothing else moves.
        session.pause()
        usleep(200_000)
        let before = session.snapshot
        session.restartMDN(mixtures: 4)
        #expect(waitUntil { session.snapshot.mixtures == 4 })
        let s = session.snapshot
        #expect(s.mse.epoch == before.mse.epoch && s.mse.loss == before.mse.loss, "MSE keeps its history")
        #expect(s.mdn.epoch == 0 && s.mdn.loss.isEmpty && s.mixtureRows == nil, "MDN starts over")
        session.resume()
        #expect(waitUntil { session.snapshot.mixtureRows?.layout.components == 4 })
        #expect(session.snapshot.mse.epoch >= before.mse.epoch)
    }

    @Test("stop ends the loop promptly")
    func stop() {
        let session = TrainingSession(config: SessionConfig(data: Self.data, mixtures: 2, preset: .default, seed: 4))
        session.start()
        #expect(waitUntil { session.sequence >= 1 })
        #expect(session.stop(timeout: 5))
        #expect(!session.isRunning)
    }
}

/// The explorer scales data by the rule `mdnx train` uses and shows losses in the data's units.
@Suite("TrainingSession scaling", .serialized)
struct TrainingSessionScalingTests {
    /// The normaliser each of the session's trainers comes with (from its trainer factory).
    static func normalizers(_ config: SessionConfig) -> (mse: Normalizer, mdn: Normalizer) {
        (
            TrainingSession.makeTrainer(.mse, config: config).normalizer,
            TrainingSession.makeTrainer(.mdn, config: config).normalizer
        )
    }

    /// Population mean and std of `v`, computed here in Double.
    static func stats(_ v: ArraySlice<Float>) -> (Double, Double) {
        let m = v.reduce(0) { $0 + Double($1) } / Double(v.count)
        return (m, (v.reduce(0) { $0 + (Double($1) - m) * (Double($1) - m) } / Double(v.count)).squareRoot())
    }

    @Test func builtInDataUnderTheDefaultPresetIsZScoredOnTheTrainingRows() {
        let data = TrainingSessionTests.data
        let (mse, mdn) = Self.normalizers(SessionConfig(data: data, mixtures: 2, preset: .default, seed: 1))
        // 400 rows under the default preset: split max(0.05, min(0.2, 100 / 400)) = 0.2, 320 train,
        // drawn at random with the trainers' seed (the session's + 1).
        let split = RowSplit(count: 400, validationSplit: 0.2, rule: .random, seed: 2)
        #expect(split.training.count == 320)
        let (xm, xs) = Self.stats(ArraySlice(split.training.map { data.x[$0] }))
        let (ym, ys) = Self.stats(ArraySlice(split.training.map { data.y[$0] }))
        for n in [mse, mdn] {
            #expect(abs(Double(n.xMean[0]) - xm) < 1e-4 && abs(Double(n.xStd[0]) - xs) < 1e-4)
            #expect(abs(Double(n.yMean[0]) - ym) < 1e-4 && abs(Double(n.yStd[0]) - ys) < 1e-4)
        }
    }

    @Test func tutorialPresetKeepsBuiltInDataRawButScalesUserData() {
        let data = TrainingSessionTests.data
        var config = SessionConfig(data: data, mixtures: 2, preset: .tutorial, seed: 1)
        #expect(Self.normalizers(config).mdn == Normalizer.identity())
        config.isUserData = true
        // The tutorial's 0.15 split: the first 340 of 400 rows.
        let (ym, ys) = Self.stats(data.y[0..<340])
        let n = Self.normalizers(config).mdn
        #expect(abs(Double(n.yMean[0]) - ym) < 1e-4 && abs(Double(n.yStd[0]) - ys) < 1e-4)
    }

    @Test("losses are in the data's units", arguments: [false, true])
    func lossesInDataUnits(isUserData: Bool) {
        // y ~ N(0, 100^2), independent of x: no model beats its entropy, 0.5 ln(2 pi e) + ln 100
        // = 6.02 nats, and the best MSE is the variance, 10^4. In normalised units these would
        // read about 1.4 and 1.
        var rng = SeededRNG(seed: 11)
        let xs: [Float] = (0..<400).map { Float($0) / 400 }
        var config = SessionConfig(
            data: Dataset(x: xs, y: xs.map { _ in Float(rng.normal(mean: 0, std: 100)) }),
            mixtures: 2, preset: .default, seed: 5)
        config.isUserData = isUserData
        let session = TrainingSession(config: config)
        session.start()
        defer { session.stop() }
        let end = Date().addingTimeInterval(30)
        while Date() < end && !(session.snapshot.mse.epoch >= 3 && session.snapshot.mdn.epoch >= 3) { usleep(10_000) }
        let s = session.snapshot
        let nll = s.mdn.valLoss.last ?? .nan
        let mse = s.mse.valLoss.last ?? .nan
        #expect(nll > 5.5 && nll < 8, "MDN val NLL \(nll)")
        #expect(mse > 7_000 && mse < 14_000, "MSE val loss \(mse)")
    }
}
