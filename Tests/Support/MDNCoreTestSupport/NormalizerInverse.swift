import MDNCore

/// The way back from normalised inputs and whole data sets, which only tests need (the product
/// maps targets and mixtures back: `denormalizeY`, `denormalize(_: MixtureBatch)`).
extension Normalizer {
    /// Inputs (row-major) back to user units: x * std + mean.
    public func denormalizeX(_ x: [Float]) -> [Float] {
        let d = inputDimension
        precondition(x.count % d == 0, "values hold a partial row (\(x.count) values, \(d) columns)")
        return x.indices.map { x[$0] * xStd[$0 % d] + xMean[$0 % d] }
    }

    /// Target variances back to user units (times std^2).
    public func denormalizeYVariance(_ v: [Float]) -> [Float] {
        let d = outputDimension
        precondition(v.count % d == 0, "variances hold a partial row")
        return v.indices.map { v[$0] * yStd[$0 % d] * yStd[$0 % d] }
    }

    /// `data` back in user units (names kept).
    public func denormalize(_ data: Dataset) -> Dataset {
        precondition(
            data.inputDimension == inputDimension && data.outputDimension == outputDimension,
            "data dimensions do not match the normaliser")
        var out = data
        out.x = denormalizeX(data.x)
        out.y = denormalizeY(data.y)
        return out
    }
}
