import Foundation
import Testing

/// data -> split -> train -> sample -> eval on Bishop's inverse problem, scored against a
/// bound computed here from the held-out rows alone.
@Suite struct BishopRoundTripTests {
    /// Mean NLL of `y` under the best densities that ignore x, fitted to `y` itself (so
    /// optimistic): a Gaussian (0.5 log(2 pi var) + 0.5) and a 10-bin histogram.
    static func xBlindBaselines(_ y: [Double]) -> (gaussian: Double, histogram: Double) {
        let n = Double(y.count)
        let mean = y.reduce(0, +) / n
        let variance = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        let gaussian = 0.5 * log(2 * Double.pi * variance) + 0.5
        let lo = y.min()!
        let hi = y.max()!
        let bins = 10
        let width = (hi - lo) / Double(bins)
        var counts = [Int](repeating: 0, count: bins)
        for v in y { counts[min(bins - 1, Int((v - lo) / width))] += 1 }
        let histogram =
            -y.reduce(0) { $0 + log(Double(counts[min(bins - 1, Int(($1 - lo) / width))]) / (n * width)) } / n
        return (gaussian, histogram)
    }

    @Test func heldOutNLLBeatsEveryXBlindDensity() throws {
        let files = try CLIFiles()
        try files.bishop("b.csv", count: 4000, seed: 3)
        let lines = try String(contentsOfFile: files.path("b.csv"), encoding: .utf8).split(separator: "\n").map(
            String.init)
        #expect(lines.first == "x,y" && lines.count == 4001)
        try files.write("train.csv", (lines.prefix(3001)).joined(separator: "\n") + "\n")
        try files.write("heldout.csv", ([lines[0]] + lines.suffix(1000)).joined(separator: "\n") + "\n")

        let t = try files.run([
            "train", "--data", "train.csv", "--x", "x", "--y", "y", "--epochs", "150",
            "--save", "m.safetensors", "--quiet",
        ])
        #expect(t.status == 0, "\(t.stderr)")
        #expect(t.stderr.contains("3000 rows from train.csv; read in "))

        let s = try files.run(["sample", "--model", "m.safetensors", "--grid", "0:1:11", "--per-x", "50"])
        #expect(s.status == 0, "\(s.stderr)")
        let samples = s.outputLines.dropFirst().map { $0.split(separator: ",").compactMap { Double($0) } }
        #expect(s.outputLines.first == "x,y" && samples.count == 11 * 50)
        // t lies in [0, 1]; allow the mixture's tails a little room.
        #expect(samples.allSatisfy { $0.count == 2 && $0[1] > -0.5 && $0[1] < 1.5 })

        let e = try files.run([
            "eval", "--model", "m.safetensors", "--data", "heldout.csv", "--x", "x", "--y", "y", "--json",
        ])
        #expect(e.status == 0, "\(e.stderr)")
        let object = try jsonObject(e.stdout)
        #expect(object["rows"] as? Int == 1000)
        let nll = try #require(object["nll"] as? Double)
        let heldY = lines.suffix(1000).map { Double($0.split(separator: ",")[1])! }
        let base = Self.xBlindBaselines(heldY)
        print(
            "bishop round trip: held-out NLL \(nll); x-blind Gaussian \(base.gaussian), histogram \(base.histogram); "
                + "best achievable -1.282, K=3 true boxes -1.145")
        #expect(nll.isFinite)
        // In the data's units: far better than ignoring x, and not better than the Bayes optimum
        // by more than sampling noise on 1,000 rows.
        #expect(nll < min(base.gaussian, base.histogram) - 0.8)
        #expect(nll > -1.282 - 0.1)
    }
}
