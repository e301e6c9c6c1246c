import ArgumentParser
import Foundation

/// `mdnx bench`: timings of the numerics and training, beside the reference figures.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure GEMM, training, prediction, sampling and plotting, and compare with Keras/PyTorch figures.",
        discussion: "Build with -c release for meaningful numbers. Times are medians; the machine's load adds noise.")

    @Flag(name: .long, help: "Print one JSON document (an array of results) instead of a table.")
    var json = false

    @Option(name: .long, help: "Run only benchmarks whose name contains this text (repeat for several).")
    var only: [String] = []

    func run() throws {
        var suite = BenchmarkSuite(benchmarks: BenchmarkSuite.core() + BenchmarkSuite.plotting())
        if !only.isEmpty { suite.benchmarks = suite.benchmarks.filter { b in only.contains { b.name.contains($0) } } }
        #if DEBUG
            if !json { print("note: debug build; use `swift run -c release mdnx bench` for real figures") }
        #endif
        let results = suite.run { r in
            if !json { print(BenchCommand.line(r)) }
        }
        if json {
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try enc.encode(results), as: UTF8.self))
        }
    }

    /// One human-readable line: name, value, target verdict, references with ratios.
    static func line(_ r: BenchmarkResult) -> String {
        func fmt(_ v: Double) -> String { v >= 100 ? String(format: "%.0f", v) : String(format: "%.2f", v) }
        var s =
            r.name.padding(toLength: 12, withPad: " ", startingAt: 0)
            + " " + (fmt(r.value) + " " + r.unit).padding(toLength: 14, withPad: " ", startingAt: 0)
        if let t = r.target {
            s += " target \(r.higherIsBetter ? ">=" : "<=") \(fmt(t)) \(r.meetsTarget == true ? "ok  " : "MISS")"
        } else {
            s += String(repeating: " ", count: 20)
        }
        let refs = zip(r.references, r.speedups).map { ref, x in
            "\(ref.label) \(fmt(ref.value)) (\(String(format: "%.1f", x))x)"
        }
        if !refs.isEmpty { s += "  vs " + refs.joined(separator: ", ") }
        return s
    }
}
