/// What one epoch did.
public struct EpochReport: Sendable, Equatable {
    /// 1-based epoch number.
    public var epoch: Int
    /// Running mean of the batch losses over the epoch (weighted by batch size, as Keras).
    public var loss: Double
    /// Loss on the validation split after the epoch (nil without a validation split).
    public var valLoss: Double?
    /// Learning rate used during the epoch.
    public var learningRate: Float
    /// Wall time of the epoch (training + validation), milliseconds.
    public var milliseconds: Double

    /// A report (as read back from a recording).
    public init(epoch: Int, loss: Double, valLoss: Double?, learningRate: Float, milliseconds: Double) {
        self.epoch = epoch
        self.loss = loss
        self.valLoss = valLoss
        self.learningRate = learningRate
        self.milliseconds = milliseconds
    }
}

/// Why training ended.
public enum StopReason: String, Sendable, Codable {
    /// EarlyStopping's patience ran out.
    case earlyStopping = "early_stopping"
    /// The epoch limit was reached.
    case maxEpochs = "max_epochs"
    /// The caller asked to stop.
    case cancelled
    /// The loss became NaN or infinite.
    case nonFinite = "non_finite"
}

/// The outcome of `Trainer.fit`.
public struct TrainingSummary: Sendable, Equatable {
    /// Epochs completed.
    public var epochs: Int
    /// Why training ended.
    public var stopReason: StopReason
    /// The epoch whose weights the network now holds if best weights were restored, else nil.
    public var restoredEpoch: Int?
    /// The last epoch's report.
    public var last: EpochReport?
    /// Total wall time, milliseconds.
    public var milliseconds: Double
}

/// Trains a network with Adam on a data set, Keras style: a validation split (the last rows,
/// or a seeded random choice: `RowSplit`), batches reshuffled every pass, running-mean loss,
/// val_loss after each epoch, EarlyStopping and ReduceLROnPlateau with Keras's semantics.
///
/// Best-weight restore follows Keras 3: when `restoreBestWeights` is set, the best epoch's
/// weights are restored whenever training ends (early stop, max epochs, cancellation or a
/// non-finite loss), not only when the callback stopped it; unlike Keras, an epoch whose
/// monitored value is not finite is never recorded as the best (its weights have diverged).
/// A batch whose loss is not finite ends training at once (`StopReason.nonFinite`): the
/// epoch stops there, its report carries that loss, and no callback sees it. Without a validation split,
/// callbacks that monitor val_loss watch the training loss instead. The same network, data,
/// config and seed give a bit-identical run.
public final class Trainer {
    /// The current model: the weight average when `config.averaging` is set, else the
    /// trained weights; after the end, the restored best if configured.
    public var network: Network { averaged ?? live }
    /// The weights Adam updates.
    private var live: Network
    /// Exponential moving average of `live` as a network (rebuilt after each epoch).
    private var averaged: Network?
    /// The moving average, flat, in `NetworkWorkspace.tensorOffsets` layout.
    private var average: [Float]
    /// The configuration.
    public let config: TrainingConfig
    /// Epochs completed.
    public private(set) var epoch = 0
    /// One report per completed epoch.
    public private(set) var history: [EpochReport] = []
    /// True once early stopping fired, max epochs were reached or training was stopped.
    public private(set) var isFinished = false
    /// Why training ended (nil while running).
    public private(set) var stopReason: StopReason?
    /// The epoch whose weights were restored at the end, if any.
    public private(set) var restoredEpoch: Int?
    /// Current learning rate.
    public var learningRate: Float { optimizer.learningRate }
    /// Rows used for training.
    public let trainingCount: Int
    /// Rows used for validation.
    public let validationCount: Int
    /// Which rows of the data train and which validate.
    public let split: RowSplit
    /// Gradient steps per epoch: `config.stepsPerEpoch`, or one pass over the training rows.
    public let stepsPerEpoch: Int
    /// The validation rows (nil without a validation split), in the units the trainer was given.
    public var validationData: Dataset? { validation }

    private var optimizer: Adam
    private var rng: SeededRNG
    private let train: Dataset
    private let validation: Dataset?
    private var order: [Int]
    /// The training rows in `order`, each row's inputs then its targets (din + dout floats),
    /// rebuilt at every reshuffle: a batch is then gathered from consecutive memory. (Gathered
    /// straight through `order`, every row's first read missed the cache, one after another.)
    private var shuffled: [Float]
    /// Position in `order` of the next batch's first row (0: a new pass, reshuffled first).
    private var cursor = 0
    /// The batch's activations, deltas and gradients, shared by the step's threads (each
    /// writes its own columns or parameters).
    private let workspace: NetworkWorkspace
    /// The further threads (stopped when the trainer goes away).
    private let workers: [StepWorker]
    /// Rows per gradient step.
    private let batchRows: Int
    /// The network's layer sizes, input side first.
    private let shapes: [LayerShape]
    /// Threads that can share each batch (see `init`).
    public let threads: Int
    /// Cores this trainer shares with others training at the same time: each step uses at
    /// most `CoreShare.threadsEach` threads (and at most `threads`). It may change at any
    /// step; no result changes with it.
    public var coreShare: CoreShare?
    /// Chooses between one thread and all available ones by timing steps (nil: always all).
    public var tuner: ThreadTuner? = ThreadTuner()
    /// One workspace per thread for the validation pass (none without validation rows).
    private let validationWorkspaces: [NetworkWorkspace]
    /// Threads the last full batch's step ran on (a short last batch may take fewer): the
    /// validation pass shares its chunks among as many.
    private var lastParts = 1
    /// Threads the last validation pass was shared by (tests check it).
    private(set) var validationParts = 1

    private var earlyStopping: EarlyStoppingState?
    private var plateau: PlateauState?
    /// The weights to restore at the end and the epoch they are from (restoreBestWeights).
    private var best: (network: Network, epoch: Int)?
    /// Product of ReduceLROnPlateau's reductions (1 until the first).
    private var plateauScale: Float = 1
    /// The epoch `runEpoch(interruptIf:)` was interrupted in, resumed by the next call.
    private var suspended: SuspendedEpoch?
    /// The model as the last completed epoch left it, before any best-weight restore at the
    /// end (what a recording of every epoch stores; `network` is the final model).
    public private(set) var endOfEpochNetwork: Network?

    /// Rows of `count` that train (the first ones) under `validationSplit`, as Keras splits:
    /// split_at = floor(n * (1 - validation_split)); validation = rows[split_at...].
    public static func trainingRowCount(count: Int, validationSplit: Double) -> Int {
        Int((Double(count) * (1 - validationSplit)).rounded(.down))
    }

    /// A trainer for `network` on `data`; `seed` fixes the batch order and, under
    /// `ValidationRows.random`, the validation rows.
    ///
    /// With `threads` > 1 each step is shared by up to that many threads (`coreShare`, `tuner`):
    /// the forward pass, loss and layer deltas by ranges of the batch's columns, then the
    /// parameter gradients by ranges of each tensor. Every value is computed by the same
    /// operations as on one thread, and the loss is summed in fixed 16-row chunks, so a run
    /// is bit-identical for the same seed at any thread count (see `StepPlan`). The epoch's
    /// validation pass is shared by chunks of rows, with the same guarantee.
    public init(network: Network, data: Dataset, config: TrainingConfig, seed: UInt64, threads: Int = 1) {
        precondition(threads >= 1, "threads must be >= 1")
        precondition(
            data.inputDimension == network.inputDimension,
            "data has \(data.inputDimension) input columns, network expects \(network.inputDimension)")
        precondition(
            data.outputDimension == network.outputDimension,
            "data has \(data.outputDimension) target columns, network expects \(network.outputDimension)")
        let split = RowSplit(count: data.count, config: config, seed: seed)
        let trainCount = split.training.count
        precondition(trainCount >= 1, "no rows left for training")
        self.live = network
        self.config = config
        average = config.averaging == nil ? [] : [Float](repeating: 0, count: network.parameterCount)
        self.split = split
        switch config.validationRows {
        case .last:
            train = data.rows(0..<trainCount)
            validation = trainCount < data.count ? data.rows(trainCount..<data.count) : nil
        case .random:
            train = data.rows(at: split.training)
            validation = split.validation.isEmpty ? nil : data.rows(at: split.validation)
        }
        trainingCount = trainCount
        validationCount = split.validation.count
        optimizer = Adam(parameterCount: network.parameterCount, learningRate: config.learningRate)
        rng = SeededRNG(seed: seed)
        order = Array(0..<trainCount)
        shuffled = [Float](repeating: 0, count: trainCount * (data.inputDimension + data.outputDimension))
        let batch = min(config.batchSize, trainCount)
        stepsPerEpoch = config.stepsPerEpoch ?? (trainCount + batch - 1) / batch
        batchRows = batch
        self.threads = min(threads, StepPlan.maxParts(rows: batch))
        workspace = NetworkWorkspace(network: network, capacity: batch)
        shapes = network.layers.map(\.shape)
        workers = (1..<self.threads).map { _ in StepWorker() }
        let validationThreads = self.threads
        validationWorkspaces =
            validation.map { v in
                (0..<validationThreads).map { _ in
                    NetworkWorkspace(network: network, capacity: min(v.count, NetworkWorkspace.chunkRows))
                }
            } ?? []
        earlyStopping = config.earlyStopping.map { EarlyStoppingState(config: $0) }
        plateau = config.reduceLROnPlateau.map { PlateauState(config: $0) }
    }

    deinit {
        for w in workers { w.stop() }
    }

    /// Runs one epoch and applies the callbacks; finishes training when they say so.
    @discardableResult
    public func runEpoch() -> EpochReport {
        runEpoch(interruptIf: { false })!
    }

    /// Runs one epoch, checking `interrupted` between batches. If it fires, the epoch is
    /// suspended: nil is returned, training is NOT finished, and the next call resumes the
    /// epoch at the batch where it stopped, so an interrupted run is bit-identical to an
    /// uninterrupted one. Interrupting is how a caller pauses or attends to something else
    /// (the explorer's K restart of the other model); `stop()` ends training.
    public func runEpoch(interruptIf interrupted: () -> Bool) -> EpochReport? {
        precondition(!isFinished, "training has finished")
        let resumedAt = ContinuousClock.now
        if suspended == nil { suspended = beginEpoch() }
        let lrUsed = suspended!.learningRate
        let carried = suspended!.elapsed
        let din = train.inputDimension
        let dout = train.outputDimension
        let batch = batchRows
        var lossSum = suspended!.lossSum
        var seen = suspended!.seen
        var steps = suspended!.steps
        var cancelled = false
        var diverged = false
        let width = din + dout
        while steps < stepsPerEpoch {
            if interrupted() {
                cancelled = true
                break
            }
            if cursor == 0 { reshuffle() }
            let rows = min(batch, trainingCount - cursor)
            let b = cursor
            // Gather the batch feature-major: column r is training row order[b + r].
            shuffled.withUnsafeBufferPointer { rowsInOrder in
                let ld = workspace.stride
                let input = workspace.input
                let targets = workspace.targets
                for r in 0..<rows {
                    let src = rowsInOrder.baseAddress! + (b + r) * width
                    for d in 0..<din { input[d * ld + r] = src[d] }
                    for d in 0..<dout { targets[d * ld + r] = src[din + d] }
                }
            }
            // The tuner sees the threads a full batch may use (a short last batch must not
            // restart its comparison every epoch); the batch at hand may take fewer.
            let available = min(threads, coreShare?.threadsEach ?? threads, StepPlan.maxParts(rows: batch))
            let parts = min(tuner?.threads(available: available) ?? available, StepPlan.maxParts(rows: rows))
            let began = ContinuousClock.now
            let loss = step(rows: rows, parts: parts)
            if rows == batch {
                tuner?.record(threads: parts, seconds: (ContinuousClock.now - began) / .seconds(1))
                lastParts = parts
            }
            lossSum += loss * Double(rows)
            seen += rows
            cursor += rows
            if cursor == trainingCount { cursor = 0 }
            steps += 1
            if !loss.isFinite {
                diverged = true
                break
            }
        }
        if cancelled {
            suspended = SuspendedEpoch(
                learningRate: lrUsed, lossSum: lossSum, seen: seen, steps: steps,
                elapsed: carried + (ContinuousClock.now - resumedAt))
            return nil
        }
        suspended = nil
        let loss = lossSum / Double(seen)
        if diverged {
            epoch += 1
            let report = EpochReport(
                epoch: epoch, loss: loss, valLoss: nil, learningRate: lrUsed,
                milliseconds: (carried + (ContinuousClock.now - resumedAt)) / .milliseconds(1))
            history.append(report)
            endOfEpochNetwork = network
            finish(.nonFinite)
            return report
        }
        if config.averaging != nil { rebuildAveraged() }
        let valLoss = validation.map { validationLoss($0, parts: lastParts) }
        epoch += 1
        let report = EpochReport(
            epoch: epoch, loss: loss, valLoss: valLoss, learningRate: lrUsed,
            milliseconds: (carried + (ContinuousClock.now - resumedAt)) / .milliseconds(1))
        history.append(report)
        endOfEpochNetwork = network
        applyCallbacks(report)
        return report
    }

    /// Trains until finished or `shouldStop` returns true (checked between batches; it may
    /// be an atomic flag set from another thread), calling `onEpoch` after every epoch.
    @discardableResult
    public func fit(shouldStop: () -> Bool = { false }, onEpoch: (EpochReport) -> Void = { _ in }) -> TrainingSummary {
        let start = ContinuousClock.now
        while !isFinished {
            guard let report = runEpoch(interruptIf: shouldStop) else {
                finish(.cancelled)
                break
            }
            onEpoch(report)
            if !isFinished && shouldStop() { finish(.cancelled) }
        }
        return TrainingSummary(
            epochs: epoch, stopReason: stopReason ?? .maxEpochs, restoredEpoch: restoredEpoch,
            last: history.last, milliseconds: (ContinuousClock.now - start) / .milliseconds(1))
    }

    /// Ends training now (as cancelled), restoring best weights if configured.
    public func stop() {
        if !isFinished { finish(.cancelled) }
    }

    /// Starts an epoch: its scheduled learning rate.
    private func beginEpoch() -> SuspendedEpoch {
        if config.schedule != .constant {
            optimizer.learningRate =
                config.learningRate * config.schedule.factor(epoch: epoch, of: config.maxEpochs) * plateauScale
        }
        return SuspendedEpoch(learningRate: optimizer.learningRate, lossSum: 0, seen: 0, steps: 0, elapsed: .zero)
    }

    /// Draws a new batch order (a pass over the training rows) and copies the rows into
    /// `shuffled` in that order.
    private func reshuffle() {
        rng.shuffle(&order)
        let (din, dout) = (train.inputDimension, train.outputDimension)
        let width = din + dout
        train.x.withUnsafeBufferPointer { xs in
            train.y.withUnsafeBufferPointer { ys in
                shuffled.withUnsafeMutableBufferPointer { out in
                    for (i, src) in order.enumerated() {
                        for d in 0..<din { out[i * width + d] = xs[src * din + d] }
                        for d in 0..<dout { out[i * width + din + d] = ys[src * dout + d] }
                    }
                }
            }
        }
    }

    /// One gradient step on the batch in the workspace; returns the batch's mean loss.
    ///
    /// First the columns (forward pass, loss, deltas), then the parameters (gradients and the
    /// optimizer's update), each phase divided among `parts` threads as `StepPlan` says.
    private func step(rows: Int, parts: Int) -> Double {
        if parts == 1 {
            StepPlan.deltas(live, columns: 0..<rows, batchRows: rows, workspace: workspace)
        } else {
            // `net` shares the weights' storage until the jobs are done (they release their
            // closures when run); then the update below finds it unshared and writes in place.
            let net = live
            let shared = SharedStep(workspace: workspace, shapes: shapes)
            StepPlan.run(parts: parts, workers: workers) { t in
                StepPlan.deltas(
                    net, columns: StepPlan.columns(t, of: parts, rows: rows), batchRows: rows,
                    workspace: shared.workspace)
            }
        }
        let alpha = optimizer.beginStep()
        // Keras's use_ema: the first step copies the weights, later steps blend them in.
        let momentum: Float = optimizer.step == 1 ? 0 : (config.averaging ?? 0)
        let rule = optimizer.rule(alpha: alpha, momentum: momentum)
        let averaging = config.averaging != nil
        optimizer.withMoments { m, v in
            average.withUnsafeMutableBufferPointer { a in
                live.withAllParameterBuffers { weights in
                    let shared = SharedStep(
                        workspace: workspace, shapes: shapes,
                        parameters: SharedStep.Parameters(
                            weights: weights, m: m, v: v, average: averaging ? a.baseAddress! : nil, rule: rule))
                    StepPlan.run(parts: parts, workers: workers) { t in
                        StepPlan.update(shared, rows: rows, share: t, of: parts)
                    }
                }
            }
        }
        return StepPlan.meanLoss(rows: rows, workspace: workspace)
    }

    /// The loss on the validation rows, its chunks (`Evaluation.chunkLoss`) shared by up to
    /// `parts` threads, each chunk computed as one thread computes it and the chunks' sums
    /// added in order: the bits of `Evaluation.loss` on one thread (`TrainerTests`). Shared,
    /// the pass takes about half its time: it is 5-6% of a one-thread MDN epoch.
    private func validationLoss(_ v: Dataset, parts: Int) -> Double {
        let net = network
        let chunks = Evaluation.chunks(v, rows: validationWorkspaces[0].capacity)
        let parts = min(parts, chunks, validationWorkspaces.count)
        validationParts = max(1, parts)
        if parts <= 1 { return Evaluation.loss(network: net, dataset: v, workspace: validationWorkspaces[0]) }
        var sums = [Double](repeating: 0, count: chunks)
        sums.withUnsafeMutableBufferPointer { sp in
            let shared = SharedValidation(
                network: net, dataset: v, workspaces: validationWorkspaces, sums: sp.baseAddress!)
            StepPlan.run(parts: parts, workers: workers) { t in
                for c in stride(from: t, to: chunks, by: parts) {
                    shared.sums[c] = Evaluation.chunkLoss(
                        c, network: shared.network, dataset: shared.dataset, workspace: shared.workspaces[t])
                }
            }
        }
        return sums.reduce(0, +) / Double(v.count)
    }

    /// Copies the moving average into `averaged`.
    private func rebuildAveraged() {
        var a = live
        let offsets = workspace.tensorOffsets
        average.withUnsafeBufferPointer { src in
            a.withParameterBuffers { t, w in
                w.baseAddress!.update(from: src.baseAddress! + offsets[t], count: w.count)
            }
        }
        averaged = a
    }

    private func monitored(_ m: Monitor, _ r: EpochReport) -> Double {
        m == .valLoss ? (r.valLoss ?? r.loss) : r.loss
    }

    private func applyCallbacks(_ r: EpochReport) {
        var stopNow = false
        if var es = earlyStopping {
            let restore = es.config.restoreBestWeights
            // Keras: before the first comparison the current weights count as the best; but
            // weights whose monitored value is not finite never do.
            let value = monitored(es.config.monitor, r)
            if restore && best == nil && value.isFinite { best = (network, r.epoch) }
            let (improved, stop) = es.observe(epoch: r.epoch, value: value)
            if improved && restore && value.isFinite { best = (network, r.epoch) }
            stopNow = stop
            earlyStopping = es
        }
        if var rl = plateau {
            if let lr = rl.observe(value: monitored(rl.config.monitor, r), learningRate: optimizer.learningRate) {
                plateauScale *= lr / optimizer.learningRate
                optimizer.learningRate = lr
            }
            plateau = rl
        }
        if !r.loss.isFinite || !(r.valLoss ?? 0).isFinite {
            finish(.nonFinite)
        } else if stopNow {
            finish(.earlyStopping)
        } else if epoch >= config.maxEpochs {
            finish(.maxEpochs)
        }
    }

    private func finish(_ reason: StopReason) {
        isFinished = true
        stopReason = reason
        if let best {
            live = best.network
            restoredEpoch = best.epoch
        } else if let a = averaged {
            live = a  // Keras overwrites the weights with their average at the end of fit
        }
        averaged = nil
    }
}

/// An epoch between two batches: what it has done so far.
private struct SuspendedEpoch {
    /// The learning rate the epoch runs at.
    var learningRate: Float
    /// Sum of batch losses times batch sizes so far.
    var lossSum: Double
    /// Training rows done.
    var seen: Int
    /// Gradient steps done (the batch order's position is the trainer's own cursor).
    var steps: Int
    /// Time spent in the epoch so far (not counting time suspended).
    var elapsed: Duration
}

/// EarlyStopping's bookkeeping, exactly as Keras 3 (mode min): each epoch wait += 1; an
/// improvement (value - minDelta < best) resets wait and records the best; otherwise stop
/// once wait >= patience (never after the first epoch).
struct EarlyStoppingState: Sendable {
    let config: EarlyStoppingConfig
    private(set) var best = Double.infinity
    private(set) var wait = 0

    init(config: EarlyStoppingConfig) { self.config = config }

    /// Records one epoch (1-based); returns whether it improved and whether to stop.
    mutating func observe(epoch: Int, value: Double) -> (improved: Bool, stop: Bool) {
        wait += 1
        if value - config.minDelta < best {
            best = value
            wait = 0
            return (true, false)
        }
        return (false, wait >= config.patience && epoch > 1)
    }
}

/// ReduceLROnPlateau's bookkeeping, exactly as Keras (mode min): improvement means
/// value < best - minDelta; after `patience` epochs without one, lr *= factor (floored at
/// minLearningRate), then `cooldown` epochs in which waiting does not count.
struct PlateauState: Sendable {
    let config: ReduceLROnPlateauConfig
    private(set) var best = Double.infinity
    private(set) var wait = 0
    private(set) var cooldownCounter = 0

    init(config: ReduceLROnPlateauConfig) { self.config = config }

    /// Records one epoch; returns the new learning rate if it changes.
    mutating func observe(value: Double, learningRate: Float) -> Float? {
        if cooldownCounter > 0 {
            cooldownCounter -= 1
            wait = 0
        }
        if value < best - config.minDelta {
            best = value
            wait = 0
        } else if cooldownCounter == 0 {
            wait += 1
            if wait >= config.patience && learningRate > config.minLearningRate {
                cooldownCounter = config.cooldown
                wait = 0
                return max(learningRate * config.factor, config.minLearningRate)
            }
        }
        return nil
    }
}
