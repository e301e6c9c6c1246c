import MDNCore

/// Mixture components along an x grid: means mu_k(x) and weights pi_k(x).
public struct ComponentCurves: Sendable, Equatable {
    /// The x grid (sorted).
    public var xs: [Float]
    /// `mu[k][i]` = mean of component k at xs[i].
    public var mu: [[Float]]
    /// `pi[k][i]` = mixing weight of component k at xs[i], in [0, 1].
    public var pi: [[Float]]

    /// Creates component curves; every row must have `xs.count` entries.
    public init(xs: [Float], mu: [[Float]], pi: [[Float]]) {
        precondition(mu.count == pi.count, "mu and pi need one row per component")
        precondition(
            mu.allSatisfy { $0.count == xs.count } && pi.allSatisfy { $0.count == xs.count },
            "every component row needs xs.count values")
        self.xs = xs
        self.mu = mu
        self.pi = pi
    }

    /// mu_k(x) and pi_k(x) = softmax(logits / T) of `batch`, whose row i belongs to `xs[i]`
    /// (one-dimensional mixtures).
    public init(_ batch: MixtureBatch, xs: [Float], temperatures: Temperatures) {
        precondition(batch.count == xs.count, "component curves need one mixture row per x")
        precondition(batch.layout.dimension == 1, "component curves need one-dimensional mixtures")
        let layout = batch.layout
        let k = layout.components
        let weights = temperatures.weights(batch)
        var mu = [[Float]](repeating: [Float](repeating: 0, count: xs.count), count: k)
        var pi = mu
        for i in 0..<xs.count {
            for c in 0..<k {
                mu[c][i] = batch.rows[i * layout.width + layout.mu(c)]
                pi[c][i] = weights[i * k + c]
            }
        }
        self.init(xs: xs, mu: mu, pi: pi)
    }

    /// The curves of `source` at `points` evenly spaced x values over `xRange` (ends included).
    public init(_ source: MixtureSource, xRange: ClosedRange<Float>, points: Int, temperatures: Temperatures) {
        precondition(points >= 2, "component curves need at least two points")
        let span = xRange.upperBound - xRange.lowerBound
        let xs = (0..<points).map { xRange.lowerBound + span * Float($0) / Float(points - 1) }
        self.init(source.mixtures(at: xs), xs: xs, temperatures: temperatures)
    }
}
