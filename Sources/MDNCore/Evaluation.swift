/// Held-out scores of trained networks (used by `mdnx eval` and the preset checks).
public enum Evaluation {
    /// Mean negative log-likelihood (nats, including 0.5*log(2 pi) per dimension) of the
    /// data set's targets under an MDN.
    public static func meanNLL(network: Network, dataset: Dataset) -> Double {
        precondition(network.kind == .mdn, "meanNLL needs an mdn network")
        return batchedMean(network: network, dataset: dataset) { out, y, rows in
            Loss.mixtureNLL(layout: network.layout!, parameters: out, targets: y, rows: rows, gradient: nil)
        }
    }

    /// Mean squared error (over rows and output dimensions) of an mse network's predictions.
    public static func meanSquaredError(network: Network, dataset: Dataset) -> Double {
        precondition(network.kind == .mse, "meanSquaredError needs an mse network")
        return batchedMean(network: network, dataset: dataset) { out, y, rows in
            Loss.meanSquaredError(predictions: out, targets: y, count: rows * network.outputDimension, gradient: nil)
        }
    }

    /// The model's own loss on the data set (NLL for mdn, MSE for mse).
    public static func loss(network: Network, dataset: Dataset) -> Double {
        network.kind == .mdn ? meanNLL(network: network, dataset: dataset)
                             : meanSquaredError(network: network, dataset: dataset)
    }

    /// Row-weighted mean of a per-chunk mean loss over the data set.
    static func batchedMean(network: Network, dataset: Dataset,
                            workspace: NetworkWorkspace? = nil,
                            _ chunkLoss: (UnsafePointer<Float>, UnsafePointer<Float>, Int) -> Double) -> Double {
        precondition(dataset.inputDimension == network.inputDimension, "data set input dimension does not match the network")
        precondition(dataset.outputDimension == network.outputDimension, "data set output dimension does not match the network")
        let n = dataset.count
        precondition(n > 0, "cannot score an empty data set")
        let chunk = 512
        let ws = workspace ?? NetworkWorkspace(network: network, capacity: min(n, chunk))
        var total = 0.0
        dataset.x.withUnsafeBufferPointer { xp in
            dataset.y.withUnsafeBufferPointer { yp in
                var start = 0
                while start < n {
                    let rows = min(ws.capacity, n - start)
                    let out = network.forward(xp.baseAddress! + start * dataset.inputDimension, rows: rows, workspace: ws)
                    total += chunkLoss(out, yp.baseAddress! + start * dataset.outputDimension, rows) * Double(rows)
                    start += rows
                }
            }
        }
        return total / Double(n)
    }

    /// The model's own loss on the data set, reusing a workspace (trainer's validation).
    static func batchedMean(network: Network, dataset: Dataset, workspace: NetworkWorkspace) -> Double {
        if network.kind == .mdn {
            return batchedMean(network: network, dataset: dataset, workspace: workspace) { out, y, rows in
                Loss.mixtureNLL(layout: network.layout!, parameters: out, targets: y, rows: rows, gradient: nil)
            }
        }
        return batchedMean(network: network, dataset: dataset, workspace: workspace) { out, y, rows in
            Loss.meanSquaredError(predictions: out, targets: y, count: rows * network.outputDimension, gradient: nil)
        }
    }
}
