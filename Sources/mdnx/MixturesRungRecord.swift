import MDNCore

/// One K of the `--mixtures auto` ladder in JSON: in `train --json`'s `mixtures` line and in
/// the checkpoint's `mixtures_ladder` metadata. `JSONNumber` fields are null when not finite
/// (a diverged screening run).
struct MixturesRungRecord: Encodable, Equatable {
    /// The K.
    var mixtures: Int
    /// Mean validation NLL of the screening run, nats.
    var valNLL: JSONNumber
    /// Standard error of its difference from the best K's (0 for the best).
    var standardError: JSONNumber
    /// Epochs of the screening run.
    var epochs: Int
    /// Its wall time, seconds.
    var seconds: Double

    private enum CodingKeys: String, CodingKey {
        case mixtures, epochs, seconds
        case valNLL = "val_nll"
        case standardError = "standard_error"
    }
}

extension MixturesRungRecord {
    /// The record of rung `r`.
    init(_ r: MixtureSearch.Rung) {
        self.init(
            mixtures: r.mixtures, valNLL: JSONNumber(r.validationNLL), standardError: JSONNumber(r.standardError),
            epochs: r.epochs, seconds: r.seconds)
    }
}
