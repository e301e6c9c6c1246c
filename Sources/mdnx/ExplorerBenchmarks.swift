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
                    "explorer session, headless: wall time until both default-preset models finish on the spiral (10,000 rows, K=20, seed 42), each model on its own thread where there are two cores; FLOP: epochs run",
                unit: "ms", higherIsBetter: false, target: nil, optIn: true,
                measure: { explorerTiming(.automatic) }),
            Benchmark(
                name: "explorer_alternating",
                summary:
                    "the same with both models on one thread, taking turns epoch by epoch (how the explorer trained before two threads)",
                unit: "ms", higherIsBetter: false, target: nil, optIn: true,
                measure: { explorerTiming(.alternating) }),
        ]
    }

    /// `explorerWallMilliseconds` as a timing, with the CPU time of all threads in the note.
    static func explorerTiming(_ concurrency: SessionConfig.Concurrency) -> Timing {
        let cpu0 = processCPUMilliseconds()
        let (ms, flop) = explorerWallMilliseconds(seed: 42, concurrency: concurrency)
        var timing = Timing(best: ms, median: ms, samples: 1, flop: flop)
        timing.note = String(
            format: "; CPU time of all threads %.0f ms (wall above a quiet machine's means load)",
            processCPUMilliseconds() - cpu0)
        return timing
    }

    /// CPU time of the whole process (all threads) so far, in milliseconds.
    static func processCPUMilliseconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) * 1000 + Double(ts.tv_nsec) / 1e6
    }

    /// Wall time from `TrainingSession.start()` until its snapshot says both models have
    /// finished (early stopping or their epoch limit), polled every 5 ms while the session's
    /// events (every epoch's weights) are taken as the explorer takes them; and the GEMM FLOP
    /// of the epochs they ran (the explorer evaluates a shown epoch on its own thread).
    static func explorerWallMilliseconds(
        seed: UInt64, concurrency: SessionConfig.Concurrency = .automatic
    ) -> (Double, Double) {
        var config = SessionConfig(data: spiral, mixtures: 20, preset: .default, seed: seed)
        config.concurrency = concurrency
        let session = TrainingSession(config: config)
        let start = ContinuousClock.now
        session.start()
        while !session.snapshot.finished {
            _ = session.drainEvents()
            usleep(5_000)
        }
        let ms = (ContinuousClock.now - start) / .milliseconds(1)
        let snapshot = session.snapshot
        session.stop()
        var flop = 0.0
        for kind in [ModelKind.mse, .mdn] {
            var rng = SeededRNG(seed: 1)
            let net = Network(kind: kind, hidden: config.preset.hidden, mixtures: config.mixtures, rng: &rng)
            let split = config.preset.config(for: kind, rows: spiral.count).validationSplit
            let train = Trainer.trainingRowCount(count: spiral.count, validationSplit: split)
            let perEpoch = NetworkFLOPs.epoch(net, trainingRows: train, validationRows: spiral.count - train)
            flop += Double(kind == .mdn ? snapshot.mdn.epoch : snapshot.mse.epoch) * perEpoch
        }
        return (ms, flop)
    }
}
