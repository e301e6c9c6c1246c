import Foundation
import MDNCore

/// A published figure measured elsewhere (reference/figures.md), shown for context only:
/// figures from another machine are never divided by this machine's.
struct ReferenceFigure: Codable, Sendable {
    /// Who measured what, e.g. "PyTorch eager, 1 thread".
    var label: String
    /// The value, in the benchmark's unit.
    var value: Double
    /// Where and when it was measured.
    var source: String

    /// Where figures.md's tables were measured.
    static let figuresSource = "figures.md: another machine (AVX-512 EPYC, 2 cores), 2026-11-25"

    /// A reference figure (by default one of figures.md's).
    init(label: String, value: Double, source: String = ReferenceFigure.figuresSource) {
        self.label = label
        self.value = value
        self.source = source
    }
}

/// The best and the median of a benchmark's samples, in its unit.
struct Timing: Codable, Sendable {
    /// The best sample (the smallest time, the highest throughput).
    var best: Double
    /// The median sample.
    var median: Double
    /// How many samples were taken.
    var samples: Int
    /// GEMM FLOP of the measured work when only the measurement knows it (else the
    /// benchmark's own figure counts).
    var flop: Double? = nil
    /// Measured detail appended to the benchmark's summary.
    var note: String? = nil
}

/// What a benchmark should reach.
enum BenchmarkTarget: Codable, Sendable, Equatable {
    /// At least this fraction of the roofline (the FLOP bound at the run's GEMM peak).
    case roofline(Double)
    /// An absolute bound in the benchmark's unit (a frame budget, a latency).
    case absolute(Double)
}

/// One named measurement.
struct Benchmark {
    /// Short identifier, e.g. "mdn_epoch".
    var name: String
    /// What is measured, for humans.
    var summary: String
    /// Unit of the value ("ms", "GFLOP/s").
    var unit: String
    /// True when larger values are better (throughput), false for times.
    var higherIsBetter: Bool
    /// What it should reach, if anything.
    var target: BenchmarkTarget?
    /// Figures measured elsewhere, for context.
    var references: [ReferenceFigure]
    /// GEMM FLOP of one measured unit (a call, an epoch), for the roofline column.
    var flop: Double?
    /// Runs only when named by --only (long benchmarks).
    var optIn = false
    /// Performs the measurement.
    var measure: () -> Timing

    /// A benchmark whose value comes from `measure`.
    init(
        name: String, summary: String, unit: String, higherIsBetter: Bool, target: BenchmarkTarget?,
        references: [ReferenceFigure] = [], flop: Double? = nil, optIn: Bool = false, measure: @escaping () -> Timing
    ) {
        self.name = name
        self.summary = summary
        self.unit = unit
        self.higherIsBetter = higherIsBetter
        self.target = target
        self.references = references
        self.flop = flop
        self.optIn = optIn
        self.measure = measure
    }

    /// A benchmark whose `run` returns one value (its median) with an absolute target.
    init(
        name: String, summary: String, unit: String, higherIsBetter: Bool, target: Double?,
        references: [ReferenceFigure], run: @escaping () -> Double
    ) {
        self.init(
            name: name, summary: summary, unit: unit, higherIsBetter: higherIsBetter,
            target: target.map { .absolute($0) }, references: references,
            measure: {
                let v = run()
                return Timing(best: v, median: v, samples: 1)
            })
    }
}

/// The result of one benchmark.
struct BenchmarkResult: Codable, Sendable {
    var name: String
    var summary: String
    var unit: String
    /// The best sample.
    var value: Double
    /// The median sample.
    var median: Double
    var samples: Int
    /// GEMM FLOP of one measured unit, in GFLOP.
    var gflop: Double?
    /// Achieved GEMM throughput as a fraction of the run's GEMM peak (best sample).
    var roofline: Double?
    var target: BenchmarkTarget?
    var meetsTarget: Bool?
    var higherIsBetter: Bool
    /// Figures measured elsewhere (not divided by this run's).
    var references: [ReferenceFigure]
}

/// Everything `mdnx bench --json` prints.
struct BenchReport: Codable, Sendable {
    /// The machine and its load.
    var machine: MachineInfo
    /// The FMA bound at the reported clock (GFLOP/s), if known.
    var fmaBoundGFLOPS: Double?
    /// The GEMM peak every roofline fraction refers to.
    var peak: BenchmarkResult
    /// The selected benchmarks.
    var results: [BenchmarkResult]
}

/// A list of benchmarks run in order after the GEMM peak; other modules' measurements can be
/// appended.
struct BenchmarkSuite {
    var benchmarks: [Benchmark] = []

    /// Measures the peak, then every benchmark, calling `progress` after each.
    func run(peak: Benchmark, progress: (BenchmarkResult) -> Void = { _ in }) -> (BenchmarkResult, [BenchmarkResult]) {
        let p = BenchmarkSuite.result(peak, peakGFLOPS: nil)
        progress(p)
        let results = benchmarks.map { b in
            let r = BenchmarkSuite.result(b, peakGFLOPS: p.value)
            progress(r)
            return r
        }
        return (p, results)
    }

    /// Runs one benchmark and rates it against the peak (itself when `peakGFLOPS` is nil).
    static func result(_ b: Benchmark, peakGFLOPS: Double?) -> BenchmarkResult {
        let t = b.measure()
        let flop = t.flop ?? b.flop
        var roofline: Double?
        if b.unit == "GFLOP/s" {
            roofline = t.best / (peakGFLOPS ?? t.best)
        } else if let flop, b.unit == "ms", let peak = peakGFLOPS {
            roofline = flop / (t.best * 1e6) / peak
        }
        let meets: Bool? =
            switch b.target {
            case .roofline(let r): roofline.map { $0 >= r }
            case .absolute(let v): b.higherIsBetter ? t.best >= v : t.best <= v
            case nil: nil
            }
        return BenchmarkResult(
            name: b.name, summary: b.summary + (t.note ?? ""), unit: b.unit, value: t.best, median: t.median,
            samples: t.samples,
            gflop: flop.map { $0 / 1e9 }, roofline: roofline, target: b.target, meetsTarget: meets,
            higherIsBetter: b.higherIsBetter, references: b.references)
    }

    /// Thread CPU time now, in seconds: time the process was not running (other processes
    /// on a shared machine) does not count.
    static func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Best and median thread CPU time of `body` in milliseconds over `samples` runs, after
    /// `warmup` untimed ones.
    static func cpuMilliseconds(samples: Int, warmup: Int = 1, _ body: () -> Void) -> Timing {
        for _ in 0..<warmup { body() }
        var times: [Double] = []
        for _ in 0..<samples {
            let t0 = cpuSeconds()
            body()
            times.append((cpuSeconds() - t0) * 1000)
        }
        return Timing(best: times.min()!, median: median(times), samples: samples)
    }

    /// Median of `repeats` wall-clock timings of `body` in milliseconds, after `warmup`
    /// untimed runs.
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
}
