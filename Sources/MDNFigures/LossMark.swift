import TermPlot

/// An epoch marked on a loss panel: the one viewed in the explorer's timeline, or the best.
public struct LossMark: Sendable, Equatable {
    /// What the mark means.
    public enum Kind: Sendable, Equatable {
        /// The epoch shown (the explorer's viewed epoch).
        case viewed
        /// The epoch with the best monitored loss (the weights kept at the end).
        case best
    }

    /// The model whose panel shows the mark.
    public var model: LossModel
    /// The 1-based epoch.
    public var epoch: Int
    /// Viewed or best.
    public var kind: Kind

    /// A mark.
    public init(model: LossModel, epoch: Int, kind: Kind) {
        self.model = model
        self.epoch = epoch
        self.kind = kind
    }

    /// How the mark is drawn: a vertical line in the accent role ("|" on ASCII) for the
    /// viewed epoch, the reference role (":") for the best.
    public var style: SeriesStyle {
        kind == .viewed ? SeriesStyle(role: .accent, glyph: "|") : SeriesStyle(role: .reference, glyph: ":")
    }

    /// The legend label: "viewed ep 230", "best ep 262".
    public var label: String { (kind == .viewed ? "viewed" : "best") + " ep \(epoch)" }
}
