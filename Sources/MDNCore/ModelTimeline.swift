/// One model's training, recorded epoch by epoch: every epoch's report (losses, learning rate,
/// time) and its weights in half precision, so that any epoch's network can be rebuilt and
/// evaluated at any x (the explorer's timeline, animations of the training).
///
/// Reports are kept as the trainer made them (losses in the training units); `inDataUnits`
/// converts them with the timeline's normaliser. Weights may be thinned to fit a memory
/// budget (`thin(toFit:)`): the reports of all epochs stay, the weights of every other epoch
/// go, except the first, the last and the best epoch's, and `network(atEpoch:)` then answers
/// with the nearest earlier epoch that kept its weights.
public struct ModelTimeline: Sendable, Equatable {
    /// One recorded epoch.
    public struct Entry: Sendable, Equatable {
        /// The trainer's report (1-based epoch, losses in the training units).
        public var report: EpochReport
        /// The weights at the end of the epoch, or nil if thinned away.
        public var weights: HalfWeights?

        /// An entry.
        public init(report: EpochReport, weights: HalfWeights?) {
            self.report = report
            self.weights = weights
        }
    }

    /// mse or mdn.
    public var kind: ModelKind { template.kind }
    /// Which run of this model it records within one session: 0 for the first, n after n
    /// restarts (the explorer's K restarts the MDN).
    public let generation: Int
    /// The network's shape, with its initial weights (epoch 0).
    public let template: Network
    /// Maps the data into the network's units and its outputs back.
    public let normalizer: Normalizer
    /// The quantity whose lowest value marks the best epoch (early stopping's monitor).
    public let monitor: Monitor
    /// Every recorded epoch, in order (entry i is epoch i + 1).
    public private(set) var entries: [Entry] = []
    /// Why training ended, once it has.
    public private(set) var stopReason: StopReason?
    /// The epoch whose weights the trainer restored at the end, if any.
    public private(set) var restoredEpoch: Int?
    /// Weights are kept for epochs 1, 1 + stride, 1 + 2 stride, ... (and the protected ones);
    /// 1 until `thin(toFit:)` doubles it.
    public private(set) var weightStride = 1
    /// Bytes of the weights kept (tracked, so `byteCount` is O(1)).
    private var weightBytes = 0

    /// An empty timeline for a model that starts as `template`.
    public init(template: Network, normalizer: Normalizer, monitor: Monitor = .valLoss, generation: Int = 0) {
        self.template = template
        self.normalizer = normalizer
        self.monitor = monitor
        self.generation = generation
    }

    /// Mixture components K (mdn), or nil (mse).
    public var mixtures: Int? { template.layout?.components }
    /// Epochs recorded.
    public var count: Int { entries.count }
    /// The last recorded epoch (0 before the first).
    public var lastEpoch: Int { entries.last?.report.epoch ?? 0 }
    /// Training has ended.
    public var isFinished: Bool { stopReason != nil }

    /// Appends epoch `report.epoch`, which must follow the last one, with its weights.
    public mutating func record(_ report: EpochReport, weights: HalfWeights) {
        precondition(report.epoch == lastEpoch + 1, "epoch \(report.epoch) recorded after epoch \(lastEpoch)")
        precondition(!isFinished, "the timeline's training has ended")
        precondition(
            weights.values.count == template.parameterCount,
            "\(weights.values.count) weights for a network of \(template.parameterCount) parameters")
        entries.append(Entry(report: report, weights: weights))
        weightBytes += weights.byteCount
    }

    /// Marks the end of training.
    public mutating func finish(_ reason: StopReason, restoredEpoch: Int?) {
        stopReason = reason
        self.restoredEpoch = restoredEpoch
    }

    /// The entry of `epoch` (1-based), if recorded.
    public func entry(epoch: Int) -> Entry? {
        epoch >= 1 && epoch <= entries.count ? entries[epoch - 1] : nil
    }

    /// The monitored value of a report (val_loss falls back to the loss without validation).
    public func monitored(_ report: EpochReport) -> Double {
        monitor == .valLoss ? (report.valLoss ?? report.loss) : report.loss
    }

    /// The epoch with the lowest monitored value (the restored one once training restored
    /// one), or nil before the first epoch. Non-finite values never count as best.
    public var bestEpoch: Int? {
        if let restoredEpoch { return restoredEpoch }
        var best: (epoch: Int, value: Double)?
        for e in entries {
            let v = monitored(e.report)
            if v.isFinite && v < (best?.value ?? .infinity) { best = (e.report.epoch, v) }
        }
        return best?.epoch
    }

    /// The network at the end of `epoch` (clamped to the recorded range), or of the nearest
    /// earlier epoch that kept its weights; with that epoch. Epoch 0 is the initial network.
    public func network(atEpoch epoch: Int) -> (network: Network, epoch: Int) {
        var e = min(max(epoch, 0), entries.count)
        while e >= 1 {
            if let w = entries[e - 1].weights { return (w.network(like: template), e) }
            e -= 1
        }
        return (template, 0)
    }

    /// The network training ended with: the restored epoch's when it restored one, else the
    /// last epoch's.
    public var finalNetwork: (network: Network, epoch: Int) {
        network(atEpoch: restoredEpoch ?? lastEpoch)
    }

    /// The MSE model's prediction at `x` (data units) after `epoch`, in data units.
    public func curve(atEpoch epoch: Int, x: [Float]) -> [Float] {
        precondition(kind == .mse, "a curve is the MSE model's prediction")
        return normalizer.denormalizeY(network(atEpoch: epoch).network.predict(normalizer.normalizeX(x)))
    }

    /// The MDN's mixture parameters at `x` (data units) after `epoch`, in data units.
    public func mixtures(atEpoch epoch: Int, x: [Float]) -> MixtureBatch {
        let net = network(atEpoch: epoch).network
        guard let layout = net.layout else { preconditionFailure("mixture parameters come from an MDN") }
        return normalizer.denormalize(MixtureBatch(layout: layout, rows: net.predict(normalizer.normalizeX(x))))
    }

    /// `report` with its losses in the data's units (MSE times the target variance, NLL plus
    /// the normaliser's log-Jacobian).
    public func inDataUnits(_ report: EpochReport) -> EpochReport {
        Self.inDataUnits(report, kind: kind, normalizer: normalizer)
    }

    /// `report` of a `kind` model trained through `normalizer`, with its losses in the data's
    /// units.
    public static func inDataUnits(_ report: EpochReport, kind: ModelKind, normalizer: Normalizer) -> EpochReport {
        var r = report
        r.loss = normalizer.lossInDataUnits(r.loss, kind: kind)
        r.valLoss = r.valLoss.map { normalizer.lossInDataUnits($0, kind: kind) }
        return r
    }

    /// Bytes the timeline holds: weights, entries, the template.
    public var byteCount: Int {
        weightBytes + entries.count * MemoryLayout<Entry>.stride + template.parameterCount * 4
    }

    /// Drops weights until `byteCount <= budget` or only the protected epochs (first, last,
    /// best) keep theirs: each round doubles `weightStride` and keeps the weights of epochs
    /// 1, 1 + stride, 1 + 2 stride, ...
    public mutating func thin(toFit budget: Int) {
        while byteCount > budget {
            let kept = entries.filter { $0.weights != nil }.count
            let protected = Set([1, lastEpoch, bestEpoch ?? 1])
            if kept <= protected.count { return }
            weightStride *= 2
            for i in entries.indices where entries[i].weights != nil {
                let epoch = i + 1
                if !protected.contains(epoch) && (epoch - 1) % weightStride != 0 {
                    weightBytes -= entries[i].weights!.byteCount
                    entries[i].weights = nil
                }
            }
        }
    }
}
