/// A network's own loss on a data set in the units it was trained in: the trainer's
/// validation loss. (`mdnx eval` scores in the data's own units through `Predictor.score`.)
public enum Evaluation {
    /// The model's own loss on the data set, computed `workspace.capacity` rows at a time
    /// (the row-weighted mean of the chunks' mean losses); the trainer reuses one workspace.
    static func loss(network: Network, dataset: Dataset, workspace ws: NetworkWorkspace) -> Double {
        let n = dataset.count
        precondition(n > 0, "cannot score an empty data set")
        var total = 0.0
        for c in 0..<chunks(dataset, rows: ws.capacity) {
            total += chunkLoss(c, network: network, dataset: dataset, workspace: ws)
        }
        return total / Double(n)
    }

    /// Chunks of `rows` rows in the data set (the last one may be shorter).
    static func chunks(_ dataset: Dataset, rows: Int) -> Int {
        (dataset.count + rows - 1) / rows
    }

    /// Chunk `c` (rows c * capacity ..< (c + 1) * capacity) of `loss`'s sum: its mean loss
    /// times its rows. Chunks are independent, so threads may compute them in any order and
    /// `loss`'s in-order sum of them has the same bits (the trainer's validation does).
    static func chunkLoss(_ c: Int, network: Network, dataset: Dataset, workspace ws: NetworkWorkspace) -> Double {
        precondition(
            dataset.inputDimension == network.inputDimension, "data set input dimension does not match the network")
        precondition(
            dataset.outputDimension == network.outputDimension, "data set output dimension does not match the network")
        let start = c * ws.capacity
        precondition(start < dataset.count, "chunk \(c) is past the data set's \(dataset.count) rows")
        let rows = min(ws.capacity, dataset.count - start)
        return dataset.x.withUnsafeBufferPointer { xp in
            dataset.y.withUnsafeBufferPointer { yp in
                ws.loadInputs(xp.baseAddress! + start * dataset.inputDimension, rows: rows)
                ws.loadTargets(yp.baseAddress! + start * dataset.outputDimension, rows: rows)
                let out = network.forward(rows: rows, workspace: ws)
                return network.loss(output: out, rows: rows, workspace: ws, gradient: nil) * Double(rows)
            }
        }
    }
}
