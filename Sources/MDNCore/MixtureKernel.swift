#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Gaussian-mixture math on one raw parameter row laid out by `MixtureLayout`
/// (`[mu K*D | sigma K*D | logits K]`), shared by `Mixture` and `MixtureBatch`.
///
/// Everything except the sampler works in Double. Mixing weights come from a softmax with
/// the maximum logit subtracted, so logits of any size (+1000, -1e30) are safe.
enum MixtureKernel {
    /// Writes log pi_k = log softmax(logits)_k (temperature 1) into `out[0..<K]`.
    static func logWeights(
        _ p: UnsafePointer<Float>, _ layout: MixtureLayout,
        into out: UnsafeMutablePointer<Double>
    ) {
        let k = layout.components
        var m = -Double.infinity
        for c in 0..<k { m = Swift.max(m, Double(p[layout.logit(c)])) }
        if !m.isFinite {
            // All logits -inf (no preference) or some +inf (those share all the weight).
            var hits = 0
            for c in 0..<k where Double(p[layout.logit(c)]) == m { hits += 1 }
            let share = hits > 0 ? -log(Double(hits)) : -log(Double(k))
            for c in 0..<k { out[c] = (hits == 0 || Double(p[layout.logit(c)]) == m) ? share : -.infinity }
            return
        }
        var sum = 0.0
        for c in 0..<k { sum += exp(Double(p[layout.logit(c)]) - m) }
        let lse = m + log(sum)
        for c in 0..<k { out[c] = Double(p[layout.logit(c)]) - lse }
    }

    /// Writes pi_k (temperature 1) into `out[0..<K]`.
    static func weights(
        _ p: UnsafePointer<Float>, _ layout: MixtureLayout,
        into out: UnsafeMutablePointer<Double>
    ) {
        logWeights(p, layout, into: out)
        for c in 0..<layout.components { out[c] = exp(out[c]) }
    }

    /// log pi_k + log N(y; mu_k, diag(sigma_k^2)) for every k, into `out[0..<K]`;
    /// `logW` holds the log weights.
    static func componentLogTerms(
        _ p: UnsafePointer<Float>, _ layout: MixtureLayout,
        y: UnsafePointer<Double>, logW: UnsafePointer<Double>,
        into out: UnsafeMutablePointer<Double>
    ) {
        let dims = layout.dimension
        for c in 0..<layout.components {
            var a = logW[c] - Double(dims) * Loss.halfLogTwoPi
            for d in 0..<dims {
                let s = Double(p[layout.sigma(c, d)])
                let z = (y[d] - Double(p[layout.mu(c, d)])) / s
                a -= 0.5 * z * z + log(s)
            }
            out[c] = a
        }
    }

    /// log sum_k exp(a_k), stable.
    static func logSumExp(_ a: UnsafePointer<Double>, _ n: Int) -> Double {
        var m = -Double.infinity
        for i in 0..<n { m = Swift.max(m, a[i]) }
        if !m.isFinite { return m }
        var s = 0.0
        for i in 0..<n { s += exp(a[i] - m) }
        return m + log(s)
    }

    /// log p(y) for one D-dimensional point; `scratch` holds 2*K Doubles.
    static func logDensity(
        _ p: UnsafePointer<Float>, _ layout: MixtureLayout, y: UnsafePointer<Double>,
        scratch: UnsafeMutablePointer<Double>
    ) -> Double {
        let k = layout.components
        logWeights(p, layout, into: scratch)
        componentLogTerms(p, layout, y: y, logW: scratch, into: scratch + k)
        return logSumExp(scratch + k, k)
    }

    /// Mean and variance per dimension (law of total variance:
    /// Var = sum_k pi_k (sigma_k^2 + (mu_k - mean)^2)), into `mean[0..<D]`, `variance[0..<D]`.
    static func moments(
        _ p: UnsafePointer<Float>, _ layout: MixtureLayout,
        mean: UnsafeMutablePointer<Double>, variance: UnsafeMutablePointer<Double>,
        scratch: UnsafeMutablePointer<Double>
    ) {
        weights(p, layout, into: scratch)
        for d in 0..<layout.dimension {
            var m = 0.0
            for c in 0..<layout.components { m += scratch[c] * Double(p[layout.mu(c, d)]) }
            var v = 0.0
            for c in 0..<layout.components {
                let s = Double(p[layout.sigma(c, d)])
                let dm = Double(p[layout.mu(c, d)]) - m
                v += scratch[c] * (s * s + dm * dm)
            }
            mean[d] = m
            variance[d] = v
        }
    }

    /// The most probable y (the global mode of the density), into `out[0..<D]`.
    ///
    /// Method: the density is evaluated at every component mean; from the best few of
    /// those (up to 4) a fixed-point iteration climbs to the nearest mode,
    /// `y <- sum_k r_k(y) mu_k / sigma_k^2 / sum_k r_k(y) / sigma_k^2` per dimension, where
    /// r_k(y) is the responsibility of component k at y (Carreira-Perpinan's mode-finding
    /// iteration for Gaussian mixtures). A step is kept only if it raises the density; the
    /// climb stops after 100 steps or when a step moves y by less than 1e-10 (relative).
    /// Every mode of a Gaussian mixture lies in the convex hull of the component means, and
    /// in practice each mode is reached by climbing from a mean near it; the search can miss
    /// the global mode only if it is reached solely from a mean whose density is not among the
    /// best four (many near-equal peaks). Tests compare against a fine grid search.
    /// `scratch` holds 4*K + 3*D Doubles.
    static func mode(
        _ p: UnsafePointer<Float>, _ layout: MixtureLayout, into out: UnsafeMutablePointer<Double>,
        scratch: UnsafeMutablePointer<Double>
    ) {
        let k = layout.components
        let dims = layout.dimension
        let logW = scratch
        let terms = scratch + k
        let startScore = scratch + 2 * k
        let y = scratch + 4 * k
        let next = y + dims
        let best = next + dims
        logWeights(p, layout, into: logW)
        // Density at each component mean.
        for c in 0..<k {
            for d in 0..<dims { y[d] = Double(p[layout.mu(c, d)]) }
            componentLogTerms(p, layout, y: y, logW: logW, into: terms)
            startScore[c] = logSumExp(terms, k)
        }
        var bestScore = -Double.infinity
        var haveBest = false
        for d in 0..<dims { best[d] = Double(p[layout.mu(0, d)]) }
        let starts = Swift.min(k, 4)
        for _ in 0..<starts {
            // Next best unused start.
            var c0 = -1
            for c in 0..<k where !startScore[c].isNaN && (c0 < 0 || startScore[c] > startScore[c0]) { c0 = c }
            if c0 < 0 { break }
            var score = startScore[c0]
            startScore[c0] = .nan  // used
            for d in 0..<dims { y[d] = Double(p[layout.mu(c0, d)]) }
            for _ in 0..<100 {
                componentLogTerms(p, layout, y: y, logW: logW, into: terms)
                var m = -Double.infinity
                for c in 0..<k { m = Swift.max(m, terms[c]) }
                guard m.isFinite else { break }
                var moved = 0.0
                for d in 0..<dims {
                    var num = 0.0
                    var den = 0.0
                    for c in 0..<k {
                        let s = Double(p[layout.sigma(c, d)])
                        let r = exp(terms[c] - m) / (s * s)
                        num += r * Double(p[layout.mu(c, d)])
                        den += r
                    }
                    next[d] = den > 0 ? num / den : y[d]
                    moved = Swift.max(moved, abs(next[d] - y[d]) / (1 + abs(y[d])))
                }
                componentLogTerms(p, layout, y: next, logW: logW, into: terms)
                let nextScore = logSumExp(terms, k)
                guard nextScore > score else { break }
                score = nextScore
                for d in 0..<dims { y[d] = next[d] }
                if moved < 1e-10 { break }
            }
            if !haveBest || score > bestScore {
                haveBest = true
                bestScore = score
                for d in 0..<dims { best[d] = y[d] }
            }
        }
        for d in 0..<dims { out[d] = best[d] }
    }

    /// Unnormalised mixing weights of one row at temperature T, into `out[0..<K]`:
    /// exp((logit_k - max) / T), zero for NaN logits. If the largest logit is +inf, the +inf
    /// ones get weight 1 each and the rest 0; if it is -inf (no finite logit), every non-NaN
    /// logit gets 1; if every logit is NaN, all get 1 (no information: uniform). Returns the
    /// sum and the index of the last component with positive weight.
    @inline(__always)
    static func temperedWeights(
        _ p: UnsafePointer<Float>, _ layout: MixtureLayout, temperature: Float,
        into out: UnsafeMutablePointer<Float>
    ) -> (total: Float, last: Int) {
        let k = layout.components
        let logits = p + layout.logit(0)
        var m = -Float.infinity
        for c in 0..<k where logits[c] > m { m = logits[c] }
        var total: Float = 0
        var last = -1
        if m.isFinite {
            let invT = 1 / temperature
            for c in 0..<k {
                let w = expf((logits[c] - m) * invT)  // NaN logit -> NaN, treated as 0
                if w > 0 {
                    total += w
                    last = c
                    out[c] = w
                } else {
                    out[c] = 0
                }
            }
        } else {
            // All -inf (or NaN): every finite-or-max logit shares equally; +inf: only those.
            for c in 0..<k {
                if logits[c] == m || m == -.infinity && !logits[c].isNaN {
                    total += 1
                    last = c
                    out[c] = 1
                } else {
                    out[c] = 0
                }
            }
        }
        if last < 0 {
            // Every logit NaN: no information, pick uniformly.
            for c in 0..<k { out[c] = 1 }
            total = Float(k)
            last = k - 1
        }
        return (total, last)
    }

    /// Prepares the sampler for one row at temperature T: `cumulative[0..<K]` gets the
    /// running sum of the unnormalised weights (`temperedWeights`), and the return value is
    /// the index of the last component with positive weight (the fallback when rounding
    /// leaves a uniform draw past the total).
    @inline(__always)
    static func prepareSampler(
        _ p: UnsafePointer<Float>, _ layout: MixtureLayout, temperature: Float,
        cumulative: UnsafeMutablePointer<Float>
    ) -> Int {
        let last = temperedWeights(p, layout, temperature: temperature, into: cumulative).last
        var running: Float = 0
        for c in 0..<layout.components {
            running += cumulative[c]
            cumulative[c] = running
        }
        return last
    }

    /// Draws one component index from a prepared cumulative table; never out of range and
    /// never a zero-weight component.
    @inline(__always)
    static func drawComponent(
        cumulative: UnsafePointer<Float>, count k: Int, fallback: Int,
        rng: inout SeededRNG
    ) -> Int {
        component(atScaled: rng.nextFloat(), cumulative: cumulative, count: k, fallback: fallback)
    }

    /// The component whose cumulative slot holds `u * total`, `u` in [0, 1). Strict '<' skips
    /// zero-weight components (their cumulative equals the previous one); a draw at or past
    /// the total (float rounding) returns `fallback`, the last component with positive weight.
    @inline(__always)
    static func component(
        atScaled u: Float, cumulative: UnsafePointer<Float>, count k: Int,
        fallback: Int
    ) -> Int {
        let target = u * cumulative[k - 1]
        for c in 0..<k where target < cumulative[c] { return c }
        return fallback
    }
}
