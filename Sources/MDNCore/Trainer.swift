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
/// non-finite loss), not only when the callback stopped it. Without a validation split,
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
    /// The validation rows (nil without a validation split), in the units the trainer was given.
    public var validationData: Dataset? { validation }
    /// Which rows of the data train and which validate.
    public let split: RowSplit
    /// Gradient steps per epoch: `config.stepsPerEpoch`, or one pass over the training rows.
    public let stepsPerEpoch: Int

    private var optimizer: Adam
    private var rng: SeededRNG
    private let train: Dataset
    private let validation: Dataset?
    private var order: [Int]
    /// Position in `order` of the next batch's first row (0: a new pass, reshuffled first).
    private var cursor = 0
    private let workspace: NetworkWorkspace
    private let validationWorkspace: NetworkWorkspace?
    private let batchX: UnsafeMutablePointer<Float>
    private let batchY: UnsafeMutablePointer<Float>

    private var earlyStopping: EarlyStoppingState?
    private var plateau: PlateauState?
    /// The weights to restore at the end and the epoch they are from (restoreBestWeights).
    private var best: (network: Network, epoch: Int)?
    /// Product of ReduceLROnPlateau's reductions (1 until the first).
    private var plateauScale: Float = 1

    /// Rows of `count` that train (the first ones) under `validationSplit`, as Keras splits:
    /// split_at = floor(n * (1 - validation_split)); validation = rows[split_at...].
    public static func trainingRowCount(count: Int, validationSplit: Double) -> Int {
        Int((Double(count) * (1 - validationSplit)).rounded(.down))
    }

    /// A trainer for `network` on `data`; `seed` fixes the batch order and, under
    /// `ValidationRows.random`, the validation rows.
    public init(network: Network, data: Dataset, config: TrainingConfig, seed: UInt64) {
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
        self.split = split
        average = config.averaging == nil ? [] : [Float](repeating: 0, count: network.parameterCount)
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
        let batch = min(config.batchSize, trainCount)
        stepsPerEpoch = config.stepsPerEpoch ?? (trainCount + batch - 1) / batch
        workspace = NetworkWorkspace(network: network, capacity: batch)
        validationWorkspace = validation.map {
            NetworkWorkspace(network: network, capacity: min($0.count, NetworkWorkspace.chunkRows))
        }
        batchX = .allocate(capacity: batch * data.inputDimension)
        batchY = .allocate(capacity: batch * data.outputDimension)
        earlyStopping = config.earlyStopping.map { EarlyStoppingState(config: $0) }
        plateau = config.reduceLROnPlateau.map { PlateauState(config: $0) }
    }

    deinit {
        batchX.deallocate()
        batchY.deallocate()
    }

    /// Runs one epoch and applies the callbacks; finishes training when they say so.
    @discardableResult
    public func runEpoch() -> EpochReport {
        runEpoch(shouldStop: { false })!
    }

    /// Runs one epoch, checking `shouldStop` between batches; returns nil (and finishes
    /// training as cancelled) if it fired mid-epoch.
    public func runEpoch(shouldStop: () -> Bool) -> EpochReport? {
        precondition(!isFinished, "training has finished")
        let start = ContinuousClock.now
        if config.schedule != .constant {
            optimizer.learningRate =
                config.learningRate * config.schedule.factor(epoch: epoch, of: config.maxEpochs) * plateauScale
        }
        let lrUsed = optimizer.learningRate
        let din = train.inputDimension
        let dout = train.outputDimension
        let batch = workspace.capacity
        var lossSum = 0.0
        var seen = 0
        var cancelled = false
        train.x.withUnsafeBufferPointer { xs in
            train.y.withUnsafeBufferPointer { ys in
                for _ in 0..<stepsPerEpoch {
                    if shouldStop() {
                        cancelled = true
                        return
                    }
                    if cursor == 0 { rng.shuffle(&order) }
                    let rows = min(batch, trainingCount - cursor)
                    for r in 0..<rows {
                        let src = order[cursor + r]
                        (batchX + r * din).update(from: xs.baseAddress! + src * din, count: din)
                        (batchY + r * dout).update(from: ys.baseAddress! + src * dout, count: dout)
                    }
                    lossSum += step(rows: rows) * Double(rows)
                    seen += rows
                    cursor += rows
                    if cursor == trainingCount { cursor = 0 }
                }
            }
        }
        if cancelled {
            finish(.cancelled)
            return nil
        }
        let loss = lossSum / Double(seen)
        if config.averaging != nil { rebuildAveraged() }
        let valLoss = validation.map { Evaluation.loss(network: network, dataset: $0, workspace: validationWorkspace!) }
        epoch += 1
        let report = EpochReport(
            epoch: epoch, loss: loss, valLoss: valLoss, learningRate: lrUsed,
            milliseconds: (ContinuousClock.now - start) / .milliseconds(1))
        history.append(report)
        applyCallbacks(report)
        return report
    }

    /// Trains until finished or `shouldStop` returns true (checked between batches; it may
    /// be an atomic flag set from another thread), calling `onEpoch` after every epoch.
    @discardableResult
    public func fit(shouldStop: () -> Bool = { false }, onEpoch: (EpochReport) -> Void = { _ in }) -> TrainingSummary {
        let start = ContinuousClock.now
        while !isFinished {
            guard let report = runEpoch(shouldStop: shouldStop) else { break }
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

    /// One gradient step on the rows in batchX/batchY; returns the batch's mean loss.
    private func step(rows: Int) -> Double {
        let out = live.forward(batchX, rows: rows, workspace: workspace)
        let grad = workspace.gradA
        let loss = live.loss(output: out, targets: batchY, rows: rows, gradient: grad)
        live.backward(batchX, rows: rows, workspace: workspace, gradOutput: grad)
        let alpha = optimizer.beginStep()
        let offsets = workspace.tensorOffsets
        let g = workspace.gradients
        // Keras's use_ema: the first step copies the weights, later steps blend them in.
        let momentum: Float = optimizer.step == 1 ? 0 : (config.averaging ?? 0)
        let averaging = config.averaging != nil
        live.withParameterBuffers { t, w in
            self.optimizer.update(w, gradient: g + offsets[t], offset: offsets[t], alpha: alpha)
            if averaging {
                self.average.withUnsafeMutableBufferPointer { a in
                    let dst = a.baseAddress! + offsets[t]
                    for i in 0..<w.count { dst[i] = momentum * dst[i] + (1 - momentum) * w[i] }
                }
            }
        }
        return loss
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
            // Keras: before the first comparison the current weights count as the best.
            if restore && best == nil { best = (network, r.epoch) }
            let (improved, stop) = es.observe(epoch: r.epoch, value: monitored(es.config.monitor, r))
            if improved && restore { best = (network, r.epoch) }
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
