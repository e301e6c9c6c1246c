import Foundation
import MDNCore
import Testing

@testable import Explorer

/// Issue 12 item 1: a K press restarts only the MDN; the MSE network trains on to its own end
/// and the session reaches a finished state, however many presses arrive and whenever.
@Suite("K restarts at random moments", .serialized)
struct KRestartTests {
    @Test("many K presses: the MSE run is never cancelled, the session finishes", arguments: [UInt64(1), 2, 3])
    func manyRestarts(seed: UInt64) {
        let xs: [Float] = (0..<600).map { Float($0) / 120 }
        var config = SessionConfig(
            data: Dataset(x: xs, y: xs.map { $0 * 0.5 }), mixtures: 3, preset: .default, seed: seed)
        config.overrides = TrainingOverrides(maxEpochs: 30)
        let session = TrainingSession(config: config)
        session.start()
        defer { session.stop() }
        var rng = SeededRNG(seed: seed)
        // Twenty presses, 0-15 ms apart: most land while an epoch of one model or the other runs.
        var k = 3
        for _ in 0..<20 {
            usleep(UInt32(rng.next() % 15_000))
            k = k == 3 ? 4 : 3
            session.restartMDN(mixtures: k)
        }
        let end = Date().addingTimeInterval(60)
        while Date() < end && !session.snapshot.finished { usleep(10_000) }
        let s = session.snapshot
        #expect(s.mse.stopReason != .cancelled, "the MSE run was cancelled by a K press")
        #expect(s.mse.finished && s.mse.epoch >= 1, "MSE stopped at epoch \(s.mse.epoch) without finishing")
        #expect(s.mdn.finished && s.mdn.stopReason != .cancelled)
        #expect(s.finished, "the session never reached its finished state: \(s.stopSummary)")
        #expect(s.mixtures == k, "the last K pressed trains")
    }
}
