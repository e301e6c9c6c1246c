import Foundation
import MDNCoreTestSupport
import Testing

@testable import MDNCore

@Suite struct MixtureBatchTests {
    /// Three rows of a K=2, D=1 layout: a standard normal twice over, the .3/.7 example, and
    /// a single narrow bump at 5.
    let batch = MixtureBatch(
        layout: MixtureLayout(components: 2),
        rows: [
            0, 0, 1, 1, 0, 0,
            -1, 1, 0.1, 0.5, Float(log(0.3)), Float(log(0.7)),
            5, 5, 0.01, 0.01, 2, -2,
        ])

    @Test func shapesAndRowAccess() {
        #expect(batch.count == 3)
        #expect(batch[1].parameters == [-1, 1, 0.1, 0.5, Float(log(0.3)), Float(log(0.7))])
    }

    @Test func batchedStatisticsMatchRows() {
        let means = batch.means()
        let variances = batch.variances()
        let modes = batch.modes()
        // Closed forms: row 0 N(0,1); row 1 mean .4 var 1.018 (hand-checked); row 2 N(5, .01^2).
        #expect(zip(means, [0, 0.4, 5] as [Float]).allSatisfy { abs($0 - $1) < 1e-5 })
        #expect(zip(variances, [1, 1.018, 1e-4] as [Float]).allSatisfy { abs($0 - $1) < 1e-5 })
        #expect(abs(modes[0]) < 1e-6 && abs(modes[2] - 5) < 1e-5)
        for r in 0..<3 { #expect(modes[r] == batch[r].mode()[0]) }
        let y: [Float] = [1, 0, 5]
        let lp = batch.logDensities(y: y)
        #expect(abs(lp[0] - -1.4189385) < 1e-6)
        #expect(abs(lp[2] - (-log(0.01) - 0.9189385332)) < 1e-5)
        for r in 0..<3 { #expect(lp[r] == batch[r].logDensity(y[r])) }
        #expect(abs(batch.meanNegativeLogLikelihood(y: y) - -lp.reduce(0, +) / 3) < 1e-12)
    }

    @Test func densityGrid() {
        let grid: [Float] = [-1, 0, 1]
        let d = batch.densities(grid: grid)
        #expect(d.count == 9)
        // Row 0 is N(0,1): 1/sqrt(2 pi) = 0.39894228 at 0, times exp(-1/2) at +-1.
        #expect(abs(d[1] - 0.39894228) < 1e-6 && abs(d[0] - 0.24197072) < 1e-6 && abs(d[2] - d[0]) < 1e-7)
        // Each value is exactly exp(log density) of that row at that point.
        for r in 0..<3 {
            for (j, y) in grid.enumerated() { #expect(d[r * 3 + j] == Float(exp(batch[r].logDensity(y)))) }
        }
    }

    @Test func smallWeightsAfterLargeOnesKeepTheirPrecision() throws {
        // pi = [1, e] / (1 + e): e = 1e-3 gives 9.99000999e-4, e = 1e-9 gives 1e-9 (by hand).
        let b = MixtureBatch(
            layout: MixtureLayout(components: 2),
            rows: [
                0, 1, 1, 1, 0, Float(log(1e-3)),
                0, 1, 1, 1, 0, Float(log(1e-9)),
            ])
        let w = try b.weights()
        #expect(abs(w[1] - 9.99000999e-4) / 9.99000999e-4 < 1e-5)
        #expect(abs(w[3] - 1e-9) / 1e-9 < 1e-5)
        #expect(abs(w[0] + w[1] - 1) < 1e-6 && abs(w[2] + w[3] - 1) < 1e-6)
    }

    @Test func samplesAreRowMajor() throws {
        var rng = SeededRNG(seed: 2)
        let s = try batch.samples(perRow: 100, rng: &rng)
        #expect(s.count == 300)
        // Row 2's draws (the last 100) are N(5, 0.01): all within 5 +- 0.06.
        #expect(s[200...].allSatisfy { abs($0 - 5) < 0.06 })
        // Same seed, same draws.
        var again = SeededRNG(seed: 2)
        #expect(try batch.samples(perRow: 100, rng: &again) == s)
        #expect(try batch.samples(perRow: 0, rng: &again).isEmpty)
    }

    @Test func temperedMixture() throws {
        // T = 2 turns pi = [.3, .7] into [.395644, .604356] (sqrt then renormalise, by hand);
        // S = 4 doubles every sigma.
        let t = try batch.tempered(temperature: 2, sigmaTemperature: 4)
        let w = t[1].weights
        #expect(abs(w[0] - 0.395644) < 1e-5 && abs(w[1] - 0.604356) < 1e-5)
        #expect(t[1].parameters[2] == 0.2 && t[1].parameters[3] == 1)
        #expect(throws: MixtureError.invalidTemperature(-2)) {
            try batch.tempered(temperature: -2, sigmaTemperature: 1)
        }
        #expect(try batch.tempered(temperature: 1, sigmaTemperature: 1) == batch)
    }

    @Test func twoDimensionalSamplesInterleaveDimensions() throws {
        let b = MixtureBatch(layout: MixtureLayout(components: 1, dimension: 2), rows: [10, -10, 0.01, 0.01, 0])
        var rng = SeededRNG(seed: 9)
        let s = try b.samples(perRow: 50, rng: &rng)
        for i in 0..<50 {
            #expect(abs(s[2 * i] - 10) < 0.06 && abs(s[2 * i + 1] + 10) < 0.06)
        }
    }
}
