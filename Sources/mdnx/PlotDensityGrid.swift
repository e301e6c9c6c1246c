import Foundation
import MDNCore
import TermPlot

/// p(y|x) of one-dimensional mixtures on an even y grid, fast enough to redraw every frame.
///
/// On an even grid y_j = y_0 + j*h a Gaussian's values form a geometric progression with a
/// geometric ratio: g(j+1)/g(j) = r_j and r(j+1) = r_j * exp(-h^2/sigma^2). So each component
/// costs three `exp` calls and then two multiplications per grid row, walking outward from
/// the row nearest its mean (values only shrink, so the walk stops once they are negligible).
/// `MixtureBatch.densities(grid:)` gives the same numbers with one log-sum-exp per point.
enum PlotDensityGrid {
    /// Values below this fraction of a component's peak are left out (shading starts at 1/64).
    static let cutoff: Float = 1e-9

    /// Densities for `batch` (one mixture per grid column) at the centres of `rows` even rows
    /// spanning `yRange`: row-major, `rows * batch.count`, row 0 the lowest y.
    static func values(_ batch: MixtureBatch, rows: Int, yRange: ClosedRange<Float>) -> [Float] {
        precondition(batch.layout.dimension == 1, "PlotDensityGrid needs one-dimensional mixtures")
        precondition(rows >= 1, "PlotDensityGrid needs at least one row")
        let columns = batch.count, layout = batch.layout, k = layout.components, w = layout.width
        let h = (yRange.upperBound - yRange.lowerBound) / Float(rows)
        let y0 = yRange.lowerBound + h / 2
        let invSqrtTwoPi: Float = 0.398_942_28
        var out = [Float](repeating: 0, count: rows * columns)
        var column = [Float](repeating: 0, count: rows)
        var weights = [Float](repeating: 0, count: k)
        batch.rows.withUnsafeBufferPointer { base in
            for c in 0..<columns {
                let p = base.baseAddress! + c * w
                // pi = softmax(logits), in Float with the maximum subtracted.
                var m = -Float.infinity
                for j in 0..<k { m = max(m, p[layout.logit(j)]) }
                var sum: Float = 0
                for j in 0..<k {
                    let e = m.isFinite ? expf(p[layout.logit(j)] - m) : 1
                    weights[j] = e
                    sum += e
                }
                for i in 0..<rows { column[i] = 0 }
                for j in 0..<k {
                    let pi = weights[j] / sum, mu = p[layout.mu(j)], sigma = p[layout.sigma(j)]
                    guard pi > 0, sigma > 0, mu.isFinite, sigma.isFinite, h > 0 else { continue }
                    let inv2s2 = 1 / (2 * sigma * sigma)
                    let peak = pi * invSqrtTwoPi / sigma
                    let floor = peak * cutoff
                    let start = min(rows - 1, max(0, Int(((mu - y0) / h).rounded())))
                    let d = y0 + Float(start) * h - mu
                    let g0 = peak * expf(-d * d * inv2s2)
                    guard g0 > floor else { continue }
                    let shrink = expf(-2 * h * h * inv2s2)          // exp(-h^2 / sigma^2)
                    column[start] += g0
                    // Upward: ratio g(j+1)/g(j) = exp(-(2 h d_j + h^2) / (2 sigma^2)).
                    var g = g0, r = expf(-(2 * h * d + h * h) * inv2s2)
                    var i = start + 1
                    while i < rows {
                        g *= r
                        if g <= floor { break }
                        column[i] += g
                        r *= shrink
                        i += 1
                    }
                    // Downward: ratio g(j-1)/g(j) = exp((2 h d_j - h^2) / (2 sigma^2)).
                    g = g0; r = expf((2 * h * d - h * h) * inv2s2)
                    i = start - 1
                    while i >= 0 {
                        g *= r
                        if g <= floor { break }
                        column[i] += g
                        r *= shrink
                        i -= 1
                    }
                }
                for i in 0..<rows { out[i * columns + c] = column[i] }
            }
        }
        return out
    }

    /// The mixtures' p(y|x) as a heatmap: `batch` holds one mixture per column, evaluated at
    /// the column centres of `xRange`.
    static func heatmap(_ batch: MixtureBatch, rows: Int, xRange: ClosedRange<Float>, yRange: ClosedRange<Float>) -> Heatmap {
        Heatmap(columns: batch.count, rows: rows, values: values(batch, rows: rows, yRange: yRange),
                xRange: xRange, yRange: yRange, normalise: .perColumn, label: "MDN p(y|x)")
    }

    /// `n` centres of equal cells spanning `range`.
    static func centres(_ range: ClosedRange<Float>, _ n: Int) -> [Float] {
        let step = (range.upperBound - range.lowerBound) / Float(n)
        return (0..<n).map { range.lowerBound + (Float($0) + 0.5) * step }
    }
}
