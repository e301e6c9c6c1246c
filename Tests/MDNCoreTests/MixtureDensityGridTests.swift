import Foundation
import MDNCoreTestSupport
import Testing

@testable import MDNCore

@Suite struct MixtureDensityGridTests {
    /// Random mixtures with a wide spread of means and sigmas (some far outside the grid).
    func batch(rows: Int, k: Int, seed: UInt64) -> MixtureBatch {
        var rng = SeededRNG(seed: seed)
        let layout = MixtureLayout(components: k)
        var values = [Float](repeating: 0, count: rows * layout.width)
        for r in 0..<rows {
            for c in 0..<k {
                values[r * layout.width + layout.mu(c)] = Float(rng.uniform(-2, 7))
                values[r * layout.width + layout.sigma(c)] = Float(exp(rng.uniform(-4, 1)))
                values[r * layout.width + layout.logit(c)] = Float(rng.uniform(-3, 3))
            }
        }
        return MixtureBatch(layout: layout, rows: values)
    }

    /// `n` centres of equal cells spanning `range` (the grid densityGrid evaluates at).
    func centres(_ range: ClosedRange<Float>, _ n: Int) -> [Float] {
        let step = (range.upperBound - range.lowerBound) / Float(n)
        return (0..<n).map { range.lowerBound + (Float($0) + 0.5) * step }
    }

    /// Agrees with MixtureBatch.densities (log-sum-exp per point, in Double) at the row centres.
    @Test func matchesDirectDensities() {
        let b = batch(rows: 30, k: 20, seed: 9)
        let rows = 240
        let yRange: ClosedRange<Float> = -0.5...5.5
        let fast = b.densityGrid(rows: rows, yRange: yRange)
        let direct = b.densities(grid: centres(yRange, rows))  // row c = mixture c, column j = y_j
        var worst: Float = 0
        for c in 0..<b.count {
            let peak = (0..<rows).map { direct[c * rows + $0] }.max()!
            for j in 0..<rows {
                let e = abs(fast[j * b.count + c] - direct[c * rows + j]) / peak
                worst = max(worst, e)
            }
        }
        #expect(worst < 1e-4)
    }

    /// One Gaussian: the grid values are the closed-form density.
    @Test func singleGaussianClosedForm() {
        let layout = MixtureLayout(components: 1)
        let b = MixtureBatch(layout: layout, rows: [1.3, 0.4, 0])
        let values = b.densityGrid(rows: 50, yRange: 0...5)
        for (j, y) in centres(0...5, 50).enumerated() {
            let z = (Double(y) - 1.3) / 0.4
            let p = exp(-0.5 * z * z) / (0.4 * (2 * Double.pi).squareRoot())
            #expect(abs(Double(values[j]) - p) < 1e-5 + 1e-4 * p)
        }
    }

    /// Mixing weights come from the shared softmax: an infinite logit takes all the weight,
    /// as in `densities(grid:)`, logDensity and sampling.
    @Test func infiniteLogitTakesAllTheWeight() {
        let layout = MixtureLayout(components: 2)
        let b = MixtureBatch(layout: layout, rows: [1, 4, 0.5, 0.5, .infinity, 0])
        let fast = b.densityGrid(rows: 40, yRange: 0...5)
        let direct = b.densities(grid: centres(0...5, 40))
        for j in 0..<40 {
            #expect(abs(fast[j] - direct[j]) < 1e-6)
        }
        #expect(fast[32] < 1e-6)  // y = 4.06, near the second mean: no weight there
    }

    /// Issue 10: a mean far outside the grid ((mu - y0) / h beyond Int, as for a model trained
    /// on y x 1e20 plotted over [0, 5]) or a NaN ratio must not trap; such components add
    /// nothing, the others are still drawn.
    @Test func meansFarOutsideTheGridDoNotTrap() {
        let layout = MixtureLayout(components: 3)
        // mu: 2.5e20, -3e38, 2.5 | sigma: 1e19, 1, 0.5 | logits 0.
        let b = MixtureBatch(layout: layout, rows: [2.5e20, -3e38, 2.5, 1e19, 1, 0.5, 0, 0, 0])
        let fast = b.densityGrid(rows: 50, yRange: 0...5)
        let direct = b.densities(grid: centres(0...5, 50))
        #expect(fast.allSatisfy { $0.isFinite })
        for j in 0..<50 { #expect(abs(fast[j] - direct[j]) < 1e-4) }
        #expect(fast[25] > 0.2)  // the third component, weight 1/3, peak 0.266
        // A range whose span overflows Float, and a one-point range: no trap, no NaN.
        #expect(b.densityGrid(rows: 10, yRange: -3e38...3e38).allSatisfy { $0.isFinite })
        #expect(b.densityGrid(rows: 10, yRange: 1...1).allSatisfy { $0 == 0 })
    }
}
