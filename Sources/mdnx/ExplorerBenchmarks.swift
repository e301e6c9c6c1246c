import Explorer
import Foundation
import MDNCore

extension BenchmarkSuite {
    /// The explorer's training end to end (opt-in: it trains both default-preset models to
    /// the end, about ten seconds).
    static func explorer() -> [Benchmark] {
        [
            Benchmark(
                name: "explorer_both",
                summary:
                    "explorer session, headless: wall time until both default-preset models finish on the spiral (10,000 rows, K=20, seed 42); FLOP: epochs run + snapshots",
                unit: "ms", higherIsBetter: false, target: nil, optIn: true,
                measure: {
                    let cpu0 = processCPUMilliseconds()
                    let (ms, flop) = explorerWallMilliseconds(seed: 42)
                    var timing = Timing(best: ms, median: ms, samples: 1, flop: flop)
                    timing.note = String(
                        format: "; CPU time of all threads %.0f ms (wall above a quiet machine's means load)",
                        processCPUMilliseconds() - cpu0)
                    return timing
                })
        ]
    }

    /// CPU time of the whole process (all threads) so far, in milliseconds.
    static func processCPUMilliseconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) * 1000 + Double(ts.tv_nsec) / 1e6
    }

    /// Wall time from `TrainingSession.start()` until its snapshot says both models have
    /// finished (early stopping or their epoch limit), polled every 5 ms; and the GEMM FLOP
    /// of the epochs they ran plus the snapshots' predictions (the MSE curve and the MDN's
    /// mixture rows after every epoch).
    static func explorerWallMilliseconds(seed: UInt64) -> (Double, Double) {
        let config = SessionConfig(data: spiral, mixtures: 20, preset: .default, seed: seed)
        let session = TrainingSession(config: config)
        let start = ContinuousClock.now
        session.start()
        while !session.snapshot.finished { usleep(5_000) }
        let ms = (ContinuousClock.now - start) / .milliseconds(1)
        let snapshot = session.snapshot
        session.stop()
        var flop = 0.0
        for kind in [ModelKind.mse, .mdn] {
            var rng = SeededRNG(seed: 1)
            let net = Network(kind: kind, hidden: config.preset.hidden, mixtures: config.mixtures, rng: &rng)
            let split = config.preset.config(for: kind, rows: spiral.count).validationSplit
            let train = Trainer.trainingRowCount(count: spiral.count, validationSplit: split)
            let perEpoch =
                NetworkFLOPs.epoch(net, trainingRows: train, validationRows: spiral.count - train)
                + Double(kind == .mdn ? config.mixturePoints : config.curvePoints) * NetworkFLOPs.forward(net)
            flop += Double(kind == .mdn ? snapshot.mdn.epoch : snapshot.mse.epoch) * perEpoch
        }
        return (ms, flop)
    }
}
