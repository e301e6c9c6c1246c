/// The recorded training of a session: the MSE model's timeline and the MDN's (and the MDN's
/// timeline before its last restart), within a memory budget.
///
/// Every epoch is recorded with its weights in half precision (`HalfWeights`); a view of an
/// epoch is computed from them on demand, at any x. The budget: the default preset's full run
/// on the spiral at K = 20 (MSE 16,897 parameters, MDN 24,508; at most 250 + 600 epochs) needs
/// about 8.5 + 29.5 MB; with a second MDN timeline kept after a restart, up to ~68 MB. Past
/// `byteBudget` (64 MB by default) the largest timeline is thinned (`ModelTimeline.thin`),
/// the previous MDN timeline first.
public struct TrainingHistory: Sendable, Equatable {
    /// 64 MiB.
    public static let defaultByteBudget = 64 << 20

    /// The most bytes the recorded weights may take.
    public var byteBudget: Int
    /// The MSE model's timeline, once it started.
    public private(set) var mse: ModelTimeline?
    /// The MDN's current timeline, once it started.
    public private(set) var mdn: ModelTimeline?
    /// The MDN's timeline before its last restart (kept until the next one).
    public private(set) var previousMDN: ModelTimeline?

    /// An empty history.
    public init(byteBudget: Int = TrainingHistory.defaultByteBudget) {
        precondition(byteBudget > 0, "the byte budget must be positive")
        self.byteBudget = byteBudget
    }

    /// The current timeline of `kind`.
    public subscript(kind: ModelKind) -> ModelTimeline? {
        kind == .mse ? mse : mdn
    }

    /// Starts recording a model: `timeline` (usually empty) replaces the current one of its
    /// kind; a replaced MDN timeline becomes `previousMDN` (dropping the one before).
    public mutating func begin(_ timeline: ModelTimeline) {
        switch timeline.kind {
        case .mse:
            mse = timeline
        case .mdn:
            if mdn != nil { previousMDN = mdn }
            mdn = timeline
        }
        enforceBudget()
    }

    /// Records an epoch of the current `kind` timeline (which must have begun).
    public mutating func record(_ kind: ModelKind, _ report: EpochReport, weights: HalfWeights) {
        switch kind {
        case .mse:
            precondition(mse != nil, "the MSE timeline has not begun")
            mse!.record(report, weights: weights)
        case .mdn:
            precondition(mdn != nil, "the MDN timeline has not begun")
            mdn!.record(report, weights: weights)
        }
        enforceBudget()
    }

    /// Marks the end of the current `kind` timeline's training.
    public mutating func finish(_ kind: ModelKind, _ reason: StopReason, restoredEpoch: Int?) {
        switch kind {
        case .mse: mse?.finish(reason, restoredEpoch: restoredEpoch)
        case .mdn: mdn?.finish(reason, restoredEpoch: restoredEpoch)
        }
    }

    /// Epochs of the longer current timeline: the positions a viewer can move through.
    public var epochCount: Int { max(mse?.count ?? 0, mdn?.count ?? 0) }

    /// Both current timelines have ended.
    public var isFinished: Bool { (mse?.isFinished ?? false) && (mdn?.isFinished ?? false) }

    /// Bytes held by all timelines.
    public var byteCount: Int { (mse?.byteCount ?? 0) + (mdn?.byteCount ?? 0) + (previousMDN?.byteCount ?? 0) }

    /// Thins timelines until the history fits its budget: the previous MDN timeline first
    /// (down to an eighth of the budget), then the larger current timeline by the overflow,
    /// then the other.
    private mutating func enforceBudget() {
        guard byteCount > byteBudget else { return }
        previousMDN?.thin(toFit: byteBudget / 8)
        let mseFirst = (mse?.byteCount ?? 0) > (mdn?.byteCount ?? 0)
        for kind in mseFirst ? [ModelKind.mse, .mdn] : [.mdn, .mse] {
            let overflow = byteCount - byteBudget
            guard overflow > 0 else { return }
            switch kind {
            case .mse:
                let target = (mse?.byteCount ?? 0) - overflow
                mse?.thin(toFit: target)
            case .mdn:
                let target = (mdn?.byteCount ?? 0) - overflow
                mdn?.thin(toFit: target)
            }
        }
        if byteCount > byteBudget { previousMDN?.thin(toFit: 0) }
    }
}
