import Foundation
import MDNCore
import SafeText

/// A trained network from a checkpoint, answering in the user's units: it normalises x with
/// the checkpoint's `Normalizer`, runs the network, and maps the outputs back (mixture means
/// and sigmas, or mse predictions).
///
/// Both kinds of model give a predictive distribution (`predictive(x:)`), so both get the
/// same scores (`evaluate`): the mdn its mixture, the mse model a Gaussian around its
/// prediction whose sigma is the RMSE it had on its validation rows, stored in the
/// checkpoint at training time (`Checkpoint.validationRMSEKey`).
public struct Predictor: Sendable {
    /// The checkpoint the network came from.
    public let checkpoint: Checkpoint
    /// The rebuilt network.
    public let network: Network
    /// The mse model's predictive sigma per target column (its validation RMSE, data
    /// units); nil for an mdn, or an mse checkpoint written without it.
    public let residualSigma: [Double]?

    /// Rebuilds the network from `checkpoint`; `path` names the file in errors.
    public init(checkpoint: Checkpoint, path: String) throws(CheckpointError) {
        let network: Network
        do {
            network = try Network(
                kind: checkpoint.kind, outputDimension: checkpoint.outputDimension,
                mixtures: checkpoint.mixtures ?? 1, tensors: checkpoint.tensors)
        } catch {
            throw .notACheckpoint(path: path, reason: error.description)
        }
        guard network.inputDimension == checkpoint.inputDimension else {
            throw .notACheckpoint(
                path: path,
                reason: "the network takes \(network.inputDimension) inputs "
                    + "but the metadata says \(checkpoint.inputDimension)")
        }
        guard network.hidden == checkpoint.hidden else {
            throw .notACheckpoint(
                path: path,
                reason: "the network's hidden widths \(network.hidden) "
                    + "differ from the metadata's \(checkpoint.hidden)")
        }
        self.checkpoint = checkpoint
        self.network = network
        residualSigma = try checkpoint.validationRMSE(path: path)
    }

    /// Loads the checkpoint at `path` and rebuilds its network.
    public init(path: String) throws(CheckpointError) {
        try self.init(checkpoint: Checkpoint.load(path: path), path: path)
    }

    /// mse or mdn.
    public var kind: ModelKind { checkpoint.kind }

    /// Mixture densities p(y | x) in user units for x (row-major, `inputDimension` per row).
    public func mixtures(x: [Float]) -> MixtureBatch {
        precondition(kind == .mdn, "mixtures(x:) needs an mdn checkpoint")
        let normalizer = checkpoint.normalizer
        let out = network.predict(normalizer.normalizeX(x))
        return normalizer.denormalize(MixtureBatch(layout: network.layout!, rows: out))
    }

    /// Predictions in user units (mse: the network's output; mdn: the mixture mean),
    /// `count * outputDimension` values.
    public func predictions(x: [Float]) -> [Float] {
        if kind == .mdn { return mixtures(x: x).means() }
        return checkpoint.normalizer.denormalizeY(network.predict(checkpoint.normalizer.normalizeX(x)))
    }

    /// The predictive distribution of y for each row of `x`, in user units: the mdn's
    /// mixtures, or for an mse model a Gaussian (K = 1) centred on its prediction with sigma
    /// `residualSigma` (nil when the checkpoint has none).
    public func predictive(x: [Float]) -> MixtureBatch? {
        if kind == .mdn { return mixtures(x: x) }
        guard let sigma = residualSigma else { return nil }
        let dims = checkpoint.outputDimension
        let layout = MixtureLayout(components: 1, dimension: dims)
        let means = predictions(x: x)
        let count = means.count / dims
        var rows = [Float](repeating: 0, count: count * layout.width)
        for r in 0..<count {
            let base = r * layout.width
            for d in 0..<dims {
                rows[base + layout.mu(0, d)] = means[r * dims + d]
                rows[base + layout.sigma(0, d)] = Float(sigma[d])
            }
        }
        return MixtureBatch(layout: layout, rows: rows)
    }

    /// Every score of `data` (user units): the mean squared error of the predictions (the
    /// mixture mean for an mdn) and, when the model has a predictive distribution, its
    /// proper scores and calibration.
    public func evaluate(_ data: Dataset) -> ModelEvaluation {
        precondition(
            data.inputDimension == checkpoint.inputDimension && data.outputDimension == checkpoint.outputDimension,
            "data dimensions do not match the model")
        precondition(data.count > 0, "cannot score an empty data set")
        let distribution = predictive(x: data.x)
        let predicted = distribution.map { kind == .mdn ? $0.means() : Self.centres($0) } ?? predictions(x: data.x)
        return ModelEvaluation(
            meanSquaredError: Self.meanSquaredErrors(predicted, data.y, columns: data.outputDimension).reduce(0, +)
                / Double(data.outputDimension),
            scores: distribution.map { ProbabilisticScores(batch: $0, y: data.y) })
    }

    /// The root mean squared error of the predictions on `data` per target column (user units).
    public func rootMeanSquaredErrors(_ data: Dataset) -> [Double] {
        Self.meanSquaredErrors(predictions(x: data.x), data.y, columns: data.outputDimension).map { $0.squareRoot() }
    }

    /// Mean squared error per column of row-major `predicted` against `actual`.
    private static func meanSquaredErrors(_ predicted: [Float], _ actual: [Float], columns: Int) -> [Double] {
        precondition(predicted.count == actual.count, "predictions and targets differ in size")
        var sums = [Double](repeating: 0, count: columns)
        for i in 0..<predicted.count {
            let e = Double(predicted[i]) - Double(actual[i])
            sums[i % columns] += e * e
        }
        let rows = Double(predicted.count / columns)
        return sums.map { rows > 0 ? $0 / rows : .nan }
    }

    /// The means of a K = 1 batch (its mu values).
    private static func centres(_ batch: MixtureBatch) -> [Float] {
        let layout = batch.layout
        var out = [Float]()
        out.reserveCapacity(batch.count * layout.dimension)
        for r in 0..<batch.count {
            for d in 0..<layout.dimension { out.append(batch.rows[r * layout.width + layout.mu(0, d)]) }
        }
        return out
    }

    /// Scores of `data` (user units): mean NLL in nats (mdn only) and the mean squared error
    /// of the predictions (averaged over rows and target columns).
    public func score(_ data: Dataset) -> (nll: Double?, mse: Double) {
        precondition(
            data.inputDimension == checkpoint.inputDimension && data.outputDimension == checkpoint.outputDimension,
            "data dimensions do not match the model")
        var nll: Double? = nil
        let predicted: [Float]
        if kind == .mdn {
            let batch = mixtures(x: data.x)
            nll = batch.meanNegativeLogLikelihood(y: data.y)
            predicted = batch.means()
        } else {
            predicted = predictions(x: data.x)
        }
        var sum = 0.0
        for i in 0..<predicted.count {
            let e = Double(predicted[i]) - Double(data.y[i])
            sum += e * e
        }
        return (nll, predicted.isEmpty ? .nan : sum / Double(predicted.count))
    }
}

/// What `Predictor.evaluate` measured on a data set, in the data's units.
public struct ModelEvaluation: Sendable, Equatable {
    /// Mean squared error of the predictions, averaged over rows and target columns.
    public var meanSquaredError: Double
    /// Proper scores and calibration (nil for an mse model without a stored sigma).
    public var scores: ProbabilisticScores?
}

extension Checkpoint {
    /// The metadata key of an mse model's validation RMSE: a JSON list with one value per
    /// target column, in the data's units; it is the sigma of the model's predictive
    /// Gaussian (see `Predictor`).
    public static let validationRMSEKey = "validation_rmse"

    /// This checkpoint with `validationRMSEKey` set to its model's RMSE on `validation` (rows
    /// in the data's units that it did not train on); unchanged if an RMSE is 0 or not
    /// finite (no Gaussian has that sigma).
    public func addingValidationRMSE(on validation: Dataset) throws(CheckpointError) -> Checkpoint {
        let rmse = try Predictor(checkpoint: self, path: "(trained model)").rootMeanSquaredErrors(validation)
        guard rmse.allSatisfy({ $0 > 0 && $0.isFinite }) else { return self }
        var copy = self
        copy.extra[Checkpoint.validationRMSEKey] = "[" + rmse.map { "\($0)" }.joined(separator: ",") + "]"
        return copy
    }

    /// The stored validation RMSE (nil if absent); `path` names the file in errors.
    func validationRMSE(path: String) throws(CheckpointError) -> [Double]? {
        guard kind == .mse, let text = extra[Checkpoint.validationRMSEKey] else { return nil }
        guard let values = try? JSONDecoder().decode([Double].self, from: Data(text.utf8)),
            values.count == outputDimension, values.allSatisfy({ $0 > 0 && $0.isFinite })
        else {
            throw .notACheckpoint(
                path: path,
                reason:
                    "metadata '\(Checkpoint.validationRMSEKey)' is \(SafeText.quoted(text)), expected a JSON list of "
                    + "\(outputDimension) positive number\(outputDimension == 1 ? "" : "s")")
        }
        return values
    }

    /// A checkpoint of a trained `network`, with its training facts and data normalisation.
    public init(
        network: Network, preset: String, epochs: Int, seed: UInt64, normalizer: Normalizer? = nil,
        xNames: [String]? = nil, yNames: [String]? = nil, mdnxVersion: String = Checkpoint.writerVersion,
        extra: [String: String] = [:]
    ) {
        self.init(
            kind: network.kind, hidden: network.hidden, mixtures: network.layout?.components,
            inputDimension: network.inputDimension, outputDimension: network.outputDimension,
            preset: preset, epochs: epochs, seed: seed, normalizer: normalizer, xNames: xNames, yNames: yNames,
            mdnxVersion: mdnxVersion, extra: extra, tensors: network.namedTensors())
    }
}
