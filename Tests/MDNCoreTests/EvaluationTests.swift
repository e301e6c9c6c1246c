import MDNCoreTestSupport
import Testing

@testable import MDNCore

@Suite struct EvaluationTests {
    /// The trainer's validation loss is computed a workspace at a time; the row-weighted mean
    /// of the chunks equals the loss of the whole batch at once (`Loss` on all predictions).
    @Test(arguments: [512, 100, 1300])
    func chunkedLossEqualsWholeBatchLoss(capacity: Int) {
        var rng = SeededRNG(seed: 8)
        let mdn = Network(kind: .mdn, hidden: [8], mixtures: 3, rng: &rng)
        let mse = Network(kind: .mse, hidden: [8], rng: &rng)
        let data = Datasets.bishop(count: 1300, seed: 4)  // 1300 rows: several chunks and a remainder
        let out = mdn.predict(data.x)
        let whole = out.withUnsafeBufferPointer { o in
            data.y.withUnsafeBufferPointer { y in
                Loss.mixtureNLL(
                    layout: mdn.layout!, parameters: o.baseAddress!, targets: y.baseAddress!, rows: 1300, gradient: nil)
            }
        }
        let chunkedNLL = Evaluation.loss(
            network: mdn, dataset: data, workspace: NetworkWorkspace(network: mdn, capacity: capacity))
        #expect(abs(chunkedNLL - whole) < 1e-6)
        #expect(abs(Evaluation.meanNLL(network: mdn, dataset: data) - whole) < 1e-12)
        let pred = mse.predict(data.x)
        let direct = zip(pred, data.y).reduce(0.0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) } / 1300
        let chunkedMSE = Evaluation.loss(
            network: mse, dataset: data, workspace: NetworkWorkspace(network: mse, capacity: capacity))
        #expect(abs(chunkedMSE - direct) < 1e-6)
        #expect(abs(Evaluation.meanSquaredError(network: mse, dataset: data) - direct) < 1e-9)
    }
}
