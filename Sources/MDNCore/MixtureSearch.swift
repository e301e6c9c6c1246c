/// Chooses the number of mixture components K from a ladder by validation NLL
/// (`mdnx train --mixtures auto`).
///
/// Each K of the ladder gets a short screening run (the full training configuration with its
/// budget cut to `screeningFraction`, see `screeningConfig`), scored by the NLL of every
/// validation row. The rule (`choose`) is the one-standard-error rule: `best` is the K with
/// the lowest mean validation NLL, and the choice is the smallest K whose mean is within one
/// standard error of the best's, the standard error being that of the per-row differences
/// between the two (paired on the same validation rows, so it measures what separates the
/// two models, not how hard the rows are). Fewer components are cheaper, easier to read and
/// overfit less, so a larger K has to earn its place by more than the validation noise.
///
/// The search itself only orders the screenings and applies the rule: the caller supplies
/// `screen` (train K for the screening budget and return its validation NLLs), so the same
/// unit serves `mdnx train` and the explorer. It reports progress through `progress` and
/// stops early (returning nil) when `shouldStop` returns true or `screen` returns nil.
///
/// Evidence (default preset, seeds 1-3; "regret" is the held-out NLL of the full run for the
/// chosen K minus the best held-out NLL of full runs over the whole ladder). Data: the spiral
/// (10,000 training rows, 10,000 held out), Bishop's (1,000 rows, 4,000 held out), and two
/// generated CSVs of 600 rows with 4,000 held out: heteroscedastic y = x/2 + N(0, (0.2 +
/// 0.3|x|)^2) (one component suffices) and bimodal y = +-(0.3 + x^2/3) + N(0, 0.15^2) (two).
/// - The ladder: full runs at K >= 5 scored within 0.01-0.04 nats of each other on the
///   spiral and Bishop's data, K <= 3 far worse on the spiral (+0.5 nats at K = 2); on the
///   small CSVs K = 20 overfits (+0.02 to +0.08 against the best K). Seven rungs from 1 to
///   20 cover both ends at about one full run of screening cost (`defaultScreeningFraction`).
/// - The rule, as implemented (`mdnx train --mixtures auto`): mean regret 0.005 nats over the
///   12 runs against 0.020 for K = 20 always; it chose K = 1 on the heteroscedastic set, 2-3
///   on the bimodal one, 5-20 on Bishop's and 5-12 on the spiral, and never lost more than
///   0.022 nats (the heteroscedastic set, where K = 20 lost 0.023-0.082).
public struct MixtureSearch: Sendable {
    /// The Ks tried by default.
    public static let defaultLadder = [1, 2, 3, 5, 8, 12, 20]
    /// The share of the full training budget each screening run gets by default: 1/8.
    ///
    /// Taking the K with the lowest screening NLL on the data above, the mean regret was
    /// 0.007 nats at 1/8 of the budget, 0.013 at 1/4 and 0.007 with full runs (1/16, tried on
    /// the three small sets: 0.016, with an undertrained K = 3 picked on Bishop's data, +0.09):
    /// short runs rank the Ks as well as full ones. Cost (CPU time of `mdnx train` with
    /// `--mixtures auto` over the normal run, on a shared and loaded 2-core machine): spiral
    /// 1.44-1.87x, Bishop's 1.44-2.02x, the 600-row CSVs 2.2-3.4x (their normal run early-stops
    /// within 0.3-0.5 s, while each screening runs its 75 epochs).
    public static let defaultScreeningFraction = 0.125

    /// The Ks to try, ascending, each at least 1.
    public let ladder: [Int]
    /// Share of the full budget (epochs, patience) each screening run gets, in (0, 1].
    public let screeningFraction: Double

    /// A search over `ladder` (ascending, distinct, each >= 1) with screening runs of
    /// `screeningFraction` of the full budget.
    public init(ladder: [Int] = MixtureSearch.defaultLadder, screeningFraction: Double = defaultScreeningFraction) {
        precondition(!ladder.isEmpty, "the ladder needs at least one K")
        precondition(ladder.allSatisfy { $0 >= 1 }, "every K of the ladder must be at least 1")
        precondition(
            zip(ladder, ladder.dropFirst()).allSatisfy { $0 < $1 }, "the ladder must be ascending and distinct")
        precondition(screeningFraction > 0 && screeningFraction <= 1, "the screening fraction must be in (0, 1]")
        self.ladder = ladder
        self.screeningFraction = screeningFraction
    }

    /// What one screening run produced.
    public struct Screening: Sendable, Equatable {
        /// The K trained.
        public var mixtures: Int
        /// Negative log-likelihood of every validation row (the same rows, in the same order,
        /// for every K), nats.
        public var validationNLL: [Double]
        /// Epochs the screening run trained.
        public var epochs: Int
        /// Its wall time, seconds.
        public var seconds: Double

        /// A screening result.
        public init(mixtures: Int, validationNLL: [Double], epochs: Int, seconds: Double) {
            self.mixtures = mixtures
            self.validationNLL = validationNLL
            self.epochs = epochs
            self.seconds = seconds
        }

        /// Mean validation NLL (+inf if any row's is not finite: a diverged run never wins).
        public var meanNLL: Double {
            guard !validationNLL.isEmpty, validationNLL.allSatisfy(\.isFinite) else { return .infinity }
            return validationNLL.reduce(0, +) / Double(validationNLL.count)
        }
    }

    /// One K of the ladder as reported.
    public struct Rung: Sendable, Equatable {
        /// The K.
        public var mixtures: Int
        /// Mean validation NLL of its screening run, nats (+inf if it diverged).
        public var validationNLL: Double
        /// Standard error of its mean's difference from the best K's (0 for the best).
        public var standardError: Double
        /// Epochs the screening run trained.
        public var epochs: Int
        /// Wall time of the screening run, seconds.
        public var seconds: Double
    }

    /// The outcome: the chosen K, the K with the lowest validation NLL, and every rung.
    public struct Choice: Sendable, Equatable {
        /// The smallest K within one standard error of the best.
        public var chosen: Int
        /// The K with the lowest mean validation NLL.
        public var best: Int
        /// Every K of the ladder, in ladder order.
        public var rungs: [Rung]
    }

    /// Progress of a search.
    public enum Event: Sendable, Equatable {
        /// Screening of `mixtures` starts (`index` 0-based, of `count`).
        case started(mixtures: Int, index: Int, count: Int)
        /// Screening of `mixtures` finished.
        case finished(Screening, index: Int, count: Int)
    }

    /// Screens every K of the ladder in order and chooses; nil if cancelled (`shouldStop`
    /// returned true before a screening, or `screen` returned nil) or if no K reached a
    /// finite validation NLL.
    public func run(
        shouldStop: () -> Bool = { false }, progress: (Event) -> Void = { _ in },
        screen: (Int) throws -> Screening?
    ) rethrows -> Choice? {
        var screenings: [Screening] = []
        for (index, k) in ladder.enumerated() {
            if shouldStop() { return nil }
            progress(.started(mixtures: k, index: index, count: ladder.count))
            guard let s = try screen(k) else { return nil }
            precondition(s.mixtures == k, "screen(\(k)) returned a screening of K = \(s.mixtures)")
            screenings.append(s)
            progress(.finished(s, index: index, count: ladder.count))
        }
        return Self.choose(screenings)
    }

    /// The one-standard-error rule over `screenings` (see the type's notes); nil if none is
    /// finite. All must score the same validation rows.
    public static func choose(_ screenings: [Screening]) -> Choice? {
        guard let rows = screenings.first?.validationNLL.count else { return nil }
        precondition(
            screenings.allSatisfy { $0.validationNLL.count == rows }, "every screening must score the same rows")
        let means = screenings.map(\.meanNLL)
        guard let bestIndex = means.indices.filter({ means[$0].isFinite }).min(by: { means[$0] < means[$1] }) else {
            return nil
        }
        let best = screenings[bestIndex]
        var rungs: [Rung] = []
        var chosen: Int? = nil
        for (i, s) in screenings.enumerated() {
            let se = i == bestIndex ? 0 : pairedStandardError(s.validationNLL, best.validationNLL)
            rungs.append(
                Rung(
                    mixtures: s.mixtures, validationNLL: means[i], standardError: se, epochs: s.epochs,
                    seconds: s.seconds))
            if means[i].isFinite && means[i] <= means[bestIndex] + se {
                chosen = chosen.map { Swift.min($0, s.mixtures) } ?? s.mixtures
            }
        }
        return Choice(chosen: chosen ?? best.mixtures, best: best.mixtures, rungs: rungs)
    }

    /// The standard error of the mean of a - b (element-wise): sample std / sqrt(n); +inf for
    /// fewer than two rows or non-finite values.
    static func pairedStandardError(_ a: [Double], _ b: [Double]) -> Double {
        let n = a.count
        guard n >= 2, a.allSatisfy(\.isFinite) else { return .infinity }
        var mean = 0.0
        for i in 0..<n { mean += a[i] - b[i] }
        mean /= Double(n)
        var ss = 0.0
        for i in 0..<n {
            let e = a[i] - b[i] - mean
            ss += e * e
        }
        return (ss / Double(n - 1) / Double(n)).squareRoot()
    }

    /// `config` with its budget cut to `screeningFraction`: maximum epochs, early-stopping
    /// and plateau patience scaled (each at least 1), so the learning-rate schedule runs its
    /// whole course in the shorter run.
    public func screeningConfig(_ config: TrainingConfig) -> TrainingConfig {
        func scaled(_ n: Int) -> Int { Swift.max(1, Int((Double(n) * screeningFraction).rounded())) }
        var c = config
        c.maxEpochs = scaled(config.maxEpochs)
        if let p = config.earlyStopping?.patience { c.earlyStopping?.patience = scaled(p) }
        if let p = config.reduceLROnPlateau?.patience { c.reduceLROnPlateau?.patience = scaled(p) }
        return c
    }

    /// The screening run of K = `mixtures` on `data` (in the data's units): `recipe` with that
    /// K and its configuration cut by `screeningConfig`. Weights, batch order and scaling follow
    /// the recipe's seed rule, so the screening starts where the full run with that K starts.
    public func screeningTrainer(_ recipe: TrainerRecipe, mixtures: Int, data: Dataset) -> PreparedTrainer {
        var recipe = recipe
        recipe.mixtures = mixtures
        return recipe.trainer(.mdn, data: data, config: screeningConfig(recipe.config(for: .mdn, rows: data.count)))
    }

    /// Trains `trainer` (an mdn, set up with `screeningConfig`) to the end and scores its
    /// validation rows: per-row NLL plus `nllOffset` (e.g. `Normalizer.logJacobian`, to
    /// report in the data's units). Nil if `shouldStop` fired. `onEpoch` sees every epoch
    /// (for live curves). The trainer needs validation rows.
    public static func screen(
        _ trainer: Trainer, nllOffset: Double = 0, shouldStop: () -> Bool = { false },
        onEpoch: (EpochReport) -> Void = { _ in }
    ) -> Screening? {
        precondition(trainer.network.kind == .mdn, "screening trains an mdn")
        guard let validation = trainer.validationData else {
            preconditionFailure("screening needs validation rows")
        }
        let summary = trainer.fit(shouldStop: shouldStop, onEpoch: onEpoch)
        if summary.stopReason == .cancelled { return nil }
        let network = trainer.network
        let batch = MixtureBatch(layout: network.layout!, rows: network.predict(validation.x))
        return Screening(
            mixtures: network.layout!.components,
            validationNLL: batch.logDensities(y: validation.y).map { nllOffset - $0 },
            epochs: summary.epochs, seconds: summary.milliseconds / 1000)
    }
}
