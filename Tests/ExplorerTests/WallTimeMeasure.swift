import Foundation
import MDNCore
import Testing

@testable import Explorer

@Suite struct WallTimeMeasure {
    @Test func bothModelsFinished() {
        guard let mode = ProcessInfo.processInfo.environment["MDNX_MEASURE"] else { return }
        let data = DatasetName.spiral.generate(count: 10_000, seed: 42)
        var config = SessionConfig(data: data, mixtures: 20, preset: .default, seed: 42)
        config.concurrency = mode == "alternating" ? .alternating : .parallel
        let session = TrainingSession(config: config)
        let start = Date()
        session.start()
        var events = 0
        while !session.snapshot.finished {
            events += session.drainEvents().count
            usleep(5_000)
        }
        let s = session.snapshot
        print(
            String(
                format: "WALL %@ %.2f s  mse %d epochs  mdn %d epochs", mode, Date().timeIntervalSince(start),
                s.mse.epoch, s.mdn.epoch))
        session.stop()
    }
}
