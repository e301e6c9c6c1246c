import Foundation
import MDNCore

/// A published figure to compare a measurement against (from reference/figures.md).
struct ReferenceFigure: Codable, Sendable {
    /// Who measured it, e.g. "Keras/JAX".
    var label: String
    /// The value, in the benchmark's unit.
    var value: Double
}

/// One named measurement: `run` returns the median value in `unit`.
struct Benchmark {
    /// Short identifier, e.g. "mdn_epoch".
    var name: String
    /// What is measured, for humans.
    var summary: String
    /// Unit of the value ("ms", "GFLOP/s").
    var unit: String
    /// True when larger values are better (throughput), false for times.
    var higherIsBetter: Bool
    /// Our target, if any.
    var target: Double?
    /// Figures to compare with.
    var references: [ReferenceFigure]
    /// Performs the measurement and returns the median.
    var run: () -> Double
}

/// The result of one benchmark.
struct BenchmarkResult: Codable, Sendable {
    var name: String
    var summary: String
    var unit: String
    var value: Double
    var target: Double?
    var meetsTarget: Bool?
    var higherIsBetter: Bool
    var references: [ReferenceFigure]
    /// How many times better than each reference (>1 means faster / higher throughput).
    var speedups: [Double]
}

/// A list of benchmarks run in order; other modules' measurements can be appended.
struct BenchmarkSuite {
    var benchmarks: [Benchmark] = []

    /// Runs every benchmark, calling `progress` after each.
    func run(progress: (BenchmarkResult) -> Void = { _ in }) -> [BenchmarkResult] {
        benchmarks.map { b in
            let v = b.run()
            let speedups = b.references.map { b.higherIsBetter ? v / $0.value : $0.value / v }
            let meets = b.target.map { b.higherIsBetter ? v >= $0 : v <= $0 }
            let r = BenchmarkResult(
                name: b.name, summary: b.summary, unit: b.unit, value: v, target: b.target,
                meetsTarget: meets, higherIsBetter: b.higherIsBetter,
                references: b.references, speedups: speedups)
            progress(r)
            return r
        }
    }

    /// Median of `repeats` timings of `body` in milliseconds, after `warmup` untimed runs.
    static func medianMilliseconds(repeats: Int, warmup: Int = 1, _ body: () -> Void) -> Double {
        for _ in 0..<warmup { body() }
        var times: [Double] = []
        for _ in 0..<repeats {
            let t0 = ContinuousClock.now
            body()
            times.append((ContinuousClock.now - t0) / .milliseconds(1))
        }
        return median(times)
    }

    static func median(_ v: [Double]) -> Double {
        let s = v.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// The numerics and training measurements (core).
    static func core() -> [Benchmark] {
        let data = Datasets.spiral(count: 10_000, seed: 42)
        func epochBenchmark(_ kind: ModelKind) -> () -> Double {
            {
                var rng = SeededRNG(seed: 1)
                let net = Network(kind: kind, hidden: [128, 128], mixtures: 20, rng: &rng)
                let trainer = Trainer(network: net, data: data, config: TrainingConfig(maxEpochs: 10_000), seed: 1)
                for _ in 0..<3 { trainer.runEpoch() }
                return median((0..<15).map { _ in trainer.runEpoch().milliseconds })
            }
        }
        return [
            Benchmark(
                name: "gemm_128", summary: "GEMM 128x128x128, one core", unit: "GFLOP/s", higherIsBetter: true,
                target: 80, references: [ReferenceFigure(label: "OpenBLAS", value: 96)],
                run: { gemmGFLOPS(m: 128, k: 128, n: 128) }),
            Benchmark(
                name: "gemm_128x60", summary: "GEMM 128x128x60 (MDN head)", unit: "GFLOP/s", higherIsBetter: true,
                target: nil, references: [ReferenceFigure(label: "OpenBLAS", value: 100)],
                run: { gemmGFLOPS(m: 128, k: 128, n: 60) }),
            Benchmark(
                name: "gemm_tn", summary: "GEMM A^T*B 128x128x128 (weight gradients)", unit: "GFLOP/s",
                higherIsBetter: true, target: nil, references: [],
                run: { gemmGFLOPS(m: 128, k: 128, n: 128, transposeA: true) }),
            Benchmark(
                name: "gemm_nt", summary: "GEMM A*B^T 128x128x128 (input gradients)", unit: "GFLOP/s",
                higherIsBetter: true, target: nil, references: [],
                run: { gemmGFLOPS(m: 128, k: 128, n: 128, transposeB: true) }),
            Benchmark(
                name: "mdn_epoch", summary: "MDN K=20 epoch (8500 train + 1500 val, batch 128)", unit: "ms",
                higherIsBetter: false, target: 16,
                references: [
                    ReferenceFigure(label: "Keras/JAX", value: 40), ReferenceFigure(label: "PyTorch", value: 87),
                ],
                run: epochBenchmark(.mdn)),
            Benchmark(
                name: "mse_epoch", summary: "MSE epoch (8500 train + 1500 val, batch 128)", unit: "ms",
                higherIsBetter: false, target: 11,
                references: [
                    ReferenceFigure(label: "Keras/JAX", value: 24.5), ReferenceFigure(label: "PyTorch", value: 47),
                ],
                run: epochBenchmark(.mse)),
            Benchmark(
                name: "mdn_predict", summary: "MDN forward, 10,000 x -> mixture parameters", unit: "ms",
                higherIsBetter: false, target: 6,
                references: [
                    ReferenceFigure(label: "Keras/JAX", value: 66), ReferenceFigure(label: "PyTorch", value: 26),
                ],
                run: {
                    var rng = SeededRNG(seed: 1)
                    let net = Network(kind: .mdn, hidden: [128, 128], mixtures: 20, rng: &rng)
                    let x = (0..<10_000).map { Float($0) * 5 / 10_000 }
                    return medianMilliseconds(repeats: 15, warmup: 2) { _ = net.predict(x) }
                }),
            Benchmark(
                name: "first_epoch", summary: "MDN: training start to first epoch finished", unit: "ms",
                higherIsBetter: false, target: 50,
                references: [ReferenceFigure(label: "Keras/JAX", value: 9500)],
                run: {
                    median(
                        (0..<5).map { i in
                            let t0 = ContinuousClock.now
                            var rng = SeededRNG(seed: UInt64(i))
                            let net = Network(kind: .mdn, hidden: [128, 128], mixtures: 20, rng: &rng)
                            let trainer = Trainer(
                                network: net, data: data, config: Preset.tutorial.config(for: .mdn), seed: 1)
                            trainer.runEpoch()
                            return (ContinuousClock.now - t0) / .milliseconds(1)
                        })
                }),
        ]
    }

    /// Median GFLOP/s of C = A*B for the given shape.
    static func gemmGFLOPS(m: Int, k: Int, n: Int, transposeA: Bool = false, transposeB: Bool = false) -> Double {
        var rng = SeededRNG(seed: 3)
        let a = (0..<(m * k)).map { _ in rng.nextFloat() - 0.5 }
        let b = (0..<(k * n)).map { _ in rng.nextFloat() - 0.5 }
        var c = [Float](repeating: 0, count: m * n)
        let inner = 200
        let ms = a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    medianMilliseconds(repeats: 9, warmup: 2) {
                        for _ in 0..<inner {
                            GEMM.multiply(
                                m: m, n: n, k: k, a: ap.baseAddress!, lda: transposeA ? m : k, transposeA: transposeA,
                                b: bp.baseAddress!, ldb: transposeB ? k : n, transposeB: transposeB,
                                c: cp.baseAddress!, ldc: n)
                        }
                    }
                }
            }
        }
        return 2.0 * Double(m * n * k) * Double(inner) / (ms * 1e6)
    }
}
