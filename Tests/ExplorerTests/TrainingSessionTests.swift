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
        #expect(waitUntil { let s = session.snapshot; return s.mse.epoch >= 2 && s.mdn.epoch >= 2 })
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
