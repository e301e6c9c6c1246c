import Foundation
import MDNCore

/// GEMM FLOP of a network's work: what the roofline counts (element-wise work, the loss and
/// Adam are not FLOP here; they are what keeps an epoch from the bound).
enum NetworkFLOPs {
    /// Forward pass of one row: 2 * inputs * outputs per layer.
    static func forward(_ net: Network) -> Double {
        net.layers.reduce(0) { $0 + 2 * Double($1.inputs * $1.outputs) }
    }

    /// Training step of one row: forward, weight gradients (the same again) and input
    /// gradients (the same for every layer but the first).
    static func training(_ net: Network) -> Double {
        let first = net.layers.first.map { 2 * Double($0.inputs * $0.outputs) } ?? 0
        return 3 * forward(net) - first
    }

    /// One epoch of `trainingRows` rows plus a validation pass over `validationRows`.
    static func epoch(_ net: Network, trainingRows: Int, validationRows: Int) -> Double {
        Double(trainingRows) * training(net) + Double(validationRows) * forward(net)
    }
}

extension BenchmarkSuite {
    /// The spiral every training benchmark uses (the tutorial's 10,000 rows).
    static let spiral = Datasets.spiral(count: 10_000, seed: 42)

    /// This machine's GEMM peak with the project's kernel, the roofline's reference: the
    /// better of a large SGEMM (1024^3, the blocked path, from L2/L3) and an in-cache one
    /// (256^3), so that no shape the training runs beats its own peak.
    static func peak() -> Benchmark {
        Benchmark(
            name: "gemm_peak", summary: "best of GEMM 1024^3 and 256^3, one core: the peak every roofline refers to",
            unit: "GFLOP/s", higherIsBetter: true, target: nil,
            measure: {
                let large = gemmGFLOPS(m: 1024, k: 1024, n: 1024, calls: 1, samples: 9)
                let small = gemmGFLOPS(m: 256, k: 256, n: 256, calls: 40, samples: 15)
                var best = large.best >= small.best ? large : small
                best.flop = large.best >= small.best ? 2 * 1024 * 1024 * 1024 : 2 * 256 * 256 * 256
                return best
            })
    }

    /// The numerics and training measurements.
    static func core() -> [Benchmark] {
        func epoch(_ kind: ModelKind) -> Benchmark {
            var rng = SeededRNG(seed: 1)
            let net = Network(kind: kind, hidden: [128, 128], mixtures: 20, rng: &rng)
            let config = TrainingConfig(maxEpochs: 10_000)
            let train = Trainer.trainingRowCount(count: spiral.count, validationSplit: config.validationSplit)
            let flop = NetworkFLOPs.epoch(net, trainingRows: train, validationRows: spiral.count - train)
            let name = kind == .mdn ? "MDN K=20" : "MSE"
            let refs: [ReferenceFigure] =
                kind == .mdn
                ? [
                    ReferenceFigure(label: "Keras/JAX, both cores", value: 40),
                    ReferenceFigure(label: "PyTorch eager, 1 thread", value: 99),
                    ReferenceFigure(label: "PyTorch eager, 1 thread, log-sum-exp loss", value: 87),
                ]
                : [
                    ReferenceFigure(label: "Keras/JAX, both cores", value: 24.5),
                    ReferenceFigure(label: "PyTorch eager, 1 thread", value: 47),
                ]
            return Benchmark(
                name: "\(kind.rawValue)_epoch",
                summary:
                    "\(name) epoch, 1-128-128 trunk (\(train) train + \(spiral.count - train) val rows, batch 128)",
                unit: "ms", higherIsBetter: false, target: .roofline(0.85), references: refs, flop: flop,
                measure: {
                    let trainer = Trainer(network: net, data: spiral, config: config, seed: 1)
                    return cpuMilliseconds(samples: 21, warmup: 3) { trainer.runEpoch() }
                })
        }
        var rng = SeededRNG(seed: 1)
        let mdn = Network(kind: .mdn, hidden: [128, 128], mixtures: 20, rng: &rng)
        let predictX = (0..<10_000).map { Float($0) * 5 / 10_000 }
        return [
            Benchmark(
                name: "gemm_128", summary: "GEMM 128x128x128 (hidden layer, forward)", unit: "GFLOP/s",
                higherIsBetter: true, target: .roofline(0.9),
                references: [ReferenceFigure(label: "OpenBLAS", value: 96)],
                flop: 2 * 128 * 128 * 128, measure: { gemmGFLOPS(m: 128, k: 128, n: 128) }),
            Benchmark(
                name: "gemm_60x128", summary: "GEMM 60x128x128 (MDN head, forward: 60 outputs x 128 rows)",
                unit: "GFLOP/s", higherIsBetter: true, target: .roofline(0.9), flop: 2 * 60 * 128 * 128,
                measure: { gemmGFLOPS(m: 60, k: 128, n: 128, transposeA: true) }),
            Benchmark(
                name: "gemm_nt", summary: "GEMM A*B^T 128x128x128 (weight gradients)", unit: "GFLOP/s",
                higherIsBetter: true, target: .roofline(0.85), flop: 2 * 128 * 128 * 128,
                measure: { gemmGFLOPS(m: 128, k: 128, n: 128, transposeB: true) }),
            Benchmark(
                name: "gemm_tn", summary: "GEMM A^T*B 128x128x128", unit: "GFLOP/s",
                higherIsBetter: true, target: nil, flop: 2 * 128 * 128 * 128,
                measure: { gemmGFLOPS(m: 128, k: 128, n: 128, transposeA: true) }),
            epoch(.mdn),
            epoch(.mse),
            Benchmark(
                name: "mdn_predict", summary: "MDN forward, 10,000 x -> mixture parameters (row-major)", unit: "ms",
                higherIsBetter: false, target: .roofline(0.8),
                references: [
                    ReferenceFigure(label: "Keras/JAX", value: 66), ReferenceFigure(label: "PyTorch eager", value: 26),
                ],
                flop: 10_000 * NetworkFLOPs.forward(mdn),
                measure: { cpuMilliseconds(samples: 15, warmup: 2) { _ = mdn.predict(predictX) } }),
            Benchmark(
                name: "first_epoch", summary: "MDN: new network and trainer to the first epoch finished", unit: "ms",
                higherIsBetter: false, target: .roofline(0.6),
                references: [ReferenceFigure(label: "Keras/JAX (JIT compile)", value: 9500)],
                flop: NetworkFLOPs.epoch(mdn, trainingRows: 8500, validationRows: 1500),
                measure: {
                    var seed: UInt64 = 0
                    return cpuMilliseconds(samples: 5, warmup: 0) {
                        seed += 1
                        var rng = SeededRNG(seed: seed)
                        let net = Network(kind: .mdn, hidden: [128, 128], mixtures: 20, rng: &rng)
                        let trainer = Trainer(
                            network: net, data: spiral, config: Preset.tutorial.config(for: .mdn), seed: 1)
                        trainer.runEpoch()
                    }
                }),
        ]
    }

    /// One model's steps shared by 2 threads (opt-in, `StepPlan`): epochs on 2 threads, wall
    /// time, interleaved epoch by epoch with 1-thread epochs so that both see the same load;
    /// the note gives the 1-thread figures, the speedups and the CPU time of all threads.
    static func threads() -> [Benchmark] {
        [ModelKind.mdn, .mse].map { kind in
            var rng = SeededRNG(seed: 1)
            let net = Network(kind: kind, hidden: [128, 128], mixtures: 20, rng: &rng)
            let config = TrainingConfig(maxEpochs: 10_000)
            let train = Trainer.trainingRowCount(count: spiral.count, validationSplit: config.validationSplit)
            let flop = NetworkFLOPs.epoch(net, trainingRows: train, validationRows: spiral.count - train)
            return Benchmark(
                name: "\(kind.rawValue)_epoch_2t",
                summary: "\(kind == .mdn ? "MDN K=20" : "MSE") epoch, each step shared by 2 threads, wall time",
                unit: "ms",
                higherIsBetter: false, target: nil, flop: flop, optIn: true,
                measure: {
                    let one = Trainer(network: net, data: spiral, config: config, seed: 1, threads: 1)
                    let two = Trainer(network: net, data: spiral, config: config, seed: 1, threads: 2)
                    two.tuner = nil  // always both threads: this measures what they give
                    for _ in 0..<3 {
                        one.runEpoch()
                        two.runEpoch()
                    }
                    func wall(_ t: Trainer) -> (wall: Double, cpu: Double) {
                        let c0 = processCPUMilliseconds()
                        let t0 = ContinuousClock.now
                        t.runEpoch()
                        return ((ContinuousClock.now - t0) / .milliseconds(1), processCPUMilliseconds() - c0)
                    }
                    var t1: [Double] = []
                    var t2: [Double] = []
                    var cpu1: [Double] = []
                    var cpu2: [Double] = []
                    for _ in 0..<41 {
                        let a = wall(one)
                        let b = wall(two)
                        t1.append(a.wall)
                        t2.append(b.wall)
                        cpu1.append(a.cpu)
                        cpu2.append(b.cpu)
                    }
                    // Single steps: one batch of 128 rows per epoch (no validation rows), the
                    // best of many. A ~0.2 ms step often runs undisturbed even on a busy
                    // machine, so the best steps estimate what an idle machine would do.
                    let batchData = spiral.rows(0..<128)
                    let stepConfig = TrainingConfig(maxEpochs: 1_000_000, validationSplit: 0)
                    let s1 = Trainer(network: net, data: batchData, config: stepConfig, seed: 1, threads: 1)
                    let s2 = Trainer(network: net, data: batchData, config: stepConfig, seed: 1, threads: 2)
                    s2.tuner = nil
                    var step1: [Double] = []
                    var step2: [Double] = []
                    for _ in 0..<2000 {
                        step1.append(wall(s1).wall)
                        step2.append(wall(s2).wall)
                    }
                    let ratios = zip(t1, t2).map { $0 / $1 }
                    var timing = Timing(best: t2.min()!, median: median(t2), samples: t2.count)
                    timing.note = String(
                        format:
                            "; 1 thread: best %.2f, median %.2f ms; speedup best/best %.2fx, median of pairs %.2fx;"
                            + " CPU of all threads per epoch (median) %.2f vs %.2f ms;"
                            + " one step (batch 128), best of 2000: %.0f us with 2 threads vs %.0f us with 1 (%.2fx),"
                            + " median %.0f vs %.0f us (%.2fx)",
                        t1.min()!, median(t1), t1.min()! / t2.min()!, median(ratios), median(cpu2), median(cpu1),
                        step2.min()! * 1000, step1.min()! * 1000, step1.min()! / step2.min()!,
                        median(step2) * 1000, median(step1) * 1000, median(step1) / median(step2))
                    return timing
                })
        }
    }

    /// GFLOP/s of C = op(A) op(B) for the given shape: best and median over `samples`
    /// samples of `calls` calls each (thread CPU time).
    static func gemmGFLOPS(
        m: Int, k: Int, n: Int, transposeA: Bool = false, transposeB: Bool = false, calls: Int = 100, samples: Int = 15
    ) -> Timing {
        var rng = SeededRNG(seed: 3)
        let a = (0..<(m * k)).map { _ in rng.nextFloat() - 0.5 }
        let b = (0..<(k * n)).map { _ in rng.nextFloat() - 0.5 }
        var c = [Float](repeating: 0, count: m * n)
        let t = a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    cpuMilliseconds(samples: samples, warmup: 1) {
                        for _ in 0..<calls {
                            GEMM.multiply(
                                m: m, n: n, k: k, a: ap.baseAddress!, lda: transposeA ? m : k, transposeA: transposeA,
                                b: bp.baseAddress!, ldb: transposeB ? k : n, transposeB: transposeB,
                                c: cp.baseAddress!, ldc: n)
                        }
                    }
                }
            }
        }
        let gflop = 2.0 * Double(m * n * k) * Double(calls) / 1e9
        return Timing(best: gflop / (t.best / 1000), median: gflop / (t.median / 1000), samples: t.samples)
    }
}
