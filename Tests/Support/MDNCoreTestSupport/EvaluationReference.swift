import MDNCore

/// Whole-batch scores of a network, which tests compare the trainer's chunked validation
/// loss against (`Evaluation.loss(network:dataset:workspace:)`).
extension Evaluation {
    /// The network's own loss on the data set in one batch (NLL for mdn, MSE for mse): its
    /// predictions for every row, scored by `Loss`.
    public static func loss(network: Network, dataset: Dataset) -> Double {
        precondition(dataset.count > 0, "cannot score an empty data set")
        let output = network.predict(dataset.x)
        return output.withUnsafeBufferPointer { o in
            dataset.y.withUnsafeBufferPointer { y in
                switch network.kind {
                case .mse:
                    return Loss.meanSquaredError(
                        predictions: o.baseAddress!, targets: y.baseAddress!, count: y.count, gradient: nil)
                case .mdn:
                    return Loss.mixtureNLL(
                        layout: network.layout!, parameters: o.baseAddress!, targets: y.baseAddress!,
                        rows: dataset.count, gradient: nil)
                }
            }
        }
    }

    /// Mean negative log-likelihood (nats, including 0.5*log(2 pi) per dimension) of the data
    /// set's targets under an MDN.
    public static func meanNLL(network: Network, dataset: Dataset) -> Double {
        precondition(network.kind == .mdn, "meanNLL needs an mdn network")
        return loss(network: network, dataset: dataset)
    }

    /// Mean squared error (over rows and output dimensions) of an mse network's predictions.
    public static func meanSquaredError(network: Network, dataset: Dataset) -> Double {
        precondition(network.kind == .mse, "meanSquaredError needs an mse network")
        return loss(network: network, dataset: dataset)
    }
}
