import MDNCoreTestSupport
import Testing

@testable import MDNCore

@Suite struct MixtureSearchTests {
    /// A screening with the given per-row validation NLLs.
    private func screening(_ k: Int, _ nll: [Double]) -> MixtureSearch.Screening {
        MixtureSearch.Screening(mixtures: k, validationNLL: nll, epochs: 10, seconds: 0.5)
    }

    /// K=3 is best (all rows 0). K=2's differences from it, [0.05, -0.05, 0.15, -0.05], have
    /// mean 0.025 and sample variance (0.025^2 + 0.075^2 + 0.125^2 + 0.075^2) / 3 =
    /// 0.0275 / 3, so a standard error of sqrt(0.0275 / 12) = 0.047871: within one standard
    /// error, so K=2 is chosen. K=1 (+1 on every row, standard error 0) is not within; K=5
    /// is within too but larger.
    @Test func oneStandardErrorRule() throws {
        let choice = try #require(
            MixtureSearch.choose([
                screening(1, [1, 1, 1, 1]), screening(2, [0.05, -0.05, 0.15, -0.05]),
                screening(3, [0, 0, 0, 0]), screening(5, [0.01, 0.01, 0.01, 0.01]),
            ]))
        #expect(choice.best == 3)
        #expect(choice.chosen == 2)
        #expect(choice.rungs.map(\.mixtures) == [1, 2, 3, 5])
        #expect(abs(choice.rungs[1].standardError - 0.047_871_355_387_816_9) < 1e-12)
        #expect(abs(choice.rungs[1].validationNLL - 0.025) < 1e-15)
        #expect(choice.rungs[0].standardError == 0 && choice.rungs[2].standardError == 0)
        #expect(choice.rungs.allSatisfy { $0.epochs == 10 && $0.seconds == 0.5 })
    }

    @Test func aClearWinnerIsChosen() throws {
        // K=2 is worse by 0.5 on every row but one: far outside one standard error.
        let choice = try #require(
            MixtureSearch.choose([screening(1, [2, 2, 2]), screening(2, [0.5, 0.5, 0.6]), screening(3, [0, 0, 0])]))
        #expect(choice.chosen == 3 && choice.best == 3)
    }

    @Test func divergedRunsNeverWin() throws {
        let choice = try #require(
            MixtureSearch.choose([screening(1, [.nan, 0]), screening(2, [3, 3]), screening(3, [-.infinity, 1])]))
        #expect(choice.best == 2 && choice.chosen == 2)
        #expect(choice.rungs[0].validationNLL == .infinity)
        #expect(MixtureSearch.choose([screening(1, [.nan]), screening(2, [.infinity])]) == nil)
    }

    @Test func runReportsProgressAndStops() throws {
        let search = MixtureSearch(ladder: [1, 2, 4], screeningFraction: 0.5)
        var events: [MixtureSearch.Event] = []
        var screened: [Int] = []
        let choice = search.run(
            progress: { events.append($0) },
            screen: { k in
                screened.append(k)
                return screening(k, [Double(abs(k - 2)), Double(abs(k - 2)) + 0.1])
            })
        #expect(screened == [1, 2, 4])
        #expect(choice?.chosen == 2)
        #expect(events.count == 6)
        #expect(events.first == .started(mixtures: 1, index: 0, count: 3))
        #expect(events.last == .finished(screening(4, [2, 2.1]), index: 2, count: 3))

        // shouldStop after two screenings: the third never starts.
        screened = []
        let stopped = search.run(
            shouldStop: { screened.count == 2 },
            screen: { k in
                screened.append(k)
                return screening(k, [0])
            })
        #expect(stopped == nil && screened == [1, 2])
        // A screening that is cancelled (nil) ends the search.
        #expect(search.run { k in k == 2 ? nil : screening(k, [0]) } == nil)
    }

    @Test func screeningConfigCutsTheBudget() {
        let full = TrainingConfig(
            maxEpochs: 600, earlyStopping: EarlyStoppingConfig(monitor: .valLoss, patience: 150),
            reduceLROnPlateau: ReduceLROnPlateauConfig(monitor: .loss, patience: 5),
            schedule: .cosine(finalFactor: 0.01))
        let c = MixtureSearch().screeningConfig(full)
        #expect(c.maxEpochs == 75)
        #expect(c.earlyStopping?.patience == 19)  // 150 / 8 = 18.75
        #expect(c.reduceLROnPlateau?.patience == 1)  // 5 / 8 rounds to 1, never 0
        #expect(c.schedule == full.schedule && c.learningRate == full.learningRate)
        #expect(MixtureSearch(screeningFraction: 1).screeningConfig(full) == full)
    }

    /// A screening run is the recipe with its K and the screening budget: the weights, scaling
    /// and batch order of the full run with that K (so `--mixtures auto` keeps the seed rule).
    @Test func screeningTrainerFollowsTheRecipe() {
        let data = Datasets.spiral(count: 400, seed: 9)
        let recipe = TrainerRecipe(
            preset: .default, seed: 7, normalization: NormalizationPolicy(zscore: true),
            overrides: TrainingOverrides(maxEpochs: 16))
        let search = MixtureSearch()
        let screening = search.screeningTrainer(recipe, mixtures: 3, data: data)
        var withK = recipe
        withK.mixtures = 3
        let full = withK.trainer(.mdn, data: data)
        #expect(screening.trainer.network == full.trainer.network)
        #expect(screening.trainer.network.layout?.components == 3)
        #expect(screening.normalizer == full.normalizer)
        #expect(screening.trainer.config == search.screeningConfig(full.trainer.config))
        #expect(screening.trainer.config.maxEpochs == 2)
        // Built by hand from the recipe's ingredients (batch order from seed + 1), it trains the same weights.
        let byHand = Trainer(
            network: withK.network(.mdn, inputDimension: 1, outputDimension: 1, rows: 400),
            data: full.normalizer.normalize(data), config: screening.trainer.config, seed: 8)
        screening.trainer.fit()
        byHand.fit()
        #expect(screening.trainer.network == byHand.network)
    }

    /// `screen` trains to the end and scores every validation row; their mean equals the
    /// trainer's own loss on those rows (computed by `Network.loss`, another code path), plus
    /// the offset.
    @Test func screenScoresTheValidationRows() throws {
        let data = Datasets.bishop(count: 400, seed: 2)
        var rng = SeededRNG(seed: 1)
        let network = Network(kind: .mdn, hidden: [8], mixtures: 3, rng: &rng)
        let trainer = Trainer(
            network: network, data: data, config: TrainingConfig(maxEpochs: 4, validationSplit: 0.25), seed: 2)
        var epochs: [Int] = []
        let s = try #require(MixtureSearch.screen(trainer, nllOffset: 0.75, onEpoch: { epochs.append($0.epoch) }))
        #expect(s.mixtures == 3 && s.epochs == 4 && epochs == [1, 2, 3, 4])
        #expect(s.validationNLL.count == 100)
        let validation = try #require(trainer.validationData)
        #expect(validation == data.rows(300..<400))
        let loss = Evaluation.meanNLL(network: trainer.network, dataset: validation)
        #expect(abs(s.meanNLL - (loss + 0.75)) < 1e-5)

        // A stop request cancels it.
        let again = Trainer(
            network: Network(kind: .mdn, hidden: [8], mixtures: 3, rng: &rng), data: data,
            config: TrainingConfig(maxEpochs: 4, validationSplit: 0.25), seed: 2)
        #expect(MixtureSearch.screen(again, shouldStop: { true }) == nil)
    }
}
