import Foundation
import MDNCore
import Testing

@testable import mdnx

/// `mdnx bench` measures the peak first, selects benchmarks by name and prints JSON for scripts.
@Suite struct BenchCommandTests {
    /// The fields of `mdnx bench --json` a script reads.
    struct Report: Decodable {
        struct Row: Decodable {
            var name: String
            var value: Double
            var roofline: Double?
        }
        var peak: Row
        var results: [Row]
    }

    @Test func repeatedOnlySelectsEachNamedBenchmarkAfterThePeak() throws {
        let r = try MDNXProcess.run(["bench", "--only", "gemm_nt", "--only", "sample_10k", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try JSONDecoder().decode(Report.self, from: Data(r.stdout.utf8))
        #expect(report.peak.name == "gemm_peak" && report.peak.value > 0 && report.peak.roofline == 1)
        #expect(report.results.map(\.name) == ["gemm_nt", "sample_10k"])
        // A GEMM's roofline fraction is its throughput over the peak's.
        let nt = try #require(report.results.first)
        #expect(abs((nt.roofline ?? 0) - nt.value / report.peak.value) < 1e-9)
    }

    @Test("--only selects by a part of a default benchmark's name, an opt-in one's whole name")
    func onlySelectsPartsOfDefaultNamesAndWholeOptInNames() {
        let names: [(name: String, optIn: Bool)] = [
            ("mdn_epoch", false), ("mse_epoch", false), ("mdn_epoch_2t", true), ("mse_epoch_2t", true),
        ]
        #expect(BenchCommand.select(names, only: []) == (["mdn_epoch", "mse_epoch"], []))
        #expect(BenchCommand.select(names, only: ["mdn_epoch"]) == (["mdn_epoch"], []))
        #expect(
            BenchCommand.select(names, only: ["epoch", "mse_epoch_2t"]) == (
                ["mdn_epoch", "mse_epoch", "mse_epoch_2t"], []
            ))
        #expect(BenchCommand.select(names, only: ["_2t", "mdn"]) == (["mdn_epoch"], ["_2t"]))
        #expect(
            BenchCommand.unmatchedNote("_2t", names: names)
                == "--only \"_2t\" selects no benchmark: opt-in benchmarks run only when named in full "
                + "(mdn_epoch_2t, mse_epoch_2t)")
        #expect(
            BenchCommand.unmatchedNote("gmm", names: names).hasSuffix(
                "(names: mdn_epoch, mse_epoch, mdn_epoch_2t, mse_epoch_2t)"))
    }

    @Test("a --only that selects nothing is an error that names the opt-in benchmarks it meant")
    func onlyThatSelectsNothingSaysWhy() throws {
        let r = try MDNXProcess.run(["bench", "--only", "_2t"])
        #expect(r.status != 0)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains("mdn_epoch_2t, mse_epoch_2t"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func aRooflineJustUnderItsTargetDoesNotPrintAsTheTarget() {
        let r = BenchmarkResult(
            name: "mse_epoch", summary: "MSE epoch", unit: "ms", value: 9.54, median: 10, samples: 21, gflop: 0.896,
            roofline: 0.8462, target: .roofline(0.85), meetsTarget: false, higherIsBetter: false, references: [])
        let line = BenchCommand.line(r)
        #expect(line.contains(" 0.84 >= 0.85 MISS"), "\(line)")
        var exact = r
        exact.roofline = 0.85
        exact.meetsTarget = true
        #expect(BenchCommand.line(exact).contains(" 0.85 >= 0.85 ok"))
        #expect(BenchCommand.hundredthsDown(1) == 1)
    }

    @Test func cpuinfoGivesTheClockFlagsAndFMABound() {
        let cpuinfo = """
            processor\t: 0
            model name\t: AMD EPYC
            cpu MHz\t\t: 2450.000
            flags\t\t: fpu sse avx avx2 fma avx512f

            processor\t: 1
            model name\t: Other
            """
        let m = MachineInfo.parse(cpuinfo: cpuinfo, loadavg: "1.25 0.50 0.10 1/100 7", cores: 2)
        #expect(m.cpu == "AMD EPYC" && m.megahertz == 2450 && m.fma && m.avx512 && m.loadAverage == 1.25)
        // 2450 MHz x 8 lanes x 2 FMA units x 2 FLOP = 78.4 GFLOP/s.
        #expect(abs((m.fmaBound ?? 0) - 78.4e9) < 1)
        let none = MachineInfo.parse(cpuinfo: "", loadavg: "", cores: 1)
        #expect(none.cpu == "unknown" && none.fmaBound == nil && none.loadAverage == nil)
    }

    @Test func epochFLOPsMatchFiguresMd() {
        // figures.md: an MDN K=20 step at batch 128 is 18.5 MFLOP, an MSE step 12.7 MFLOP.
        var rng = SeededRNG(seed: 1)
        let mdn = Network(kind: .mdn, hidden: [128, 128], mixtures: 20, rng: &rng)
        let mse = Network(kind: .mse, hidden: [128, 128], rng: &rng)
        #expect(abs(128 * NetworkFLOPs.training(mdn) / 1e6 - 18.5) < 0.05)
        #expect(abs(128 * NetworkFLOPs.training(mse) / 1e6 - 12.7) < 0.05)
        // A forward pass over 10,000 x for the MDN is 0.48 GFLOP.
        #expect(abs(10_000 * NetworkFLOPs.forward(mdn) / 1e9 - 0.48) < 0.01)
    }
}
