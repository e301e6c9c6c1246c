import Foundation
import MDNCore
import Testing
@testable import mdnx

@Suite struct PlotDensityGridTests {
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

    /// Agrees with MixtureBatch.densities (log-sum-exp per point, in Double) at the row centres.
    @Test func matchesDirectDensities() {
        let b = batch(rows: 30, k: 20, seed: 9)
        let rows = 240, yRange: ClosedRange<Float> = -0.5...5.5
        let fast = PlotDensityGrid.values(b, rows: rows, yRange: yRange)
        let centres = PlotDensityGrid.centres(yRange, rows)
        let direct = b.densities(grid: centres)   // row c = mixture c, column j = y_j
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
        let values = PlotDensityGrid.values(b, rows: 50, yRange: 0...5)
        for (j, y) in PlotDensityGrid.centres(0...5, 50).enumerated() {
            let z = (Double(y) - 1.3) / 0.4
            let p = exp(-0.5 * z * z) / (0.4 * (2 * Double.pi).squareRoot())
            #expect(abs(Double(values[j]) - p) < 1e-5 + 1e-4 * p)
        }
    }
}
