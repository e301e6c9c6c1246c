import Foundation
import Testing

@testable import MDNCore

/// The tutorial-sized example used below: pi = [.3, .7], mu = [-1, 1], sigma = [.1, .5].
/// Hand computation: mean = .3*(-1) + .7*1 = 0.4; E[y^2] = .3*(1 + .01) + .7*(1 + .25) = 1.178,
/// so variance = 1.178 - 0.16 = 1.018.
private let twoBumps = Mixture(logits: [Float(log(0.3)), Float(log(0.7))], means: [-1, 1], sigmas: [0.1, 0.5])

@Suite struct MixtureTests {
    @Test func standardNormalLogDensity() {
        let n = Mixture(logits: [0], means: [0], sigmas: [1])
        // log N(0; 0, 1) = -0.5*log(2 pi); log N(1; 0, 1) = -0.5*log(2 pi) - 0.5.
        #expect(abs(n.logDensity(0) - -0.9189385) < 1e-6)
        #expect(abs(n.logDensity(1) - -1.4189385) < 1e-6)
    }

    @Test func twoComponentMeanAndVariance() {
        #expect(abs(twoBumps.mean()[0] - 0.4) < 1e-6)
        #expect(abs(twoBumps.variance()[0] - 1.018) < 1e-5)
        let w = twoBumps.weights
        #expect(abs(w[0] - 0.3) < 1e-7 && abs(w[1] - 0.7) < 1e-7)
    }

    @Test func twoComponentLogDensityByHand() {
        // p(0) = .3 N(0; -1, .1) + .7 N(0; 1, .5), each N written out in full.
        func normal(_ y: Double, _ m: Double, _ s: Double) -> Double {
            exp(-0.5 * ((y - m) / s) * ((y - m) / s)) / (s * (2 * Double.pi).squareRoot())
        }
        for y in [-1.0, 0.0, 0.3, 1.0, 2.5] {
            let expected = log(0.3 * normal(y, -1, 0.1) + 0.7 * normal(y, 1, 0.5))
            #expect(abs(twoBumps.logDensity(Float(y)) - expected) < 1e-5)
        }
        // Far in the tail the direct formula underflows; log space must not.
        let far = twoBumps.logDensity(-30)
        // Dominant term (the wide right bump; the left one is ~40,000 nats smaller):
        // log .7 - log .5 - 0.5 log 2pi - 0.5 * (31/.5)^2.
        let expectedFar = log(0.7) - log(0.5) - 0.9189385332 - 0.5 * 62.0 * 62.0
        #expect(far.isFinite && abs(far - expectedFar) < 1e-3)
    }

    @Test func twoDimensionalClosedForm() {
        // One component: log N((1.5, 0); (1, -2), diag(.5^2, 2^2))
        //   = -log(2 pi) - log .5 - log 2 - 0.5 * (1^2 + 1^2) = -2.8378771.
        let one = Mixture(logits: [3], means: [1, -2], sigmas: [0.5, 2], dimension: 2)
        #expect(abs(one.logDensity([1.5, 0]) - -2.8378771) < 1e-6)
        // Two components, pi = [.25, .75], mu = [(0,1), (2,-1)], sigma = [(1,.5), (.5,2)]:
        // mean = (1.5, -0.5); variance by E[y^2] - mean^2 = (1.1875, 3.8125) (by hand);
        // log p((1, 0)) = -3.873361242 (numpy, from the Gaussian formula written out).
        let two = Mixture(
            logits: [Float(log(0.25)), Float(log(0.75))], means: [0, 1, 2, -1],
            sigmas: [1, 0.5, 0.5, 2], dimension: 2)
        #expect(abs(two.logDensity([1, 0]) - -3.873361242) < 1e-5)
        let m = two.mean()
        let v = two.variance()
        #expect(abs(m[0] - 1.5) < 1e-6 && abs(m[1] - -0.5) < 1e-6)
        #expect(abs(v[0] - 1.1875) < 1e-5 && abs(v[1] - 3.8125) < 1e-5)
    }

    @Test func identicalComponentsEqualOneComponent() {
        let one = Mixture(logits: [0], means: [0.7], sigmas: [0.3])
        let many = Mixture(logits: [1.5, -2, 0.25, 4], means: [0.7, 0.7, 0.7, 0.7], sigmas: [0.3, 0.3, 0.3, 0.3])
        for y: Float in [-1, 0, 0.7, 2] {
            #expect(abs(one.logDensity(y) - many.logDensity(y)) < 1e-9)
        }
        #expect(abs(one.mean()[0] - many.mean()[0]) < 1e-6)
        #expect(abs(one.variance()[0] - many.variance()[0]) < 1e-6)
        #expect(abs(many.mode()[0] - 0.7) < 1e-5)
    }

    @Test func shiftedLogitsChangeNothing() {
        let shifted = Mixture(
            logits: [Float(log(0.3)) + 1000, Float(log(0.7)) + 1000], means: [-1, 1],
            sigmas: [0.1, 0.5])
        for y: Float in [-1, 0, 1] {
            #expect(abs(shifted.logDensity(y) - twoBumps.logDensity(y)) < 1e-4)
        }
        #expect(abs(shifted.mean()[0] - 0.4) < 1e-4)
        #expect(abs(shifted.variance()[0] - 1.018) < 1e-4)
        var rng = SeededRNG(seed: 3)
        let s = try! MixtureBatch(layout: shifted.layout, rows: shifted.parameters)
            .samples(perRow: 50_000, rng: &rng)
        let below = s.filter { $0 < -0.5 }.count
        // P(y < -0.5) = .3 * 1 + .7 * P(z < -3) = .3 + .7 * .0013499 = .300945; the count is
        // Binomial(50000, .300945): sd = 0.00205, allow 5 sd.
        #expect(abs(Double(below) / 50_000 - 0.300945) < 5 * 0.00205)
    }

    @Test func sampleMomentsMatchAtUnitTemperatures() throws {
        let n = 200_000
        var rng = SeededRNG(seed: 11)
        let s = try twoBumps.layoutBatch().samples(perRow: n, rng: &rng).map(Double.init)
        let mean = s.reduce(0, +) / Double(n)
        let variance = s.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        // Standard errors: mean sqrt(1.018/n) = 0.00226; variance sqrt((mu4 - var^2)/n) with the
        // 4th central moment mu4 = sum pi (a^4 + 6 a^2 s^2 + 3 s^4), a = mu - 0.4:
        // .3*3.9595 + .7*0.8571 = 1.7878, so sqrt(0.7515/n) = 0.00194. Tolerance: 5 standard errors.
        #expect(abs(mean - 0.4) < 5 * 0.00226)
        #expect(abs(variance - 1.018) < 5 * 0.00194)
    }

    @Test func lowTemperaturePicksLargestComponent() throws {
        let narrow = Mixture(logits: [Float(log(0.3)), Float(log(0.7))], means: [-1, 1], sigmas: [0.1, 0.1])
        var rng = SeededRNG(seed: 5)
        let s = try narrow.layoutBatch().samples(perRow: 10_000, temperature: 1e-3, rng: &rng)
        // (0.3/0.7)^(1/0.001) underflows: every draw comes from the right bump (mu 1, sigma .1).
        #expect(s.allSatisfy { $0 > 0.3 })
    }

    @Test func temperatureReshapesWeights() throws {
        // T = 2: pi ~ pi^(1/2): sqrt(.3) = .547723, sqrt(.7) = .836660 -> .395644, .604356.
        let w = try twoBumps.layoutBatch().weights(temperature: 2)
        #expect(abs(w[0] - 0.395644) < 1e-5 && abs(w[1] - 0.604356) < 1e-5)
    }

    @Test func sigmaTemperatureScalesWithinComponentVariance() throws {
        // Var = between + S * within: within = .3*.01 + .7*.25 = 0.178, between = 1.018 - 0.178
        // = 0.84; with S = 4: 0.84 + 0.712 = 1.552.
        let n = 200_000
        var rng = SeededRNG(seed: 13)
        let s = try twoBumps.layoutBatch().samples(perRow: n, sigmaTemperature: 4, rng: &rng).map(Double.init)
        let mean = s.reduce(0, +) / Double(n)
        let variance = s.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        #expect(abs(mean - 0.4) < 5 * (1.552 / Double(n)).squareRoot())
        #expect(abs(variance - 1.552) < 0.02)
        // A single component: std scales by sqrt(S) exactly in distribution.
        let single = Mixture(logits: [0], means: [2], sigmas: [0.5])
        let t = try single.layoutBatch().samples(perRow: n, sigmaTemperature: 9, rng: &rng).map(Double.init)
        let tm = t.reduce(0, +) / Double(n)
        let tv = t.reduce(0) { $0 + ($1 - tm) * ($1 - tm) } / Double(n - 1)
        // Expected variance 9 * 0.25 = 2.25; se = 2.25 * sqrt(2/n) = 0.0071.
        #expect(abs(tv - 2.25) < 5 * 0.0071)
    }

    @Test func invalidTemperaturesAreRejected() {
        var rng = SeededRNG(seed: 1)
        #expect(throws: MixtureError.invalidTemperature(0)) {
            try twoBumps.sample(temperature: 0, rng: &rng)
        }
        #expect(throws: MixtureError.invalidSigmaTemperature(-1)) {
            try twoBumps.sample(sigmaTemperature: -1, rng: &rng)
        }
        #expect(throws: MixtureError.invalidTemperature(.infinity)) {
            try twoBumps.sample(temperature: .infinity, rng: &rng)
        }
        do {
            _ = try twoBumps.sample(temperature: .nan, rng: &rng)
            Issue.record("NaN temperature accepted")
        } catch {
            #expect(error.description == "temperature must be a positive finite number, got nan")
        }
        #expect(
            MixtureError.invalidTemperature(0).description
                == "temperature must be a positive finite number, got 0.0")
        #expect(
            MixtureError.invalidSigmaTemperature(-1).description
                == "sigma temperature must be a positive finite number, got -1.0")
    }

    @Test func samplerNeverLeavesRange() throws {
        var rng = SeededRNG(seed: 17)
        let cases: [[Float]] = [
            [-1e30, 0, -1e30],  // one live component in the middle
            [0, -80, -1e30],  // a tiny component and a dead one
            [-1e30, -1e30, -1e30],  // all equally dead: uniform
            [-.infinity, 2, -.infinity],  // infinities
            [.nan, 1, .nan],  // NaN logits carry no weight
            [.nan, .nan, .nan],  // nothing usable: uniform
            [.infinity, 0, .infinity],  // two +inf share everything
        ]
        for logits in cases {
            let m = Mixture(logits: logits, means: [-10, 0, 10], sigmas: [0.01, 0.01, 0.01])
            for t: Float in [1e-3, 1, 50] {
                let s = try m.layoutBatch().samples(perRow: 2_000, temperature: t, rng: &rng)
                #expect(s.allSatisfy { $0.isFinite && abs($0) < 10.5 })
                if logits == [-1e30, 0, -1e30] || logits == [.nan, 1, .nan] {
                    #expect(s.allSatisfy { abs($0) < 0.5 })
                }
                if logits == [.infinity, 0, .infinity] { #expect(s.allSatisfy { abs($0) > 9.5 }) }
            }
        }
    }

    @Test func roundingShortfallFallsBackToLastLiveComponent() {
        // Unnormalised cumulative table for weights [1, 1, 0, 0]: a draw at (or past) the total,
        // as float rounding can produce, must return component 1, never -1 or a dead component.
        let cumulative: [Float] = [1, 2, 2, 2]
        var layout = MixtureLayout(components: 4)
        let row: [Float] = [0, 0, 0, 0, 1, 1, 1, 1, 0, 0, -.infinity, -.infinity]
        var table = [Float](repeating: 0, count: 4)
        let fallback = row.withUnsafeBufferPointer {
            MixtureKernel.prepareSampler($0.baseAddress!, layout, temperature: 1, cumulative: &table)
        }
        #expect(table == cumulative)
        #expect(fallback == 1)
        #expect(MixtureKernel.component(atScaled: 1.0, cumulative: table, count: 4, fallback: fallback) == 1)
        #expect(MixtureKernel.component(atScaled: 0.999, cumulative: table, count: 4, fallback: fallback) == 1)
        #expect(MixtureKernel.component(atScaled: 0.0, cumulative: table, count: 4, fallback: fallback) == 0)
        // A dead first component is never chosen, even for u = 0.
        layout = MixtureLayout(components: 2)
        let deadFirst: [Float] = [0, 0, 1, 1, -.infinity, 0]
        var table2 = [Float](repeating: 0, count: 2)
        let fb2 = deadFirst.withUnsafeBufferPointer {
            MixtureKernel.prepareSampler($0.baseAddress!, layout, temperature: 1, cumulative: &table2)
        }
        #expect(MixtureKernel.component(atScaled: 0, cumulative: table2, count: 2, fallback: fb2) == 1)
    }

    @Test func modeMatchesGridSearch() {
        // Reference: brute-force search of the log density on a fine grid.
        func gridMode(_ m: Mixture, from a: Float, to b: Float) -> Float {
            var best = a
            var bestValue = -Double.infinity
            let steps = 200_000
            for i in 0...steps {
                let y = a + (b - a) * Float(i) / Float(steps)
                let v = m.logDensity(y)
                if v > bestValue {
                    bestValue = v
                    best = y
                }
            }
            return best
        }
        let cases = [
            twoBumps,
            // Overlapping components: the mode is not at any component mean.
            Mixture(logits: [0, 0], means: [0, 0.8], sigmas: [0.5, 0.5]),
            // The heavier component is wide, the lighter one narrow and tall.
            Mixture(logits: [Float(log(0.8)), Float(log(0.2))], means: [0, 3], sigmas: [2, 0.05]),
            Mixture(logits: [0.3, -0.2, 1.1, 0.4], means: [-2, -1.5, 1, 1.4], sigmas: [0.4, 0.3, 0.9, 0.2]),
        ]
        for m in cases {
            let reference = gridMode(m, from: -6, to: 6)
            let found = m.mode()[0]
            #expect(abs(found - reference) < 1e-3, "mode \(found) vs grid \(reference)")
            #expect(m.logDensity(found) >= m.logDensity(reference) - 1e-7)
        }
    }

    @Test func twoDimensionalModeMatchesGridSearch() {
        let m = Mixture(
            logits: [0, 0.2, -0.5], means: [0, 0, 0.6, 0.4, -2, 1],
            sigmas: [0.5, 0.4, 0.5, 0.6, 0.2, 0.2], dimension: 2)
        var best: [Float] = [0, 0]
        var bestValue = -Double.infinity
        for i in 0...600 {
            for j in 0...600 {
                let y: [Float] = [-3 + 6 * Float(i) / 600, -3 + 6 * Float(j) / 600]
                let v = m.logDensity(y)
                if v > bestValue {
                    bestValue = v
                    best = y
                }
            }
        }
        let found = m.mode()
        #expect(abs(found[0] - best[0]) < 0.011 && abs(found[1] - best[1]) < 0.011)
        #expect(m.logDensity(found) >= bestValue - 1e-7)
    }
}

extension Mixture {
    /// This mixture as a batch of one.
    func layoutBatch() -> MixtureBatch { MixtureBatch(layout: layout, rows: parameters) }
}
