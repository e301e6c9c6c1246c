import Testing

@testable import MDNCore

@Suite struct TrainingHistoryTests {
    /// A network of the default preset's shape (1-128-128-out).
    static func network(_ kind: ModelKind, mixtures: Int = 20, seed: UInt64 = 1) -> Network {
        var rng = SeededRNG(seed: seed)
        return Network(kind: kind, hidden: [128, 128], mixtures: mixtures, rng: &rng)
    }

    static func report(_ epoch: Int, loss: Double, valLoss: Double? = nil) -> EpochReport {
        EpochReport(epoch: epoch, loss: loss, valLoss: valLoss, learningRate: 1e-3, milliseconds: 1)
    }

    /// A timeline of `epochs` epochs whose weights are the template's with weight 0 set to the
    /// epoch number (so each epoch's weights are told apart).
    static func timeline(_ kind: ModelKind, epochs: Int, generation: Int = 0) -> ModelTimeline {
        let template = network(kind)
        var t = ModelTimeline(template: template, normalizer: .identity(), generation: generation)
        for e in 1...max(1, epochs) where epochs > 0 {
            var net = template
            net.trunk.layers[0].weights.storage[0] = Float(e)
            t.record(
                report(e, loss: 10 - Double(e) * 0.001, valLoss: 5 + Double((e * 37) % 11)), weights: HalfWeights(net))
        }
        return t
    }

    @Test("the network of an epoch is that epoch's weights; epoch 0 is the template")
    func networkAtEpoch() {
        let t = Self.timeline(.mse, epochs: 5)
        for e in 1...5 {
            let (net, epoch) = t.network(atEpoch: e)
            #expect(epoch == e && net.trunk.layers[0].weights.storage[0] == Float(e))
        }
        #expect(t.network(atEpoch: 0).epoch == 0 && t.network(atEpoch: 0).network == t.template)
        #expect(t.network(atEpoch: 99).epoch == 5, "clamped to the last epoch")
        #expect(t.count == 5 && t.lastEpoch == 5 && !t.isFinished)
    }

    @Test("best epoch: lowest monitored value, or the restored one")
    func bestEpoch() {
        var t = Self.timeline(.mdn, epochs: 12)
        // val_loss = 5 + (37 e mod 11): e = 3 gives 111 mod 11 = 1, e = 6 gives 222 mod 11 = 2,
        // and 37 e mod 11 = 0 first at e = 11.
        #expect(t.bestEpoch == 11)
        t.finish(.earlyStopping, restoredEpoch: 3)
        #expect(t.bestEpoch == 3 && t.isFinished && t.finalNetwork.epoch == 3)
    }

    @Test("the default preset's full run at K = 20 fits in 64 MB without thinning")
    func defaultRunFitsTheBudget() {
        var h = TrainingHistory()
        h.begin(Self.timeline(.mse, epochs: 250))
        h.begin(Self.timeline(.mdn, epochs: 600))
        // Independent count: 2 bytes per parameter per epoch; parameters of 1-128-128-1 and
        // 1-128-128-60: (2 x 128) + (128 x 128 + 128) + (128 + 1) = 16,897 and
        // 256 + 16,512 + (128 x 60 + 60) = 24,508.
        let weights = 250 * 16_897 * 2 + 600 * 24_508 * 2
        #expect(h.byteCount >= weights && h.byteCount < weights + 1_000_000)
        #expect(h.byteCount <= 64 << 20)
        #expect(h.mse?.weightStride == 1 && h.mdn?.weightStride == 1)
        #expect(h.epochCount == 600)
    }

    @Test("over the budget, epochs are thinned; first, last and best keep their weights")
    func thinning() {
        let budget = 8 << 20
        var h = TrainingHistory(byteBudget: budget)
        h.begin(ModelTimeline(template: Self.network(.mdn), normalizer: .identity()))
        let template = Self.network(.mdn)
        for e in 1...1000 {
            var net = template
            net.trunk.layers[0].weights.storage[0] = Float(e)
            h.record(.mdn, Self.report(e, loss: 1, valLoss: e == 333 ? 0 : 1), weights: HalfWeights(net))
            #expect(h.byteCount <= budget)
        }
        let t = h.mdn!
        #expect(t.count == 1000, "every epoch's report stays")
        #expect(t.weightStride > 1)
        for e in [1, 333, 1000] { #expect(t.entry(epoch: e)?.weights != nil, "epoch \(e) keeps its weights") }
        // A thinned epoch shows the nearest earlier epoch with weights.
        let thinned = (2...999).first { t.entry(epoch: $0)?.weights == nil }!
        let (net, shown) = t.network(atEpoch: thinned)
        #expect(shown < thinned && net.trunk.layers[0].weights.storage[0] == Float(shown))
    }

    @Test("a restart keeps the old MDN timeline until the next one")
    func restartKeepsPrevious() {
        var h = TrainingHistory()
        h.begin(Self.timeline(.mdn, epochs: 3, generation: 0))
        h.begin(Self.timeline(.mdn, epochs: 2, generation: 1))
        #expect(h.previousMDN?.generation == 0 && h.mdn?.generation == 1)
        h.begin(Self.timeline(.mdn, epochs: 0, generation: 2))
        #expect(h.previousMDN?.generation == 1 && h.mdn?.generation == 2 && h.mdn?.count == 0)
        h.begin(Self.timeline(.mse, epochs: 4))
        #expect(h.epochCount == 4 && h[.mse]?.count == 4 && h[.mdn]?.count == 0)
    }

    @Test("predictions of an epoch are in the data's units")
    func predictionsInDataUnits() {
        let data = Datasets.spiral(count: 500, seed: 1)
        let normalizer = Normalizer(fitting: data)
        let template = Self.network(.mdn, mixtures: 3)
        var t = ModelTimeline(template: template, normalizer: normalizer)
        t.record(Self.report(1, loss: 0.5), weights: HalfWeights(template))
        let x: [Float] = [0.5, 2, 4]
        let rounded = HalfWeights(template).network(like: template)
        let expected = normalizer.denormalize(
            MixtureBatch(layout: MixtureLayout(components: 3), rows: rounded.predict(normalizer.normalizeX(x))))
        #expect(t.mixtures(atEpoch: 1, x: x) == expected)
        #expect(t.inDataUnits(Self.report(1, loss: 0.5)).loss == 0.5 + normalizer.logJacobian)
    }
}
