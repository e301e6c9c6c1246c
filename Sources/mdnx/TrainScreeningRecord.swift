import MDNCore

/// `mdnx train --json --mixtures auto`'s line for one finished screening run:
/// `{"event":"mixtures_screened","mixtures":5,...}`. `val_nll` is null when not finite.
struct TrainScreeningRecord: Encodable, Equatable {
    /// Always "mixtures_screened".
    let event = "mixtures_screened"
    /// The K screened.
    var mixtures: Int
    /// Mean validation NLL, nats.
    var valNLL: JSONNumber
    /// Epochs trained.
    var epochs: Int
    /// Wall time, seconds.
    var seconds: Double

    private enum CodingKeys: String, CodingKey {
        case event, mixtures, epochs, seconds
        case valNLL = "val_nll"
    }
}

extension TrainScreeningRecord {
    /// The record of screening `s`.
    init(_ s: MixtureSearch.Screening) {
        self.init(mixtures: s.mixtures, valNLL: JSONNumber(s.meanNLL), epochs: s.epochs, seconds: s.seconds)
    }
}
