import Dispatch
import Foundation
import MDNCore
import Synchronization

/// What a training session trains on and how.
public struct SessionConfig: Sendable {
    /// The training data (one input and one output column).
    public var data: Dataset
    /// Mixture components K.
    public var mixtures: Int
    /// Training preset.
    public var preset: Preset
    /// Seed for weights and shuffling.
    public var seed: UInt64
    /// Points on the MSE curve's x grid.
    public var curvePoints: Int = 200
    /// x values the MDN's mixture parameters are computed for.
    public var mixturePoints: Int = 3000
    /// The data is the user's (a CSV) rather than a built-in set; with the preset this
    /// decides the scaling (see `normalization`).
    public var isUserData: Bool = false
    /// Changes to the preset's training configuration (none in the explorer today; tests
    /// set a few epochs).
    public var overrides = TrainingOverrides()

    /// How the data are scaled for training: `NormalizationPolicy.automatic`, the rule
    /// `mdnx train` uses by default (z-score fitted on each model's training rows, except
    /// built-in data under the tutorial preset). Predictions are mapped back to the data's units.
    public var normalization: NormalizationPolicy { .automatic(preset: preset, isUserData: isUserData) }

    /// How the session makes its trainers: the recipe `mdnx train` uses, with this preset,
    /// K, seed and scaling, so that the same seed trains the same models in both.
    public var recipe: TrainerRecipe {
        TrainerRecipe(
            preset: preset, mixtures: mixtures, seed: seed, normalization: normalization, overrides: overrides)
    }

    /// Creates a configuration.
    public init(data: Dataset, mixtures: Int, preset: Preset, seed: UInt64) {
        self.data = data
        self.mixtures = mixtures
        self.preset = preset
        self.seed = seed
    }
}

/// Trains the MSE network and the MDN on a background queue, interleaving their epochs, and
/// publishes a `Snapshot` after every epoch. The UI never waits on it and it never waits on
/// the UI: the newest snapshot sits behind a Mutex, control flags are atomics.
public final class TrainingSession: Sendable {
    /// The configuration the session started with.
    public let config: SessionConfig
    private let latestSnapshot: Mutex<Snapshot>
    private let stopRequested = Atomic<Bool>(false)
    private let pauseRequested = Atomic<Bool>(false)
    private let running = Atomic<Bool>(false)
    /// K for an MDN restart the loop has not picked up yet (0: none).
    private let pendingMixtures = Atomic<Int>(0)
    private let queue = DispatchQueue(label: "mdnx.training", qos: .userInitiated)
    private let done = DispatchSemaphore(value: 0)

    /// Creates a session; call `start()` to begin.
    public init(config: SessionConfig) {
        self.config = config
        latestSnapshot = Mutex(Snapshot(seed: config.seed, mixtures: config.mixtures))
    }

    /// The newest snapshot (a copy; cheap, arrays are shared).
    public var snapshot: Snapshot { latestSnapshot.withLock { $0 } }
    /// The newest snapshot's sequence number.
    public var sequence: Int { latestSnapshot.withLock { $0.sequence } }
    /// Training is paused.
    public var isPaused: Bool { pauseRequested.load(ordering: .relaxed) }
    /// The training loop is still running (not stopped).
    public var isRunning: Bool { running.load(ordering: .acquiring) }

    /// Starts training on the background queue.
    public func start() {
        running.store(true, ordering: .releasing)
        let config = self.config
        queue.async { [self] in
            self.run(config)
            self.running.store(false, ordering: .releasing)
            self.done.signal()
        }
    }

    /// Pauses after the current epoch.
    public func pause() { pauseRequested.store(true, ordering: .relaxed) }
    /// Resumes.
    public func resume() { pauseRequested.store(false, ordering: .relaxed) }

    /// Replaces the MDN with a fresh one of K components; the MSE model keeps its progress.
    public func restartMDN(mixtures: Int) {
        precondition(mixtures >= 1, "K must be at least 1")
        pendingMixtures.store(mixtures, ordering: .releasing)
    }

    /// Asks the loop to stop and waits (up to `timeout` seconds) for the current epoch to end.
    @discardableResult
    public func stop(timeout: Double = 5) -> Bool {
        stopRequested.store(true, ordering: .releasing)
        guard running.load(ordering: .acquiring) else { return true }
        return done.wait(timeout: .now() + timeout) == .success
    }

    /// An epoch report with its losses in the data's units: MSE times the target variance,
    /// NLL plus the normaliser's log-Jacobian, so a reference NLL in data units compares.
    static func inDataUnits(_ report: EpochReport, kind: ModelKind, normalizer: Normalizer) -> EpochReport {
        var r = report
        r.loss = normalizer.lossInDataUnits(r.loss, kind: kind)
        r.valLoss = r.valLoss.map { normalizer.lossInDataUnits($0, kind: kind) }
        return r
    }

    /// The training loop. The trainers are created here, on the training queue, and never leave it.
    private func run(_ config: SessionConfig) {
        let msePrepared = Self.makeTrainer(.mse, config: config)
        let mdnPrepared = Self.makeTrainer(.mdn, config: config)
        let (mse, mseNormalizer) = (msePrepared.trainer, msePrepared.normalizer)
        // K changes neither the MDN's training rows nor its scaling: a restart keeps the normaliser.
        var mdn = mdnPrepared.trainer
        let mdnNormalizer = mdnPrepared.normalizer
        let (lo, hi) = xRange(config.data)
        let curveX = grid(lo, hi, config.curvePoints)
        let mixtureX = grid(lo, hi, config.mixturePoints)
        let curveInput = mseNormalizer.normalizeX(curveX)
        let mixtureInput = mdnNormalizer.normalizeX(mixtureX)
        var mixtures = config.mixtures
        var snap = Snapshot(seed: config.seed, mixtures: mixtures)
        snap.curveX = curveX
        snap.mixtureX = mixtureX
        snap.curveY = mseNormalizer.denormalizeY(mse.network.predict(curveInput))
        publish(&snap)
        var steps = 0
        var activeSeconds = 0.0
        var turnMDN = false
        let interrupted: () -> Bool = { [self] in
            stopRequested.load(ordering: .relaxed) || pendingMixtures.load(ordering: .relaxed) != 0
        }
        while !stopRequested.load(ordering: .acquiring) {
            let k = pendingMixtures.exchange(0, ordering: .acquiring)
            if k > 0 {
                mixtures = k
                mdn = Self.makeTrainer(.mdn, config: config, mixtures: k).trainer
                snap.mixtures = k
                snap.mdn = ModelProgress()
                snap.mixtureRows = nil
                publish(&snap)
            }
            if pauseRequested.load(ordering: .relaxed) || (mse.isFinished && mdn.isFinished) {
                usleep(20_000)
                continue
            }
            // Alternate epochs; a finished model gives its turns to the other.
            let useMDN = mse.isFinished ? true : (mdn.isFinished ? false : turnMDN)
            turnMDN.toggle()
            let started = DispatchTime.now().uptimeNanoseconds
            let trainer = useMDN ? mdn : mse
            // Cancelled mid-epoch (stop or a new K): drop the partial epoch.
            guard let report = trainer.runEpoch(interruptIf: interrupted) else { continue }
            if useMDN {
                snap.mdn.record(
                    Self.inDataUnits(report, kind: .mdn, normalizer: mdnNormalizer),
                    finished: mdn.isFinished, stopReason: mdn.stopReason)
                let rows = MixtureBatch(
                    layout: MixtureLayout(components: mixtures), rows: mdn.network.predict(mixtureInput))
                snap.mixtureRows = mdnNormalizer.denormalize(rows)
            } else {
                snap.mse.record(
                    Self.inDataUnits(report, kind: .mse, normalizer: mseNormalizer),
                    finished: mse.isFinished, stopReason: mse.stopReason)
                snap.curveY = mseNormalizer.denormalizeY(mse.network.predict(curveInput))
            }
            steps += trainer.stepsPerEpoch
            activeSeconds += Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            snap.stepsPerSecond = activeSeconds > 0 ? Double(steps) / activeSeconds : 0
            publish(&snap)
        }
    }

    private func publish(_ snap: inout Snapshot) {
        snap.sequence += 1
        let copy = snap
        latestSnapshot.withLock { $0 = copy }
    }

    /// The trainer of `kind` for this session, as `mdnx train` makes it (`TrainerRecipe`),
    /// with `mixtures` components instead of the configured K when given.
    static func makeTrainer(_ kind: ModelKind, config: SessionConfig, mixtures: Int? = nil) -> PreparedTrainer {
        var recipe = config.recipe
        if let mixtures { recipe.mixtures = mixtures }
        return recipe.trainer(kind, data: config.data)
    }
}

/// The smallest and largest x of a data set (a unit range when empty or flat).
func xRange(_ data: Dataset) -> (Float, Float) {
    guard let lo = data.x.min(), let hi = data.x.max(), hi > lo else { return (0, 1) }
    return (lo, hi)
}

/// `n` evenly spaced values from `lo` to `hi` inclusive.
func grid(_ lo: Float, _ hi: Float, _ n: Int) -> [Float] {
    precondition(n >= 2, "a grid needs at least 2 points")
    return (0..<n).map { lo + (hi - lo) * Float($0) / Float(n - 1) }
}
