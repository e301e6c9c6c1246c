import ArgumentParser
import MDNCore

/// `--temperature` and `--sigma-temperature`, shared by `plot` and `sample`: how an MDN's
/// mixture is tempered before it is drawn from.
struct TemperatureOptions: ParsableArguments {
    // `.unconditional`: a negative value (`--temperature -1`) is read as a value and then
    // rejected with the one-line message below, not taken for an option.
    @Option(
        parsing: .unconditional, help: "Mixing temperature T > 0 for the MDN: pi = softmax(logits / T). (default: 1)",
        transform: OptionValue.float("--temperature", .positive))
    var temperature: Float = 1

    @Option(
        parsing: .unconditional,
        help: "Sigma temperature S > 0 for the MDN: each component's variance times S. (default: 1)",
        transform: OptionValue.float("--sigma-temperature", .positive))
    var sigmaTemperature: Float = 1

    /// Both temperatures positive and finite (`MixtureError`'s message otherwise).
    func check() throws {
        do {
            try MixtureError.validate(temperature: temperature, sigmaTemperature: sigmaTemperature)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// `batch` tempered by these temperatures (`check()` first: it throws on bad ones).
    func temper(_ batch: MixtureBatch) throws(MixtureError) -> MixtureBatch {
        try batch.tempered(temperature: temperature, sigmaTemperature: sigmaTemperature)
    }
}
