import MDNCoreTestSupport
import Testing

@testable import MDNCore

@Suite struct HalfWeightsTests {
    @Test("round trip: every weight comes back as its nearest half-precision value")
    func roundTrip() {
        var rng = SeededRNG(seed: 3)
        let net = Network(kind: .mdn, hidden: [8, 8], mixtures: 4, rng: &rng)
        let half = HalfWeights(net)
        #expect(half.values.count == net.parameterCount)
        #expect(half.byteCount == 2 * net.parameterCount)
        let back = half.network(like: net)
        for (a, b) in zip(net.namedTensors(), back.namedTensors()) {
            #expect(a.name == b.name && a.shape == b.shape)
            for (x, y) in zip(a.values, b.values) {
                // Nearest binary16: relative error at most 2^-11 for normal values.
                #expect(abs(x - y) <= abs(x) * 0x1p-11 + 0x1p-24, "\(a.name): \(x) -> \(y)")
            }
        }
        #expect(HalfWeights(back) == half, "rounding twice changes nothing")
    }

    @Test("a trained MDN at half precision scores within 1e-3 nats of itself")
    func trainedModelKeepsItsScore() {
        let data = Datasets.spiral(count: 2000, seed: 4)
        var rng = SeededRNG(seed: 4)
        let net = Network(kind: .mdn, hidden: [128, 128], mixtures: 20, rng: &rng)
        let t = Trainer(network: net, data: data, config: TrainingConfig(maxEpochs: 15), seed: 4)
        t.fit()
        let half = HalfWeights(t.network).network(like: t.network)
        let full = Evaluation.meanNLL(network: t.network, dataset: data)
        let rounded = Evaluation.meanNLL(network: half, dataset: data)
        #expect(abs(full - rounded) < 1e-3, "NLL \(full) at full precision, \(rounded) at half")
    }
}
