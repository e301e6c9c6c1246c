import MDNCore

/// `mdnx train --json --mixtures auto`'s line for the choice, before the mdn's full run:
/// `{"event":"mixtures","chosen":5,"best":8,"ladder":[...],...}`.
struct TrainMixturesRecord: Encodable, Equatable {
    /// Always "mixtures".
    let event = "mixtures"
    /// The K trained in full.
    var chosen: Int
    /// The K with the lowest validation NLL.
    var best: Int
    /// How `chosen` follows from the ladder.
    var rule = "smallest K within one standard error of the best"
    /// Share of the full budget each screening run had.
    var screeningFraction: Double
    /// Every K of the ladder, in ladder order.
    var ladder: [MixturesRungRecord]
    /// Wall time of the whole screening, seconds.
    var seconds: Double

    private enum CodingKeys: String, CodingKey {
        case event, chosen, best, rule, ladder, seconds
        case screeningFraction = "screening_fraction"
    }
}

extension TrainMixturesRecord {
    /// The record of `choice`, whose screening took `seconds` with `fraction` of the budget each.
    init(_ choice: MixtureSearch.Choice, seconds: Double, fraction: Double) {
        self.init(
            chosen: choice.chosen, best: choice.best, screeningFraction: fraction,
            ladder: choice.rungs.map(MixturesRungRecord.init), seconds: seconds)
    }
}
