#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension MixtureBatch {
    /// Values below this fraction of a component's peak are left out of `densityGrid`
    /// (density shading starts at 1/64 of a column's maximum).
    public static let densityGridCutoff: Float = 1e-9

    /// p(y | row) of one-dimensional mixtures at the centres of `rows` equal cells spanning
    /// `yRange`, fast enough to redraw every frame: `rows * count` values, row-major, grid
    /// row 0 the lowest y and one column per mixture (a heatmap's layout).
    ///
    /// On an even grid y_j = y_0 + j*h, the ratios of a Gaussian's successive values,
    /// r_j = g(j+1)/g(j), themselves form a geometric progression: r_(j+1) = r_j * exp(-h^2/sigma^2).
    /// So each component costs three `exp` calls and then two multiplications per grid row,
    /// walking outward from the row nearest its mean (values only shrink, so the walk stops
    /// once they fall below `densityGridCutoff` of the component's peak). Works in Float; the
    /// tests check it against exp(`Mixture.logDensity`) at every grid point (one log-sum-exp
    /// per point in Double, no cutoff).
    public func densityGrid(rows: Int, yRange: ClosedRange<Float>) -> [Float] {
        precondition(layout.dimension == 1, "densityGrid(rows:yRange:) needs a one-dimensional mixture")
        precondition(rows >= 1, "densityGrid(rows:yRange:) needs at least one row")
        let columns = count
        let k = layout.components
        let w = layout.width
        let h = (yRange.upperBound - yRange.lowerBound) / Float(rows)
        let y0 = yRange.lowerBound + h / 2
        let invSqrtTwoPi: Float = 0.398_942_28
        let cutoff = MixtureBatch.densityGridCutoff
        var out = [Float](repeating: 0, count: rows * columns)
        var column = [Float](repeating: 0, count: rows)
        var weights = [Double](repeating: 0, count: k)
        self.rows.withUnsafeBufferPointer { base in
            for c in 0..<columns {
                let p = base.baseAddress! + c * w
                MixtureKernel.weights(p, layout, into: &weights)
                for i in 0..<rows { column[i] = 0 }
                for j in 0..<k {
                    let pi = Float(weights[j])
                    let mu = p[layout.mu(j)]
                    let sigma = p[layout.sigma(j)]
                    guard pi > 0, sigma > 0, mu.isFinite, sigma.isFinite, h > 0, h.isFinite else { continue }
                    let inv2s2 = 1 / (2 * sigma * sigma)
                    let peak = pi * invSqrtTwoPi / sigma
                    let floor = peak * cutoff
                    // The grid row nearest the mean, clamped in Float before the conversion: a
                    // mean far outside the range (or a huge ratio) must not trap in Int(_:).
                    let position = ((mu - y0) / h).rounded()
                    guard !position.isNaN else { continue }
                    let start = min(rows - 1, Int(min(Float(rows), max(0, position))))
                    let d = y0 + Float(start) * h - mu
                    let g0 = peak * expf(-d * d * inv2s2)
                    guard g0 > floor else { continue }
                    let shrink = expf(-2 * h * h * inv2s2)  // exp(-h^2 / sigma^2)
                    column[start] += g0
                    // Upward: ratio g(j+1)/g(j) = exp(-(2 h d_j + h^2) / (2 sigma^2)).
                    var g = g0
                    var r = expf(-(2 * h * d + h * h) * inv2s2)
                    var i = start + 1
                    while i < rows {
                        g *= r
                        if g <= floor { break }
                        column[i] += g
                        r *= shrink
                        i += 1
                    }
                    // Downward: ratio g(j-1)/g(j) = exp((2 h d_j - h^2) / (2 sigma^2)).
                    g = g0
                    r = expf((2 * h * d - h * h) * inv2s2)
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
}
