import Foundation
import MDNCore
import MDNFigures
import Testing

/// The slice inspector's numbers against closed forms.
@Suite struct SliceSummaryTests {
    /// A one-dimensional mixture from weights (as logits: log w), means and sigmas.
    static func mixture(weights: [Double], means: [Float], sigmas: [Float]) -> Mixture {
        Mixture(logits: weights.map { Float(log($0)) }, means: means, sigmas: sigmas)
    }

    @Test func oneGaussian() {
        let s = SliceSummary(x: 1, mixture: Self.mixture(weights: [1], means: [2.5], sigmas: [0.4]))
        #expect(abs(s.mean - 2.5) < 1e-6 && abs(s.std - 0.4) < 1e-6)
        #expect(s.modes.count == 1 && abs(s.modes[0].y - 2.5) < 1e-9)
        // The peak of N(mu, 0.4): 1 / (0.4 sqrt(2 pi)) (0.4 as the Float the mixture holds).
        #expect(abs(s.modes[0].density - 1 / (Double(Float(0.4)) * (2 * Double.pi).squareRoot())) < 1e-9)
        #expect(s.largest.weight == 1 && s.largest.mean == 2.5)
    }

    @Test func twoSeparatedGaussiansHaveTwoModesWhereTheDerivativeVanishes() throws {
        // Equal weights, sigma 1, means -a and +a: modes solve y = a tanh(a y) (one at 0 when
        // a <= 1); mean 0, variance 1 + a^2.
        for a in [1.5, 2.0, 3.0] {
            let s = SliceSummary(
                x: 0, mixture: Self.mixture(weights: [0.5, 0.5], means: [Float(-a), Float(a)], sigmas: [1, 1]))
            #expect(abs(s.mean) < 1e-6 && abs(s.std - (1 + a * a).squareRoot()) < 1e-5)
            #expect(s.modes.count == 2, "a = \(a)")
            for m in s.modes { #expect(abs(m.y - a * tanh(a * m.y)) < 1e-8, "a = \(a), mode \(m.y)") }
            #expect(abs(s.modes[0].y + s.modes[1].y) < 1e-8)
        }
        for a in [0.3, 0.9] {
            let s = SliceSummary(
                x: 0, mixture: Self.mixture(weights: [0.5, 0.5], means: [Float(-a), Float(a)], sigmas: [1, 1]))
            #expect(s.modes.count == 1 && abs(s.modes[0].y) < 1e-8, "a = \(a): one mode at 0")
        }
    }

    @Test func unequalComponentsByTheLawOfTotalVariance() {
        let w = [0.2, 0.5, 0.3]
        let mu: [Float] = [-1, 0.5, 4]
        let sd: [Float] = [0.3, 0.2, 0.5]
        let s = SliceSummary(x: 2, mixture: Self.mixture(weights: w, means: mu, sigmas: sd))
        var mean = 0.0
        var second = 0.0
        for k in 0..<3 {
            let m = Double(mu[k])
            let v = Double(sd[k]) * Double(sd[k])
            mean += w[k] * m
            second += w[k] * (v + m * m)
        }
        #expect(abs(s.mean - mean) < 1e-6)
        #expect(abs(s.std - (second - mean * mean).squareRoot()) < 1e-5)
        // Three narrow, well-separated peaks: one mode at each mean (within 1e-6 of it).
        #expect(s.modes.count == 3)
        for (m, c) in zip(s.modes, mu) { #expect(abs(m.y - Double(c)) < 1e-4) }
        #expect(s.components.map(\.index) == [1, 2, 0] && abs(s.largest.weight - 0.5) < 1e-6)
    }

    @Test func temperaturesWidenAndSharpen() throws {
        // S = 4 doubles every sigma; T = 2 halves the logits (weights 0.8/0.2 -> 2:1 as sqrt).
        let m = Self.mixture(weights: [0.8, 0.2], means: [0, 5], sigmas: [0.5, 0.5])
        let batch = MixtureBatch(layout: m.layout, rows: m.parameters)
        let wide = try Temperatures(sampling: 1, sigma: 4)
        let s = SliceSummary(x: 0, mixture: wide.temper(batch)[0])
        #expect(s.components.allSatisfy { abs($0.sigma - 1) < 1e-6 })
        let flat = try Temperatures(sampling: 2, sigma: 1)
        let t = SliceSummary(x: 0, mixture: flat.temper(batch)[0])
        // softmax(log w / 2) = sqrt(w) / sum sqrt(w): sqrt(0.8) / (sqrt(0.8) + sqrt(0.2)) = 2/3.
        #expect(abs(t.largest.weight - 2.0 / 3.0) < 1e-6)
        let sharp = try Temperatures(sampling: 0.5, sigma: 1)
        // w^2 / sum w^2: 0.64 / 0.68.
        #expect(abs(SliceSummary(x: 0, mixture: sharp.temper(batch)[0]).largest.weight - 0.64 / 0.68) < 1e-6)
    }

    @Test func negligibleBumpsAreLeftOut() {
        // A component of weight 1e-6 far away is a local maximum of no interest (below 1% of
        // the highest peak); one of weight 0.05 is kept.
        let s = SliceSummary(
            x: 0,
            mixture: Self.mixture(weights: [0.949999, 0.05, 0.000001], means: [0, 3, 9], sigmas: [0.3, 0.3, 0.3]))
        #expect(s.modes.count == 2 && abs(s.modes[1].y - 3) < 1e-3)
    }

    @Test func aModeNoMeanLeadsToIsFound() {
        // Two wide equal components plus narrow ones: between the means of two overlapping
        // wide components the density may peak where no mean sits; the grid start finds it.
        let s = SliceSummary(
            x: 0, mixture: Self.mixture(weights: [0.45, 0.45, 0.1], means: [-0.8, 0.8, 6], sigmas: [1, 1, 0.2]))
        // -0.8 and 0.8 with sigma 1 merge into one peak at 0 (a = 0.8 < 1).
        #expect(s.modes.count == 2 && abs(s.modes[0].y) < 1e-6 && abs(s.modes[1].y - 6) < 1e-3)
    }
}
