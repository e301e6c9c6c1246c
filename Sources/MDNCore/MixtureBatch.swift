/// Many mixtures at once: `count` parameter rows laid out by `layout`, row-major, as the MDN
/// head outputs them for `count` x values. All batched results are row-major too.
public struct MixtureBatch: Sendable, Equatable {
    /// Where each parameter sits in a row.
    public let layout: MixtureLayout
    /// `count * layout.width` values.
    public let rows: [Float]
    /// Number of mixtures.
    public let count: Int

    /// A batch from row-major parameter rows; `rows.count` must be a multiple of the width.
    public init(layout: MixtureLayout, rows: [Float]) {
        precondition(
            rows.count % layout.width == 0,
            "rows hold a partial mixture row (\(rows.count) values, width \(layout.width))")
        self.layout = layout
        self.rows = rows
        self.count = rows.count / layout.width
    }

    /// Mixture `index` as a single value.
    public subscript(index: Int) -> Mixture {
        precondition(index >= 0 && index < count, "mixture index \(index) out of range 0..<\(count)")
        let w = layout.width
        return Mixture(layout: layout, parameters: Array(rows[(index * w)..<((index + 1) * w)]))
    }

    /// Means, `count * D` values.
    public func means() -> [Float] { moments().means }

    /// Variances (law of total variance), `count * D` values.
    public func variances() -> [Float] { moments().variances }

    /// Modes (most probable y), `count * D` values.
    public func modes() -> [Float] {
        let dims = layout.dimension
        let w = layout.width
        var scratch = [Double](repeating: 0, count: 4 * layout.components + 3 * dims)
        var out = [Double](repeating: 0, count: dims)
        var result = [Float](repeating: 0, count: count * dims)
        rows.withUnsafeBufferPointer { base in
            for r in 0..<count {
                MixtureKernel.mode(base.baseAddress! + r * w, layout, into: &out, scratch: &scratch)
                for d in 0..<dims { result[r * dims + d] = Float(out[d]) }
            }
        }
        return result
    }

    /// log p(y_r | row r) for each row; `y` holds `count * D` values.
    public func logDensities(y: [Float]) -> [Double] {
        let dims = layout.dimension
        let w = layout.width
        precondition(y.count == count * dims, "y must hold count*D = \(count * dims) values, got \(y.count)")
        var scratch = [Double](repeating: 0, count: 2 * layout.components)
        var point = [Double](repeating: 0, count: dims)
        var result = [Double](repeating: 0, count: count)
        rows.withUnsafeBufferPointer { base in
            for r in 0..<count {
                for d in 0..<dims { point[d] = Double(y[r * dims + d]) }
                result[r] = MixtureKernel.logDensity(base.baseAddress! + r * w, layout, y: point, scratch: &scratch)
            }
        }
        return result
    }

    /// The mean negative log-likelihood of targets `y` (`count * D` values), in nats.
    public func meanNegativeLogLikelihood(y: [Float]) -> Double {
        guard count > 0 else { return .nan }
        return -logDensities(y: y).reduce(0, +) / Double(count)
    }

    /// Mixing probabilities softmax(logits / T) per row, `count * K` values.
    public func weights(temperature: Float = 1) throws(MixtureError) -> [Float] {
        try MixtureError.validate(temperature: temperature, sigmaTemperature: 1)
        return weights(checkedTemperature: temperature)
    }

    /// `weights(temperature:)` for a temperature known to be positive and finite.
    func weights(checkedTemperature temperature: Float) -> [Float] {
        precondition(temperature.isFinite && temperature > 0, "temperature must be positive and finite")
        let k = layout.components
        let w = layout.width
        var result = [Float](repeating: 0, count: count * k)
        rows.withUnsafeBufferPointer { base in
            result.withUnsafeMutableBufferPointer { out in
                for r in 0..<count {
                    // Each weight divided by the total directly: differences of the sampler's
                    // running sums would lose small weights that follow large ones.
                    let row = out.baseAddress! + r * k
                    let total = MixtureKernel.temperedWeights(
                        base.baseAddress! + r * w, layout,
                        temperature: temperature, into: row
                    ).total
                    for c in 0..<k { row[c] /= total }
                }
            }
        }
        return result
    }

    /// The mixtures that sampling at temperatures T and S draws from: logits divided by T
    /// (so pi = softmax(logits / T)) and sigmas times sqrt(S). Throws `MixtureError` unless
    /// both are positive and finite.
    public func tempered(temperature: Float, sigmaTemperature: Float) throws(MixtureError) -> MixtureBatch {
        try MixtureError.validate(temperature: temperature, sigmaTemperature: sigmaTemperature)
        if temperature == 1 && sigmaTemperature == 1 { return self }
        let stdScale = sigmaTemperature.squareRoot()
        var out = rows
        for r in 0..<count {
            let base = r * layout.width
            for k in 0..<layout.components {
                out[base + layout.logit(k)] /= temperature
                for d in 0..<layout.dimension { out[base + layout.sigma(k, d)] *= stdScale }
            }
        }
        return MixtureBatch(layout: layout, rows: out)
    }

    /// `perRow` draws from every row with mixing temperature T (pi = softmax(logits / T)) and
    /// sigma temperature S (std * sqrt(S)): `count * perRow * D` values, row r's draws
    /// first. Throws `MixtureError` unless T and S are positive and finite.
    public func samples(
        perRow: Int = 1, temperature: Float = 1, sigmaTemperature: Float = 1,
        rng: inout SeededRNG
    ) throws(MixtureError) -> [Float] {
        try MixtureError.validate(temperature: temperature, sigmaTemperature: sigmaTemperature)
        return samples(perRow: perRow, checkedTemperature: temperature, sigmaTemperature: sigmaTemperature, rng: &rng)
    }

    /// `samples(perRow:temperature:sigmaTemperature:rng:)` for temperatures known to be
    /// positive and finite.
    func samples(perRow: Int, checkedTemperature temperature: Float, sigmaTemperature: Float, rng: inout SeededRNG)
        -> [Float]
    {
        precondition(perRow >= 0, "perRow must be >= 0")
        precondition(
            temperature.isFinite && temperature > 0 && sigmaTemperature.isFinite && sigmaTemperature > 0,
            "temperatures must be positive and finite")
        let k = layout.components
        let dims = layout.dimension
        let w = layout.width
        let stdScale = sigmaTemperature.squareRoot()
        let total = count * perRow * dims
        var cumulative = [Float](repeating: 0, count: k)
        let out = [Float](unsafeUninitializedCapacity: total) { buf, n in
            rows.withUnsafeBufferPointer { base in
                cumulative.withUnsafeMutableBufferPointer { cum in
                    var o = 0
                    for r in 0..<count {
                        let p = base.baseAddress! + r * w
                        let fallback = MixtureKernel.prepareSampler(
                            p, layout, temperature: temperature,
                            cumulative: cum.baseAddress!)
                        for _ in 0..<perRow {
                            let c = MixtureKernel.drawComponent(
                                cumulative: cum.baseAddress!, count: k,
                                fallback: fallback, rng: &rng)
                            for d in 0..<dims {
                                let z = Float(rng.normal())
                                buf[o] = p[layout.mu(c, d)] + p[layout.sigma(c, d)] * stdScale * z
                                o += 1
                            }
                        }
                    }
                }
            }
            n = total
        }
        return out
    }

    /// Means and variances together (the kernel computes both in one pass), `count * D` each.
    func moments() -> (means: [Float], variances: [Float]) {
        let dims = layout.dimension
        let w = layout.width
        var scratch = [Double](repeating: 0, count: layout.components)
        var mean = [Double](repeating: 0, count: dims)
        var variance = mean
        var means = [Float](repeating: 0, count: count * dims)
        var variances = means
        rows.withUnsafeBufferPointer { base in
            for r in 0..<count {
                MixtureKernel.moments(
                    base.baseAddress! + r * w, layout, mean: &mean, variance: &variance,
                    scratch: &scratch)
                for d in 0..<dims {
                    means[r * dims + d] = Float(mean[d])
                    variances[r * dims + d] = Float(variance[d])
                }
            }
        }
        return (means, variances)
    }
}
