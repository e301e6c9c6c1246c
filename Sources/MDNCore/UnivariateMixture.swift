#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A one-dimensional Gaussian mixture sum_k w_k N(mu_k, sigma_k^2) in Double, with what
/// calibration and proper scores need: the distribution function, quantiles and the CRPS in
/// closed form. `ProbabilisticScores` scores each target column of a `MixtureBatch` through
/// its marginal, which is one of these (a diagonal mixture's marginal in dimension d keeps
/// the weights and takes the d-th means and sigmas).
public struct UnivariateMixture: Sendable, Equatable {
    /// Mixing weights, positive, summing to 1.
    public private(set) var weights: [Double]
    /// Component means.
    public private(set) var means: [Double]
    /// Component standard deviations, positive.
    public private(set) var sigmas: [Double]

    /// A mixture from weights (normalised here; they must be non-negative with a positive
    /// sum), means and positive sigmas, all of one length K >= 1.
    public init(weights: [Double], means: [Double], sigmas: [Double]) {
        precondition(!weights.isEmpty, "a mixture needs at least one component")
        precondition(
            weights.count == means.count && means.count == sigmas.count,
            "weights, means and sigmas must have one length")
        let total = weights.reduce(0, +)
        precondition(
            weights.allSatisfy { $0 >= 0 } && total > 0 && total.isFinite, "weights must be >= 0 with a sum > 0")
        precondition(sigmas.allSatisfy { $0 > 0 && $0.isFinite }, "sigmas must be positive and finite")
        self.weights = weights.map { $0 / total }
        self.means = means
        self.sigmas = sigmas
    }

    /// A single Gaussian N(mean, sigma^2).
    public init(mean: Double, sigma: Double) {
        self.init(weights: [1], means: [mean], sigmas: [sigma])
    }

    /// An empty mixture to be filled by `load` (scoring reuses one per batch).
    init(capacity: Int) {
        weights = []
        means = []
        sigmas = []
        weights.reserveCapacity(capacity)
        means.reserveCapacity(capacity)
        sigmas.reserveCapacity(capacity)
    }

    /// Replaces the components with dimension `d` of the raw parameter row `p` (weights
    /// `w`, already normalised); components of weight 0 are left out.
    mutating func load(_ p: UnsafePointer<Float>, _ layout: MixtureLayout, dimension d: Int, weights w: [Double]) {
        weights.removeAll(keepingCapacity: true)
        means.removeAll(keepingCapacity: true)
        sigmas.removeAll(keepingCapacity: true)
        for k in 0..<layout.components where w[k] > 0 {
            weights.append(w[k])
            means.append(Double(p[layout.mu(k, d)]))
            sigmas.append(Double(p[layout.sigma(k, d)]))
        }
    }

    /// Number of components K.
    public var count: Int { weights.count }

    /// The distribution function F(y) = sum_k w_k Phi((y - mu_k) / sigma_k).
    public func cdf(_ y: Double) -> Double {
        var f = 0.0
        for k in 0..<weights.count { f += weights[k] * StandardNormal.cdf((y - means[k]) / sigmas[k]) }
        return Swift.min(1, f)
    }

    /// The density f(y) = sum_k w_k phi((y - mu_k) / sigma_k) / sigma_k.
    public func density(_ y: Double) -> Double {
        var f = 0.0
        for k in 0..<weights.count { f += weights[k] * StandardNormal.density((y - means[k]) / sigmas[k]) / sigmas[k] }
        return f
    }

    /// The quantile q with F(q) = p, for p in (0, 1).
    ///
    /// Method: F is continuous and strictly increasing, and q lies in the bracket
    /// [min_k (mu_k + sigma_k z), max_k (mu_k + sigma_k z)] with z = Phi^-1(p) (at the left
    /// end every component's distribution function is at most p, at the right end at least
    /// p). Newton steps on F(q) - p are taken while they stay inside the bracket, which
    /// shrinks with every evaluation; otherwise the bracket is bisected. It stops when
    /// |F(q) - p| <= 1e-13 or the bracket is narrower than 1e-13 relative (at most 200
    /// evaluations), so the answer is exact to about that, also for multimodal mixtures
    /// with near-empty gaps between the modes.
    public func quantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "a quantile needs p in (0, 1), got \(p)")
        let z = StandardNormal.quantile(p)
        var lo = Double.infinity
        var hi = -Double.infinity
        for k in 0..<weights.count {
            let q = means[k] + sigmas[k] * z
            lo = Swift.min(lo, q)
            hi = Swift.max(hi, q)
        }
        if lo == hi { return lo }
        var x = weights.count == 1 ? lo : 0.5 * (lo + hi)
        for _ in 0..<200 {
            let e = cdf(x) - p
            if abs(e) <= 1e-13 { return x }
            if e < 0 { lo = x } else { hi = x }
            if hi - lo <= 1e-13 * Swift.max(abs(lo), abs(hi), 1e-300) { return 0.5 * (lo + hi) }
            let step = x - e / density(x)
            x = step > lo && step < hi ? step : 0.5 * (lo + hi)
        }
        return x
    }

    /// The continuous ranked probability score of the observation `y`:
    /// CRPS(F, y) = integral of (F(z) - 1{z >= y})^2 dz, in the units of y (lower is better;
    /// for a point forecast it is the absolute error).
    ///
    /// Closed form for a Gaussian mixture (Grimit, Gneiting, Berrocal and Johnson 2006):
    /// CRPS = sum_k w_k A(y - mu_k, sigma_k^2) - 1/2 sum_j sum_k w_j w_k A(mu_j - mu_k,
    /// sigma_j^2 + sigma_k^2), where A(m, s^2) = E|m + s Z| = 2 s phi(m / s) + m (2 Phi(m / s) - 1)
    /// for Z ~ N(0, 1). That is E|X - y| - E|X - X'| / 2 with X, X' drawn from the mixture.
    public func crps(_ y: Double) -> Double {
        let n = weights.count
        var first = 0.0
        for k in 0..<n { first += weights[k] * Self.absoluteMoment(y - means[k], sigmas[k]) }
        var second = 0.0
        for j in 0..<n {
            // The diagonal term: A(0, 2 sigma^2) = 2 sigma / sqrt(pi).
            var row = weights[j] * 2 * sigmas[j] * StandardNormal.inverseSqrtPi
            for k in (j + 1)..<n {
                let s = (sigmas[j] * sigmas[j] + sigmas[k] * sigmas[k]).squareRoot()
                row += 2 * weights[k] * Self.absoluteMoment(means[j] - means[k], s)
            }
            second += weights[j] * row
        }
        return first - 0.5 * second
    }

    /// E|m + s Z| for Z ~ N(0, 1): 2 s phi(m / s) + m (2 Phi(m / s) - 1), with
    /// 2 Phi(z) - 1 written as erf(z / sqrt 2) (no cancellation near 0).
    @inline(__always)
    static func absoluteMoment(_ m: Double, _ s: Double) -> Double {
        let z = m / s
        return 2 * s * StandardNormal.density(z) + m * erf(z * 0.5.squareRoot())
    }
}
