/// One Gaussian mixture with diagonal covariances: a parameter row laid out by
/// `MixtureLayout` (`[mu K*D | sigma K*D | logits K]`, sigmas positive), as the MDN head
/// outputs it for one x.
///
/// Densities include the 0.5*log(2*pi) term per dimension and are computed in log space
/// (log-softmax + log-sum-exp). Sampling follows the tutorial: pi = softmax(logits / T) and
/// covariance = diag(sigma^2) * S, so each standard deviation is scaled by sqrt(S).
public struct Mixture: Sendable, Equatable {
    /// Where each parameter sits in `parameters`.
    public let layout: MixtureLayout
    /// The raw parameter row, `layout.width` values.
    public let parameters: [Float]

    /// A mixture from a raw parameter row of `layout.width` values.
    public init(layout: MixtureLayout, parameters: [Float]) {
        precondition(
            parameters.count == layout.width,
            "a mixture row needs \(layout.width) values, got \(parameters.count)")
        self.layout = layout
        self.parameters = parameters
    }

    /// A mixture from its parts: `means` and `sigmas` are K*D (component-major), `logits` K.
    public init(logits: [Float], means: [Float], sigmas: [Float], dimension: Int = 1) {
        let layout = MixtureLayout(components: logits.count, dimension: dimension)
        precondition(means.count == logits.count * dimension, "means must hold K*D values")
        precondition(sigmas.count == logits.count * dimension, "sigmas must hold K*D values")
        self.init(layout: layout, parameters: means + sigmas + logits)
    }

    /// Mixing probabilities pi_k = softmax(logits) (temperature 1).
    public var weights: [Double] {
        withRow { p in
            [Double](unsafeUninitializedCapacity: layout.components) { buf, n in
                MixtureKernel.weights(p, layout, into: buf.baseAddress!)
                n = layout.components
            }
        }
    }

    /// Natural log of the density at the D-dimensional point `y`.
    public func logDensity(_ y: [Float]) -> Double {
        precondition(y.count == layout.dimension, "y must have \(layout.dimension) values")
        let point = y.map(Double.init)
        var scratch = [Double](repeating: 0, count: 2 * layout.components)
        return withRow { p in
            point.withUnsafeBufferPointer { yp in
                MixtureKernel.logDensity(p, layout, y: yp.baseAddress!, scratch: &scratch)
            }
        }
    }

    /// Natural log of the density at `y` (one-dimensional mixtures).
    public func logDensity(_ y: Float) -> Double { logDensity([y]) }

    /// The mean, per dimension: sum_k pi_k mu_k.
    public func mean() -> [Float] { moments().mean }

    /// The variance per dimension, by the law of total variance:
    /// sum_k pi_k (sigma_k^2 + (mu_k - mean)^2).
    public func variance() -> [Float] { moments().variance }

    /// The most probable y (global mode of the density), per dimension; see
    /// `MixtureKernel.mode` for the search (fixed-point climbs from the best component means).
    public func mode() -> [Float] {
        var out = [Double](repeating: 0, count: layout.dimension)
        var scratch = [Double](repeating: 0, count: 4 * layout.components + 3 * layout.dimension)
        withRow { p in MixtureKernel.mode(p, layout, into: &out, scratch: &scratch) }
        return out.map(Float.init)
    }

    /// One draw (D values) with mixing temperature T and sigma temperature S.
    /// Throws `MixtureError` unless both are positive and finite.
    public func sample(
        temperature: Float = 1, sigmaTemperature: Float = 1,
        rng: inout SeededRNG
    ) throws(MixtureError) -> [Float] {
        try MixtureBatch(layout: layout, rows: parameters)
            .samples(perRow: 1, temperature: temperature, sigmaTemperature: sigmaTemperature, rng: &rng)
    }

    private func moments() -> (mean: [Float], variance: [Float]) {
        let dims = layout.dimension
        var mean = [Double](repeating: 0, count: dims)
        var variance = mean
        var scratch = [Double](repeating: 0, count: layout.components)
        withRow { p in MixtureKernel.moments(p, layout, mean: &mean, variance: &variance, scratch: &scratch) }
        return (mean.map(Float.init), variance.map(Float.init))
    }

    private func withRow<R>(_ body: (UnsafePointer<Float>) -> R) -> R {
        parameters.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
