/// A network's own loss on a data set in the units it was trained in: the trainer's
/// validation loss. (`mdnx eval` scores in the data's own units through `Predictor.score`.)
public enum Evaluation {
    /// The model's own loss on the data set, computed `workspace.capacity` rows at a time
    /// (the row-weighted mean of the chunks' mean losses); the trainer reuses one workspace.
    static func loss(network: Network, dataset: Dataset, workspace ws: NetworkWorkspace) -> Double {
        precondition(
            dataset.inputDimension == network.inputDimension, "data set input dimension does not match the network")
        precondition(
            dataset.outputDimension == network.outputDimension, "data set output dimension does not match the network")
        let n = dataset.count
        precondition(n > 0, "cannot score an empty data set")
        var total = 0.0
        dataset.x.withUnsafeBufferPointer { xp in
            dataset.y.withUnsafeBufferPointer { yp in
                var start = 0
                while start < n {
                    let rows = min(ws.capacity, n - start)
                    ws.loadInputs(xp.baseAddress! + start * dataset.inputDimension, rows: rows)
                    ws.loadTargets(yp.baseAddress! + start * dataset.outputDimension, rows: rows)
                    let out = network.forward(rows: rows, workspace: ws)
                    total += network.loss(output: out, rows: rows, workspace: ws, gradient: nil) * Double(rows)
                    start += rows
                }
            }
        }
        return total / Double(n)
    }
}
