import Foundation

/// Per-column affine z-scoring of inputs and targets: `x' = (x - mean) / std`, fitted on the
/// training data and stored in checkpoints so predictions come back in the user's units.
///
/// A column whose standard deviation is 0 (or not finite) gets std 1, so it is only
/// centred. Standard deviations are population ones (divide by n). Densities change units
/// with the targets: for y' = (y - m) / s, log p(y) = log p'(y') - sum_d log s_d, so a mean
/// NLL computed in normalised units converts as NLL_user = NLL_norm + `logJacobian`.
public struct Normalizer: Codable, Sendable, Equatable {
    /// Mean of each input column.
    public var xMean: [Float]
    /// Standard deviation of each input column (never 0).
    public var xStd: [Float]
    /// Mean of each target column.
    public var yMean: [Float]
    /// Standard deviation of each target column (never 0).
    public var yStd: [Float]

    /// A normaliser with the given statistics; a std of 0 or a non-finite std becomes 1. The
    /// means must be finite (those of finite data are).
    public init(xMean: [Float], xStd: [Float], yMean: [Float], yStd: [Float]) {
        precondition(xMean.count == xStd.count && yMean.count == yStd.count, "mean and std counts differ")
        precondition(!xMean.isEmpty && !yMean.isEmpty, "a normaliser needs at least one x and one y column")
        precondition((xMean + yMean).allSatisfy(\.isFinite), "a normaliser's means must be finite")
        self.xMean = xMean
        self.xStd = xStd.map(Normalizer.safe)
        self.yMean = yMean
        self.yStd = yStd.map(Normalizer.safe)
    }

    /// The normaliser that changes nothing (mean 0, std 1).
    public static func identity(inputDimension: Int = 1, outputDimension: Int = 1) -> Normalizer {
        Normalizer(
            xMean: Array(repeating: 0, count: inputDimension), xStd: Array(repeating: 1, count: inputDimension),
            yMean: Array(repeating: 0, count: outputDimension), yStd: Array(repeating: 1, count: outputDimension))
    }

    /// Fits column means and (population) standard deviations to `data`.
    public init(fitting data: Dataset) {
        precondition(data.count > 0, "cannot fit a normaliser to an empty data set")
        let (xm, xs) = Normalizer.columnStats(data.x, columns: data.inputDimension)
        let (ym, ys) = Normalizer.columnStats(data.y, columns: data.outputDimension)
        self.init(xMean: xm, xStd: xs, yMean: ym, yStd: ys)
    }

    /// Input dimension.
    public var inputDimension: Int { xMean.count }
    /// Output dimension.
    public var outputDimension: Int { yMean.count }

    /// sum_d log(yStd_d): add to a mean NLL in normalised units to get it in user units.
    public var logJacobian: Double { yStd.reduce(0) { $0 + log(Double($1)) } }

    /// `data` in normalised units (names kept).
    public func normalize(_ data: Dataset) -> Dataset {
        precondition(
            data.inputDimension == inputDimension && data.outputDimension == outputDimension,
            "data dimensions do not match the normaliser")
        var out = data
        out.x = normalizeX(data.x)
        out.y = normalizeY(data.y)
        return out
    }

    /// Inputs (row-major, `inputDimension` per row) to normalised units.
    public func normalizeX(_ x: [Float]) -> [Float] { Normalizer.forward(x, xMean, xStd) }
    /// Targets (row-major) to normalised units.
    public func normalizeY(_ y: [Float]) -> [Float] { Normalizer.forward(y, yMean, yStd) }
    /// Targets (means, samples, modes) back to user units.
    public func denormalizeY(_ y: [Float]) -> [Float] { Normalizer.backward(y, yMean, yStd) }

    /// Mixture rows from normalised units to user units: mu -> mu * std + mean,
    /// sigma -> sigma * std, logits unchanged.
    public func denormalize(_ batch: MixtureBatch) -> MixtureBatch {
        let layout = batch.layout
        precondition(layout.dimension == outputDimension, "mixture dimension does not match the normaliser")
        var rows = batch.rows
        for r in 0..<batch.count {
            let base = r * layout.width
            for k in 0..<layout.components {
                for d in 0..<layout.dimension {
                    rows[base + layout.mu(k, d)] = rows[base + layout.mu(k, d)] * yStd[d] + yMean[d]
                    rows[base + layout.sigma(k, d)] *= yStd[d]
                }
            }
        }
        return MixtureBatch(layout: layout, rows: rows)
    }

    /// The normaliser as compact JSON (for checkpoint metadata).
    public func jsonString() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return String(decoding: try encoder.encode(self), as: UTF8.self)
        } catch {
            // JSONEncoder fails only on a non-finite float; `init` keeps the means finite and
            // turns non-finite stds into 1, and `init?(json:)` rejects both.
            preconditionFailure("a normaliser holds a non-finite value: \(error)")
        }
    }

    /// Decodes `jsonString()` output; nil if it is not a valid normaliser.
    public init?(json: String) {
        guard let decoded = try? JSONDecoder().decode(Normalizer.self, from: Data(json.utf8)),
            decoded.xMean.count == decoded.xStd.count, decoded.yMean.count == decoded.yStd.count,
            !decoded.xMean.isEmpty, !decoded.yMean.isEmpty,
            (decoded.xMean + decoded.xStd + decoded.yMean + decoded.yStd).allSatisfy(\.isFinite),
            (decoded.xStd + decoded.yStd).allSatisfy({ $0 > 0 })
        else { return nil }
        self = decoded
    }

    private static func safe(_ s: Float) -> Float { s.isFinite && s > 0 ? s : 1 }

    private static func forward(_ v: [Float], _ mean: [Float], _ std: [Float]) -> [Float] {
        let d = mean.count
        precondition(v.count % d == 0, "values hold a partial row (\(v.count) values, \(d) columns)")
        return [Float](unsafeUninitializedCapacity: v.count) { buf, n in
            for i in 0..<v.count { buf[i] = (v[i] - mean[i % d]) / std[i % d] }
            n = v.count
        }
    }

    private static func backward(_ v: [Float], _ mean: [Float], _ std: [Float]) -> [Float] {
        let d = mean.count
        precondition(v.count % d == 0, "values hold a partial row (\(v.count) values, \(d) columns)")
        return [Float](unsafeUninitializedCapacity: v.count) { buf, n in
            for i in 0..<v.count { buf[i] = v[i] * std[i % d] + mean[i % d] }
            n = v.count
        }
    }

    private static func columnStats(_ v: [Float], columns d: Int) -> ([Float], [Float]) {
        let n = v.count / d
        var mean = [Double](repeating: 0, count: d)
        var sq = mean
        for i in 0..<v.count { mean[i % d] += Double(v[i]) }
        for j in 0..<d { mean[j] /= Double(n) }
        for i in 0..<v.count {
            let e = Double(v[i]) - mean[i % d]
            sq[i % d] += e * e
        }
        return (mean.map(Float.init), sq.map { Float(($0 / Double(n)).squareRoot()) })
    }
}

extension Normalizer {
    /// A mean NLL computed in normalised units, in the data's units (adds `logJacobian`).
    public func nllInDataUnits(_ nll: Double) -> Double { nll + logJacobian }

    /// A mean squared error computed in normalised units, in the data's squared units
    /// (times the target variance). Needs one target column, or several with equal stds
    /// (an aggregate over columns with different stds has no single conversion; traps).
    public func mseInDataUnits(_ mse: Double) -> Double {
        let variances = yStd.map { Double($0) * Double($0) }
        precondition(
            variances.allSatisfy { $0 == variances[0] }, "an aggregate MSE converts only with equal target stds")
        return mse * variances[0]
    }

    /// A training loss of `kind` (MSE or NLL) in the data's units.
    public func lossInDataUnits(_ loss: Double, kind: ModelKind) -> Double {
        kind == .mdn ? nllInDataUnits(loss) : mseInDataUnits(loss)
    }
}
