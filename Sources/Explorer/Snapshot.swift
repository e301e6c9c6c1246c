import MDNCore

/// One model's progress as a summary: epochs, losses in the data's units, how it ended.
public struct ModelProgress: Sendable, Equatable {
    /// Epochs run so far.
    public var epoch: Int = 0
    /// Training loss per epoch, in the data's units (MSE in squared y units, NLL with the
    /// normaliser's log-Jacobian added), whatever scaling training used.
    public var loss: [Double] = []
    /// Validation loss per epoch that had one, in the data's units.
    public var valLoss: [Double] = []
    /// The epochs `valLoss` belongs to.
    public var valEpochs: [Int] = []
    /// Learning rate per epoch.
    public var learningRate: [Double] = []
    /// Training has ended (early stopping, the epoch limit, a non-finite loss).
    public var finished: Bool = false
    /// Why training ended, once it has.
    public var stopReason: StopReason? = nil
    /// Milliseconds each epoch took, in order (for `--profile`).
    public var epochMilliseconds: [Double] = []

    /// An empty history.
    public init() {}

    /// Appends one epoch (losses already in the data's units).
    mutating func record(_ r: EpochReport) {
        epoch = r.epoch
        loss.append(r.loss)
        if let v = r.valLoss {
            valLoss.append(v)
            valEpochs.append(r.epoch)
        }
        learningRate.append(Double(r.learningRate))
        epochMilliseconds.append(r.milliseconds)
    }
}

/// A training session's progress as a summary value (`TrainingSession.snapshot`): for
/// headless callers (benchmarks, tests, `--profile`). The explorer itself records every epoch
/// from the session's events (`TrainingEvent`), not from this.
public struct Snapshot: Sendable, Equatable {
    /// Increases with every epoch published (across restarts of the MDN, within one session).
    public var sequence: Int = 0
    /// The session's seed.
    public var seed: UInt64
    /// Mixture components of the MDN being trained.
    public var mixtures: Int
    /// MSE progress.
    public var mse = ModelProgress()
    /// MDN progress (since its last restart).
    public var mdn = ModelProgress()
    /// Optimiser steps per second of each model while it trains (0 before its first epoch).
    public var stepsPerSecond: [ModelKind: Double] = [:]
    /// Both models have stopped (early stopping, epoch limit, non-finite loss).
    public var finished: Bool { mse.finished && mdn.finished }

    /// Why each model stopped: "early stopping" when both did so, else per model
    /// ("MSE early stopping, MDN max epochs").
    public var stopSummary: String { Self.stopSummary(mse: mse.stopReason, mdn: mdn.stopReason) }

    /// The stop summary for two stop reasons (nil: still running).
    public static func stopSummary(mse: StopReason?, mdn: StopReason?) -> String {
        func text(_ r: StopReason?) -> String { (r?.rawValue ?? "running").replacingOccurrences(of: "_", with: " ") }
        if mse == mdn { return text(mse) }
        return "MSE \(text(mse)), MDN \(text(mdn))"
    }

    /// Median epoch time per model, for `--profile`: "MDN epoch: n 120, median 15.1 ms".
    public var epochTimingSummary: String {
        func line(_ name: String, _ v: [Double]) -> String {
            guard !v.isEmpty else { return "\(name) epoch: no samples" }
            let s = v.sorted()
            return "\(name) epoch: n \(v.count), median \(Self.milliseconds(s[s.count / 2]))"
        }
        return line("MSE", mse.epochMilliseconds) + "\n" + line("MDN", mdn.epochMilliseconds)
    }

    /// "15.10 ms".
    static func milliseconds(_ v: Double) -> String {
        let hundredths = Int((v * 100).rounded())
        let frac = hundredths % 100
        return "\(hundredths / 100).\(frac < 10 ? "0" : "")\(frac) ms"
    }

    /// An empty snapshot for a session that has not run an epoch yet.
    public init(seed: UInt64, mixtures: Int) {
        self.seed = seed
        self.mixtures = mixtures
    }
}

/// One epoch of one model as its training thread publishes it: the payload the explorer's
/// `update` records in the state's timeline.
public struct EpochSnapshot: Sendable, Equatable {
    /// The model.
    public var kind: ModelKind
    /// Which run of the model (`ModelTimeline.generation`): epochs of a run the MDN's restart
    /// replaced are dropped.
    public var generation: Int
    /// The trainer's report (losses in the training units).
    public var report: EpochReport
    /// The weights at the end of the epoch, in half precision.
    public var weights: HalfWeights
    /// The model's optimiser steps per second so far (time in its epochs only).
    public var stepsPerSecond: Double

    /// A snapshot.
    public init(kind: ModelKind, generation: Int, report: EpochReport, weights: HalfWeights, stepsPerSecond: Double) {
        self.kind = kind
        self.generation = generation
        self.report = report
        self.weights = weights
        self.stepsPerSecond = stepsPerSecond
    }
}

/// What a training session tells the explorer, in order per model.
public enum TrainingEvent: Sendable, Equatable {
    /// A model starts (or the MDN restarts): its empty timeline (shape, initial weights,
    /// normaliser, generation).
    case began(ModelTimeline)
    /// A model finished an epoch.
    case epoch(EpochSnapshot)
    /// A model's training ended.
    case finished(kind: ModelKind, generation: Int, reason: StopReason, restoredEpoch: Int?)
    /// `--mixtures auto`: the search screens K = `mixtures` (`index` 0-based, of `count`).
    case screening(mixtures: Int, index: Int, count: Int)
    /// `--mixtures auto` chose K (the MDN's timeline begins next), or was cancelled by a K
    /// press (nil).
    case mixturesChosen(MixtureSearch.Choice?)
}
