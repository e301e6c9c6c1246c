/// How good a model's predictive distributions are on data with known targets: a proper
/// score of the density (mean NLL), a proper score of the distribution function (CRPS),
/// and calibration (interval coverage and the PIT histogram).
///
/// Everything is in the data's units. NLL is of the joint density of a row's targets;
/// CRPS, coverage, interval widths and PIT are computed for each target column through the
/// column's marginal mixture (`UnivariateMixture`) and averaged over rows and columns (with
/// one target column, simply over rows).
///
/// - NLL: mean of -log p(y | x), nats, including 0.5 log(2 pi) per column.
/// - CRPS: mean continuous ranked probability score (`UnivariateMixture.crps`), in the
///   target's units; it rewards sharp and honest distributions alike and, unlike NLL, is
///   defined for any distribution (the MSE model's point prediction scores its mean absolute
///   error).
/// - Coverage: the fraction of targets inside the central 50% and 90% intervals
///   [q(0.25), q(0.75)] and [q(0.05), q(0.95)] of the predicted distribution; an honest
///   model covers about 0.5 and 0.9. The mean widths of those intervals tell how sharp it is.
/// - PIT: the probability integral transform u = F(y | x) of every target. For a calibrated
///   model the u are uniform on [0, 1]: the 10-bin histogram is flat at 0.1. A U shape means
///   too narrow distributions (overconfident), a hump too wide ones, a slope a biased centre.
///   Its distance from uniform is the Kolmogorov-Smirnov statistic
///   D = sup_u |ECDF(u) - u| of the PIT values (not of the binned histogram, so it does not
///   depend on the bins); `pitKSCritical95` is the value a calibrated model stays below
///   with probability 0.95 for this many values, so a larger D is evidence of
///   miscalibration and a smaller one is not.
public struct ProbabilisticScores: Sendable, Equatable {
    /// Bins of the PIT histogram.
    public static let pitBins = 10

    /// Rows scored.
    public var rows: Int
    /// Mean negative log-likelihood per row, nats.
    public var nll: Double
    /// Mean CRPS per target value, in the target's units.
    public var crps: Double
    /// Fraction of target values inside the central 50% interval.
    public var coverage50: Double
    /// Fraction of target values inside the central 90% interval.
    public var coverage90: Double
    /// Mean width of the central 50% interval, in the target's units.
    public var width50: Double
    /// Mean width of the central 90% interval.
    public var width90: Double
    /// The PIT histogram: the fraction of PIT values in each tenth of [0, 1].
    public var pit: [Double]
    /// Kolmogorov-Smirnov distance of the PIT values from the uniform distribution.
    public var pitKS: Double
    /// The 95% critical value of `pitKS` for this many PIT values (see the type's notes).
    public var pitKSCritical95: Double

    /// Scores `batch` (one mixture per row, in the data's units) against targets `y`
    /// (`batch.count * D` values, row-major). The batch must not be empty.
    public init(batch: MixtureBatch, y: [Float]) {
        let layout = batch.layout
        let dims = layout.dimension
        let n = batch.count
        precondition(n > 0, "cannot score an empty batch")
        precondition(y.count == n * dims, "y must hold count*D = \(n * dims) values, got \(y.count)")
        let k = layout.components
        var scratch = [Double](repeating: 0, count: 2 * k)
        var weights = [Double](repeating: 0, count: k)
        var point = [Double](repeating: 0, count: dims)
        var marginal = UnivariateMixture(capacity: k)
        var pitValues = [Double]()
        pitValues.reserveCapacity(n * dims)
        var nllSum = 0.0
        var crpsSum = 0.0
        var inside50 = 0
        var inside90 = 0
        var width50Sum = 0.0
        var width90Sum = 0.0
        batch.rows.withUnsafeBufferPointer { base in
            for r in 0..<n {
                let p = base.baseAddress! + r * layout.width
                for d in 0..<dims { point[d] = Double(y[r * dims + d]) }
                nllSum -= MixtureKernel.logDensity(p, layout, y: point, scratch: &scratch)
                weights.withUnsafeMutableBufferPointer { MixtureKernel.weights(p, layout, into: $0.baseAddress!) }
                for d in 0..<dims {
                    marginal.load(p, layout, dimension: d, weights: weights)
                    let t = point[d]
                    crpsSum += marginal.crps(t)
                    pitValues.append(marginal.cdf(t))
                    let q = [0.05, 0.25, 0.75, 0.95].map(marginal.quantile)
                    if t >= q[1] && t <= q[2] { inside50 += 1 }
                    if t >= q[0] && t <= q[3] { inside90 += 1 }
                    width50Sum += q[2] - q[1]
                    width90Sum += q[3] - q[0]
                }
            }
        }
        let values = Double(n * dims)
        rows = n
        nll = nllSum / Double(n)
        crps = crpsSum / values
        coverage50 = Double(inside50) / values
        coverage90 = Double(inside90) / values
        width50 = width50Sum / values
        width90 = width90Sum / values
        pit = Self.histogram(pitValues)
        pitKS = Self.kolmogorovSmirnov(pitValues)
        pitKSCritical95 = Self.ksCritical95(count: pitValues.count)
    }

    /// The fraction of `values` (in [0, 1]) in each of `pitBins` equal bins; 1 falls in the
    /// last bin.
    static func histogram(_ values: [Double]) -> [Double] {
        var counts = [Int](repeating: 0, count: pitBins)
        for u in values {
            let b = Swift.min(pitBins - 1, Swift.max(0, Int(u * Double(pitBins))))
            counts[b] += 1
        }
        return counts.map { Double($0) / Double(Swift.max(values.count, 1)) }
    }

    /// The Kolmogorov-Smirnov statistic of `values` against U(0, 1):
    /// max over the sorted u_(i) of max(i / n - u_(i), u_(i) - (i - 1) / n).
    static func kolmogorovSmirnov(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let n = Double(sorted.count)
        var d = 0.0
        for (i, u) in sorted.enumerated() {
            d = Swift.max(d, Double(i + 1) / n - u, u - Double(i) / n)
        }
        return d
    }

    /// The 95% critical value of the one-sample Kolmogorov-Smirnov statistic for `count`
    /// values: Stephens' approximation 1.358 / (sqrt n + 0.12 + 0.11 / sqrt n), within about
    /// 1% of the exact value for n >= 5.
    public static func ksCritical95(count: Int) -> Double {
        let r = Double(Swift.max(count, 1)).squareRoot()
        return 1.358 / (r + 0.12 + 0.11 / r)
    }
}
