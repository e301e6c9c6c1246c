import MDNCore

/// A trained network from a checkpoint, answering in the user's units: it normalises x with
/// the checkpoint's `Normalizer`, runs the network, and maps the outputs back (mixture means
/// and sigmas, or mse predictions).
public struct Predictor: Sendable {
    /// The checkpoint the network came from.
    public let checkpoint: Checkpoint
    /// The rebuilt network.
    public let network: Network

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

extension Checkpoint {
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
