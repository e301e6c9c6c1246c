import MDNCore

/// One model's progress as the UI sees it.
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
    /// Early stopping (or the epoch limit) ended training.
    public var finished: Bool = false
    /// Why training ended, once it has.
    public var stopReason: StopReason? = nil
    /// Milliseconds each epoch took, in order (for `--profile`).
    public var epochMilliseconds: [Double] = []

    /// An empty history.
    public init() {}

    /// Appends one epoch.
    mutating func record(_ r: EpochReport, finished: Bool, stopReason: StopReason? = nil) {
        epoch = r.epoch
        loss.append(r.loss)
        if let v = r.valLoss {
            valLoss.append(v)
            valEpochs.append(r.epoch)
        }
        learningRate.append(Double(r.learningRate))
        epochMilliseconds.append(r.milliseconds)
        self.finished = finished
        self.stopReason = stopReason
    }
}

/// What the training thread publishes after each epoch: a Sendable value the UI reads.
public struct Snapshot: Sendable {
    /// Increases with every publish (across restarts of the MDN, within one session).
    public var sequence: Int = 0
    /// The session's seed.
    public var seed: UInt64
    /// Mixture components of the MDN being trained.
    public var mixtures: Int
    /// MSE progress.
    public var mse = ModelProgress()
    /// MDN progress.
    public var mdn = ModelProgress()
    /// The x grid of the MSE curve.
    public var curveX: [Float] = []
    /// The MSE network's prediction on `curveX`.
    public var curveY: [Float] = []
    /// The x values the MDN parameters belong to.
    public var mixtureX: [Float] = []
    /// The MDN's mixture parameters, one row per `mixtureX`, or nil before the first MDN epoch.
    public var mixtureRows: MixtureBatch? = nil
    /// Optimiser steps per second over the session (both models).
    public var stepsPerSecond: Double = 0
    /// Both models have stopped (early stopping or epoch limit).
    public var finished: Bool { mse.finished && mdn.finished }

    /// Why each model stopped: "early stopping" when both did so, else per model
    /// ("MSE early stopping, MDN max epochs").
    public var stopSummary: String {
        func text(_ r: StopReason?) -> String { (r?.rawValue ?? "running").replacingOccurrences(of: "_", with: " ") }
        if mse.stopReason == mdn.stopReason { return text(mse.stopReason) }
        return "MSE \(text(mse.stopReason)), MDN \(text(mdn.stopReason))"
    }

    /// Median epoch time per model, for `--profile`: "MDN epoch: n 120, median 15.1 ms".
    public var epochTimingSummary: String {
        func line(_ name: String, _ v: [Double]) -> String {
            guard !v.isEmpty else { return "\(name) epoch: no samples" }
            let s = v.sorted()
            return "\(name) epoch: n \(v.count), median " + String(format: "%.2f ms", s[s.count / 2])
        }
        return line("MSE", mse.epochMilliseconds) + "\n" + line("MDN", mdn.epochMilliseconds)
    }

    /// An empty snapshot for a session that has not run an epoch yet.
    public init(seed: UInt64, mixtures: Int) {
        self.seed = seed
        self.mixtures = mixtures
    }
}
