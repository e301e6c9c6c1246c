import Dispatch
import Foundation
import MDNCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// What a training session trains on and how.
public struct SessionConfig: Sendable {
    /// How the two models share the CPU.
    public enum Concurrency: Sendable, Equatable {
        /// Two threads when the machine has two or more cores, else one.
        case automatic
        /// Each model on its own thread.
        case parallel
        /// One thread that alternates the models' epochs.
        case alternating
    }

    /// The training data (one input and one output column).
    public var data: Dataset
    /// Mixture components K (the first MDN's, unless `mixturesAuto`).
    public var mixtures: Int
    /// Choose K with `MixtureSearch` before the MDN trains (`--mixtures auto`).
    public var mixturesAuto = false
    /// Training preset.
    public var preset: Preset
    /// Seed for weights and shuffling.
    public var seed: UInt64
    /// Points on the MSE curve's x grid (the explorer evaluates the shown epoch there).
    public var curvePoints: Int = 200
    /// x values the explorer evaluates the shown epoch's mixtures at (and samples
    /// `SampleSet.perRow` times each): 1,000 x 6 samples look as 3,000 x 2 did at a third of
    /// the forward pass.
    public var mixturePoints: Int = 1000
    /// The data is the user's (a CSV) rather than a built-in set; with the preset this
    /// decides the scaling (see `normalization`).
    public var isUserData: Bool = false
    /// Changes to the preset's training configuration (none in the explorer today; tests
    /// set a few epochs).
    public var overrides = TrainingOverrides()
    /// At most this many epochs per second per model (`--pace`), nil: full speed.
    public var pace: Double? = nil
    /// One thread per model or one for both.
    public var concurrency = Concurrency.automatic
    /// How much nicer than the caller's thread the training threads run (Linux: per-thread
    /// nice), so that the UI thread wins a contended core.
    public var niceIncrement: Int32 = 5

    /// How the data are scaled for training: `NormalizationPolicy.automatic`, the rule
    /// `mdnx train` uses by default (z-score fitted on each model's training rows, except
    /// built-in data under the tutorial preset). Predictions are mapped back to the data's units.
    public var normalization: NormalizationPolicy { .automatic(preset: preset, isUserData: isUserData) }

    /// How the session makes its trainers: the recipe `mdnx train` uses, with this preset,
    /// K, seed and scaling, so that the same seed trains the same models in both. Each
    /// trainer may share its steps among all cores (`cores`); which share it uses does not
    /// change the model.
    public var recipe: TrainerRecipe {
        var r = TrainerRecipe(
            preset: preset, mixtures: mixtures, seed: seed, normalization: normalization, overrides: overrides)
        r.threads = cores
        return r
    }

    /// Cores the models train on: all of them with two threads (the UI's thread is idle
    /// but for a few milliseconds a frame, and the training threads run nicer), one when
    /// the models alternate on one thread.
    public var cores: Int { isParallel ? max(2, ProcessInfo.processInfo.activeProcessorCount) : 1 }

    /// Whether the models train on two threads: `concurrency`, with `automatic` resolved by
    /// the number of active processors.
    public var isParallel: Bool {
        switch concurrency {
        case .automatic: return ProcessInfo.processInfo.activeProcessorCount >= 2
        case .parallel: return true
        case .alternating: return false
        }
    }

    /// Creates a configuration.
    public init(data: Dataset, mixtures: Int, preset: Preset, seed: UInt64) {
        self.data = data
        self.mixtures = mixtures
        self.preset = preset
        self.seed = seed
    }
}

/// What the explorer's loop needs from training: start, stop, pause, restart the MDN, and
/// the events since it last asked. `TrainingSession` is the real one; tests use a double.
public protocol TrainingControl: AnyObject, Sendable {
    /// Starts training in the background.
    func start()
    /// Ends training; waits up to `timeout` seconds for the threads; true if they ended.
    @discardableResult func stop(timeout: Double) -> Bool
    /// Suspends training at the next batch.
    func pause()
    /// Resumes.
    func resume()
    /// Replaces the MDN with a fresh one of K components; the MSE model trains on.
    func restartMDN(mixtures: Int)
    /// The events published since the last call, in order per model.
    func drainEvents() -> [TrainingEvent]
    /// What run `generation` of `kind` ended with, in full precision (the restored best
    /// epoch's network when the trainer restored one), once that run has finished; else nil.
    func finalModel(_ kind: ModelKind, generation: Int) -> FinalModel?
}

extension TrainingControl {
    /// No full-precision models by default.
    public func finalModel(_ kind: ModelKind, generation: Int) -> FinalModel? { nil }
}

/// Trains the MSE network and the MDN in the background (each on its own thread where there
/// are two cores, else alternating epochs on one) and publishes every epoch as a
/// `TrainingEvent` with the weights in half precision. The UI never waits on it and it never
/// waits on the UI: events queue behind a Mutex, control flags are atomics.
///
/// Interrupting is not ending: pause and a K restart interrupt the running epoch between two
/// batches (`Trainer.runEpoch(interruptIf:)`), which resumes it later; only the MDN is
/// replaced by a restart, and each model trains on to its own end.
public final class TrainingSession: TrainingControl {
    /// The configuration the session started with.
    public let config: SessionConfig
    /// The models train on two threads.
    public let isParallel: Bool
    private let summary: Mutex<Snapshot>
    private let inbox = Mutex<[TrainingEvent]>([])
    /// Each model's finished run and its final network in full precision (for `w`).
    private let finals = Mutex<[ModelKind: FinalModel]>([:])
    private let stopRequested = Atomic<Bool>(false)
    private let pauseRequested = Atomic<Bool>(false)
    /// K for an MDN restart the MDN's thread has not picked up yet (0: none).
    private let pendingMixtures = Atomic<Int>(0)
    private let liveThreads = Atomic<Int>(0)
    private let started = Atomic<Bool>(false)
    private let done = DispatchGroup()
    /// The cores the models share: one each while both train, all for the one left.
    private let coreShare: CoreShare

    /// Creates a session; call `start()` to begin.
    public init(config: SessionConfig) {
        self.config = config
        isParallel = config.isParallel
        coreShare = CoreShare(cores: config.cores)
        summary = Mutex(Snapshot(seed: config.seed, mixtures: config.mixtures))
    }

    /// The progress so far as a summary (a copy).
    public var snapshot: Snapshot { summary.withLock { $0 } }
    /// The number of epochs published so far.
    public var sequence: Int { summary.withLock { $0.sequence } }
    /// Training is paused.
    public var isPaused: Bool { pauseRequested.load(ordering: .relaxed) }
    /// A training thread is still running (not stopped).
    public var isRunning: Bool { liveThreads.load(ordering: .acquiring) > 0 }

    /// Starts the training thread(s); a second call does nothing.
    public func start() {
        guard !started.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let groups: [[ModelKind]] = isParallel ? [[.mse], [.mdn]] : [[.mse, .mdn]]
        for kinds in groups {
            liveThreads.add(1, ordering: .releasing)
            done.enter()
            // At most 15 characters: what Linux keeps (top -H, /proc/<pid>/task/<tid>/comm).
            let name = "mdnx train " + (kinds.count == 1 ? kinds[0].rawValue : "all")
            let thread = Thread { [self] in
                Thread.current.name = name
                Self.lowerThreadPriority(by: config.niceIncrement)
                run(kinds)
                liveThreads.subtract(1, ordering: .releasing)
                done.leave()
            }
            thread.start()
        }
    }

    /// Pauses at the next batch (the running epoch is suspended, not lost).
    public func pause() { pauseRequested.store(true, ordering: .relaxed) }
    /// Resumes.
    public func resume() { pauseRequested.store(false, ordering: .relaxed) }

    /// Replaces the MDN with a fresh one of K components; the MSE model keeps its progress.
    public func restartMDN(mixtures: Int) {
        precondition(mixtures >= 1, "K must be at least 1")
        pendingMixtures.store(mixtures, ordering: .releasing)
    }

    /// Asks the threads to stop and waits (up to `timeout` seconds) for them to end.
    @discardableResult
    public func stop(timeout: Double = 5) -> Bool {
        stopRequested.store(true, ordering: .releasing)
        guard started.load(ordering: .acquiring) else { return true }
        return done.wait(timeout: .now() + timeout) == .success
    }

    /// The events published since the last call.
    public func drainEvents() -> [TrainingEvent] {
        inbox.withLock { events in
            defer { events.removeAll(keepingCapacity: true) }
            return events
        }
    }

    /// Makes the calling thread `increment` nicer (Linux keeps a nice value per thread).
    static func lowerThreadPriority(by increment: Int32) {
        #if canImport(Glibc)
            guard increment > 0 else { return }
            let which = __priority_which_t(PRIO_PROCESS.rawValue)
            errno = 0
            let current = getpriority(which, 0)
            if errno == 0 { _ = setpriority(which, 0, min(19, current + increment)) }
        #endif
    }

    // MARK: - The training threads

    private var stopping: Bool { stopRequested.load(ordering: .relaxed) }
    private var paused: Bool { pauseRequested.load(ordering: .relaxed) }

    /// The loop of one training thread: trains `kinds` (both: alternating epochs) until the
    /// session stops. The trainers are created here and never leave this thread.
    private func run(_ kinds: [ModelKind]) {
        var workers: [ModelWorker] = []
        var mdnGeneration = 0
        for kind in kinds {
            var mixtures: Int? = nil
            if kind == .mdn && config.mixturesAuto {
                mixtures = searchMixtures()
                if stopping { return }
                // A K press during the search wins.
                let pressed = pendingMixtures.exchange(0, ordering: .acquiring)
                if pressed > 0 { mixtures = pressed }
            }
            workers.append(makeWorker(kind, generation: 0, mixtures: mixtures))
        }
        var turn = 0
        while !stopping {
            if let i = workers.firstIndex(where: { $0.kind == .mdn }) {
                let k = pendingMixtures.exchange(0, ordering: .acquiring)
                if k > 0 {
                    mdnGeneration += 1
                    workers[i].countsInShare = false
                    workers[i] = makeWorker(.mdn, generation: mdnGeneration, mixtures: k)
                }
            }
            // A model counts in the core share while it has epochs to run and is not paused.
            for w in workers { w.countsInShare = !paused && !stopping && !w.trainer.isFinished }
            let now = ContinuousClock.now
            // Models still training whose next epoch is due (`--pace`).
            let due = workers.indices.filter { !workers[$0].trainer.isFinished && workers[$0].nextEpochDue <= now }
            if paused || due.isEmpty {
                // Paused or done: look again in 10 ms; waiting for --pace: in 2 ms.
                let waiting = workers.contains { !$0.trainer.isFinished }
                usleep(paused || !waiting ? 10_000 : 2_000)
                continue
            }
            // Alternate epochs; a finished (or not yet due) model gives its turns to the other.
            let worker = workers[due[turn % due.count]]
            turn += 1
            worker.beginEpochIfNeeded(now)
            let watchesRestarts = worker.kind == .mdn || workers.count > 1
            guard
                let report = worker.trainer.runEpoch(interruptIf: { [self] in
                    stopping || paused || (watchesRestarts && pendingMixtures.load(ordering: .relaxed) != 0)
                })
            else { continue }
            publish(worker, report)
            worker.endEpoch(pace: config.pace)
        }
        for w in workers { w.countsInShare = false }
    }

    /// A fresh trainer of `kind` (the MDN with `mixtures` components, else the configured K),
    /// announced with an empty timeline.
    private func makeWorker(_ kind: ModelKind, generation: Int, mixtures: Int?) -> ModelWorker {
        var recipe = config.recipe
        if let mixtures { recipe.mixtures = mixtures }
        let worker = ModelWorker(
            prepared: recipe.trainer(kind, data: config.data), generation: generation, share: coreShare)
        if kind == .mdn {
            summary.withLock {
                $0.mixtures = recipe.mixtures(rows: config.data.count)
                $0.mdn = ModelProgress()
            }
        }
        emit(.began(worker.emptyTimeline()))
        return worker
    }

    /// Publishes an epoch: the event with the weights, the summary, and the end of training.
    private func publish(_ worker: ModelWorker, _ report: EpochReport) {
        let trainer = worker.trainer
        worker.recordSteps(report)
        let weights = HalfWeights(trainer.endOfEpochNetwork ?? trainer.network)
        let inData = ModelTimeline.inDataUnits(report, kind: worker.kind, normalizer: worker.prepared.normalizer)
        summary.withLock { s in
            s.sequence += 1
            s.stepsPerSecond[worker.kind] = worker.stepsPerSecond
            switch worker.kind {
            case .mse:
                s.mse.record(inData)
                s.mse.finished = trainer.isFinished
                s.mse.stopReason = trainer.stopReason
            case .mdn:
                s.mdn.record(inData)
                s.mdn.finished = trainer.isFinished
                s.mdn.stopReason = trainer.stopReason
            }
        }
        emit(
            .epoch(
                EpochSnapshot(
                    kind: worker.kind, generation: worker.generation, report: report, weights: weights,
                    stepsPerSecond: worker.stepsPerSecond)))
        if let reason = trainer.stopReason {
            let final = FinalModel(
                generation: worker.generation, network: trainer.network, epochs: trainer.epoch,
                trainingRows: trainer.trainingCount, validation: config.data.rows(at: trainer.split.validation))
            finals.withLock { $0[worker.kind] = final }
            emit(
                .finished(
                    kind: worker.kind, generation: worker.generation, reason: reason,
                    restoredEpoch: trainer.restoredEpoch))
        }
    }

    /// What run `generation` of `kind` ended with, once it has finished.
    public func finalModel(_ kind: ModelKind, generation: Int) -> FinalModel? {
        finals.withLock { f in f[kind].flatMap { $0.generation == generation ? $0 : nil } }
    }

    private func emit(_ event: TrainingEvent) {
        inbox.withLock { $0.append(event) }
    }

    /// `--mixtures auto`: screens the ladder's Ks (`MixtureSearch`) and returns the choice;
    /// nil (the configured K trains) when a K press or stop cancels it or no validation rows
    /// exist. Pausing pauses the screening.
    private func searchMixtures() -> Int? {
        let search = MixtureSearch()
        let recipe = config.recipe
        let full = recipe.config(for: .mdn, rows: config.data.count)
        let training = Trainer.trainingRowCount(count: config.data.count, validationSplit: full.validationSplit)
        guard training < config.data.count else {
            emit(.mixturesChosen(nil))
            return nil
        }
        let cancelled: () -> Bool = { [self] in
            while paused && !stopping && pendingMixtures.load(ordering: .relaxed) == 0 { usleep(10_000) }
            return stopping || pendingMixtures.load(ordering: .relaxed) != 0
        }
        let choice = search.run(
            shouldStop: cancelled,
            progress: { [self] event in
                if case .started(let k, let index, let count) = event {
                    emit(.screening(mixtures: k, index: index, count: count))
                }
            },
            screen: { k in
                let prepared = search.screeningTrainer(recipe, mixtures: k, data: config.data)
                // Screening counts as the MDN training: it shares the cores with the MSE network.
                coreShare.begin()
                defer { coreShare.end() }
                prepared.trainer.coreShare = coreShare
                return MixtureSearch.screen(
                    prepared.trainer, nllOffset: prepared.normalizer.logJacobian, shouldStop: cancelled)
            })
        emit(.mixturesChosen(choice))
        // A K press during the search wins: the restart loop picks it up.
        return choice?.chosen
    }

    /// The trainer of `kind` for this session, as `mdnx train` makes it (`TrainerRecipe`),
    /// with `mixtures` components instead of the configured K when given.
    static func makeTrainer(_ kind: ModelKind, config: SessionConfig, mixtures: Int? = nil) -> PreparedTrainer {
        var recipe = config.recipe
        if let mixtures { recipe.mixtures = mixtures }
        return recipe.trainer(kind, data: config.data)
    }
}

/// One model's training on a session's thread: the trainer, its normaliser, its generation
/// and its throughput. Never leaves the thread that made it.
final class ModelWorker {
    /// The trainer and its normaliser.
    let prepared: PreparedTrainer
    /// Which run of the model this is within the session.
    let generation: Int
    /// The initial network (the timeline's template).
    private let initial: Network
    private var steps = 0
    private var activeSeconds = 0.0
    /// When the running epoch began (nil between epochs).
    private var epochBegan: ContinuousClock.Instant?
    /// The next epoch may not begin before this (`--pace`).
    private(set) var nextEpochDue = ContinuousClock.now

    /// The cores this model shares with the other (nil: it uses its trainer's threads).
    private let share: CoreShare?

    init(prepared: PreparedTrainer, generation: Int, share: CoreShare? = nil) {
        self.prepared = prepared
        self.generation = generation
        self.share = share
        initial = prepared.trainer.network
        prepared.trainer.coreShare = share
    }

    /// Whether this model counts as training in the core share (set between epochs).
    var countsInShare = false {
        didSet {
            guard countsInShare != oldValue, let share else { return }
            if countsInShare { share.begin() } else { share.end() }
        }
    }

    var kind: ModelKind { prepared.kind }
    var trainer: Trainer { prepared.trainer }

    /// Optimiser steps per second over the epochs so far.
    var stepsPerSecond: Double { activeSeconds > 0 ? Double(steps) / activeSeconds : 0 }

    /// Counts an epoch's steps and time.
    func recordSteps(_ report: EpochReport) {
        steps += trainer.stepsPerEpoch
        activeSeconds += report.milliseconds / 1000
    }

    /// Notes when an epoch begins (not when an interrupted one resumes).
    func beginEpochIfNeeded(_ now: ContinuousClock.Instant) {
        if epochBegan == nil { epochBegan = now }
    }

    /// After an epoch: with `pace` epochs per second, the next may begin 1 / pace seconds
    /// after this one began.
    func endEpoch(pace: Double?) {
        if let pace, let began = epochBegan { nextEpochDue = began + .seconds(1 / pace) }
        epochBegan = nil
    }

    /// An empty timeline for this run.
    func emptyTimeline() -> ModelTimeline {
        ModelTimeline(
            template: initial, normalizer: prepared.normalizer,
            monitor: trainer.config.earlyStopping?.monitor ?? .valLoss, generation: generation)
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

/// A finished run's model in full precision, and what its checkpoint records about the run.
public struct FinalModel: Sendable {
    /// The run (`ModelTimeline.generation`).
    public var generation: Int
    /// The network training ended with.
    public var network: Network
    /// Epochs trained.
    public var epochs: Int
    /// Rows trained on.
    public var trainingRows: Int
    /// The validation rows, in the data's units (an mse model's predictive sigma is its RMSE
    /// on them, as `mdnx train --save` records).
    public var validation: Dataset
}
