import ArgumentParser
import Foundation
import SafeText

/// `mdnx bench`: this machine's GEMM peak first, then timings of the numerics, training,
/// prediction, sampling and plotting, each training figure also as a fraction of the roofline.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure this machine's GEMM peak, then training and drawing speed as fractions of it.",
        discussion: """
            Build with -c release for meaningful numbers. The GEMM peak (a 1024^3 SGEMM with the \
            project's kernel) is measured first; a training figure's roofline fraction is its GEMM FLOP \
            divided by that peak, divided by its time. Times are thread CPU time (best and median of the \
            samples), so other processes on a shared machine slow them less than wall time, but the \
            load is printed: compare ratios within one run. Opt-in benchmarks run only when named in full: \
            explorer_both (wall time until the explorer's two default-preset models finish, one thread \
            each) and explorer_alternating (the same on one thread, in turns), \
            mdn_epoch_2t and mse_epoch_2t (each step of one model shared by 2 threads, against 1 thread; the same result).
            """)

    @Flag(name: .long, help: "Print one JSON document (machine, peak, results) instead of a table.")
    var json = false

    @Option(name: .long, help: "Run only benchmarks whose name contains this text (repeat for several).")
    var only: [String] = []

    func run() throws {
        let machine = MachineInfo.current()
        var suite = BenchmarkSuite(
            benchmarks: BenchmarkSuite.core() + BenchmarkSuite.threads() + BenchmarkSuite.plotting()
                + BenchmarkSuite.explorer())
        let names = suite.benchmarks.map { (name: $0.name, optIn: $0.optIn) }
        let (selected, unmatched) = BenchCommand.select(names, only: only)
        let notes = unmatched.map { BenchCommand.unmatchedNote($0, names: names) }
        if selected.isEmpty && !only.isEmpty { throw ValidationError(notes.joined(separator: "; ")) }
        for note in notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
        suite.benchmarks = suite.benchmarks.filter { selected.contains($0.name) }
        if !json {
            #if DEBUG
                print("note: debug build; use `swift run -c release mdnx bench` for real figures")
            #endif
            for line in BenchCommand.header(machine) { print(line) }
        }
        let (peak, results) = suite.run(peak: BenchmarkSuite.peak()) { r in
            if !json { print(BenchCommand.line(r)) }
        }
        if json {
            let report = BenchReport(
                machine: machine, fmaBoundGFLOPS: machine.fmaBound.map { $0 / 1e9 }, peak: peak, results: results)
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try enc.encode(report), as: UTF8.self))
        } else {
            for line in BenchCommand.footer([peak] + results) { print(line) }
        }
    }

    /// The names `--only` selects from `benchmarks` (name, opt-in), in their order, and the
    /// filters that select none. A default benchmark runs when --only is absent or a part of
    /// its name; an opt-in one (long: the explorer's end to end, the 2-thread epochs) only
    /// when named in full, so that `--only mdn_epoch` does not start `mdn_epoch_2t`.
    static func select(_ benchmarks: [(name: String, optIn: Bool)], only: [String]) -> (
        selected: [String], unmatched: [String]
    ) {
        func runs(_ b: (name: String, optIn: Bool), _ filter: String) -> Bool {
            b.optIn ? b.name == filter : b.name.contains(filter)
        }
        let selected = benchmarks.filter { b in only.isEmpty ? !b.optIn : only.contains { runs(b, $0) } }
        let unmatched = only.filter { f in !benchmarks.contains { runs($0, f) } }
        return (selected.map(\.name), unmatched)
    }

    /// What to say of a --only filter that selects nothing: the opt-in benchmarks it names in
    /// part (which run only when named in full), or every name.
    static func unmatchedNote(_ filter: String, names: [(name: String, optIn: Bool)]) -> String {
        let partOf = names.filter { $0.optIn && $0.name.contains(filter) }.map(\.name)
        if !partOf.isEmpty {
            return "--only \(SafeText.quoted(filter)) selects no benchmark: opt-in benchmarks run only when named "
                + "in full (\(partOf.joined(separator: ", ")))"
        }
        return "--only \(SafeText.quoted(filter)) matches no benchmark name (names: "
            + names.map(\.name).joined(separator: ", ") + ")"
    }

    /// The machine, the FMA bound, how to read the table, and the column names.
    static func header(_ m: MachineInfo) -> [String] {
        let clock = m.megahertz.map { String(format: "%.0f MHz reported", $0) } ?? "clock unknown"
        let isa = m.fma ? "AVX2+FMA" + (m.avx512 ? " (AVX-512 present, not used)" : "") : "no FMA"
        let load = m.loadAverage.map { String(format: "load %.1f", $0) } ?? "load unknown"
        var lines = ["machine: \(m.cpu), \(m.cores) cores, \(isa), \(clock), \(load)"]
        if let bound = m.fmaBound {
            lines.append(
                String(format: "FMA bound at that clock: %.1f GFLOP/s", bound / 1e9)
                    + " (8 lanes x 2 FMA units x 2 FLOP; a core that boosts beats it)")
        }
        lines.append(
            "roofline = GEMM FLOP / gemm_peak / time, rounded down (element-wise work is not counted as FLOP); "
                + "times are thread CPU time")
        lines.append(columns(["name", "best", "median", "unit", "GFLOP", "roofline", "target", "what"]))
        return lines
    }

    /// Fixed-width columns: a name, six right-aligned figures, then free text.
    static func columns(_ c: [String]) -> String {
        let widths = [13, 9, 9, 8, 8, 9, 15]
        var s = ""
        for (i, w) in widths.enumerated() {
            let v = c[i]
            let pad = String(repeating: " ", count: max(0, w - v.count))
            s += i == 0 || i == 3 || i == 6 ? v + pad : pad + v
            s += " "
        }
        return s + c[7]
    }

    /// One row of the table.
    static func line(_ r: BenchmarkResult) -> String {
        func fmt(_ v: Double) -> String { v >= 100 ? String(format: "%.1f", v) : String(format: "%.2f", v) }
        var target = ""
        switch r.target {
        case .roofline(let f): target = String(format: ">= %.2f", f)
        case .absolute(let v): target = (r.higherIsBetter ? ">= " : "<= ") + fmt(v) + " " + r.unit
        case nil: break
        }
        if let ok = r.meetsTarget { target += ok ? " ok" : " MISS" }
        return columns([
            r.name, fmt(r.value), r.samples > 1 ? fmt(r.median) : "-", r.unit,
            r.gflop.map { String(format: "%.3f", $0) } ?? "-",
            r.roofline.map { String(format: "%.2f", BenchCommand.hundredthsDown($0)) } ?? "-", target, r.summary,
        ])
    }

    /// `v` rounded down to hundredths, as the roofline column shows it: a fraction just under
    /// its target (0.846 against >= 0.85) must not print as the target itself.
    static func hundredthsDown(_ v: Double) -> Double {
        (v * 100 + 1e-9).rounded(.down) / 100
    }

    /// Reference figures measured elsewhere, grouped by source.
    static func footer(_ results: [BenchmarkResult]) -> [String] {
        var bySource: [String: [String]] = [:]
        var order: [String] = []
        for r in results {
            for ref in r.references {
                if bySource[ref.source] == nil { order.append(ref.source) }
                let v = ref.value >= 100 ? String(format: "%.0f", ref.value) : String(format: "%g", ref.value)
                bySource[ref.source, default: []].append("\(r.name): \(ref.label) \(v) \(r.unit)")
            }
        }
        guard !order.isEmpty else { return [] }
        var lines = [
            "", "Measured elsewhere, for context only (not comparable with this run; for a same-machine",
            "comparison run Tests/Reference/pytorch_epoch.py):",
        ]
        for source in order {
            lines.append("  \(source):")
            lines += bySource[source, default: []].map { "    \($0)" }
        }
        return lines
    }
}
