import Testing

@testable import MDNCore

@Suite struct EvaluationTests {
    @Test func chunkedScoresEqualWholeBatchLoss() {
        var rng = SeededRNG(seed: 8)
        let mdn = Network(kind: .mdn, hidden: [8], mixtures: 3, rng: &rng)
        let mse = Network(kind: .mse, hidden: [8], rng: &rng)
        let data = Datasets.bishop(count: 1300, seed: 4)  // 1300 rows: chunks of 512 + remainder
        let out = mdn.predict(data.x)
        let whole = out.withUnsafeBufferPointer { o in
            data.y.withUnsafeBufferPointer { y in
                Loss.mixtureNLL(
                    layout: mdn.layout!, parameters: o.baseAddress!, targets: y.baseAddress!, rows: 1300, gradient: nil)
            }
        }
        #expect(abs(Evaluation.meanNLL(network: mdn, dataset: data) - whole) < 1e-6)
        let pred = mse.predict(data.x)
        let direct = zip(pred, data.y).reduce(0.0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) } / 1300
        #expect(abs(Evaluation.meanSquaredError(network: mse, dataset: data) - direct) < 1e-6)
    }
}
