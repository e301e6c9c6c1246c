import MDNCore

/// The sampling temperature T (pi = softmax(logits / T)) and sigma temperature S (variance
/// times S) a figure follows: valid by construction (both positive and finite).
public struct Temperatures: Hashable, Sendable {
    /// T.
    public let sampling: Double
    /// S.
    public let sigma: Double

    /// Both at 1: the mixture as the network predicts it.
    public static let neutral = Temperatures(checked: 1, 1)

    /// Temperatures T and S; throws `MixtureError` unless both are positive and finite.
    public init(sampling: Double, sigma: Double) throws(MixtureError) {
        try MixtureError.validate(temperature: Float(sampling), sigmaTemperature: Float(sigma))
        self.init(checked: sampling, sigma)
    }

    /// Temperatures known to be valid.
    private init(checked sampling: Double, _ sigma: Double) {
        self.sampling = sampling
        self.sigma = sigma
    }

    /// `batch` as the samples are drawn from it: logits / T, sigmas * sqrt(S).
    public func temper(_ batch: MixtureBatch) -> MixtureBatch {
        do {
            return try batch.tempered(temperature: Float(sampling), sigmaTemperature: Float(sigma))
        } catch {
            preconditionFailure("Temperatures are validated on creation: \(error)")
        }
    }

    /// Mixing weights softmax(logits / T) of `batch`, `count * K` values.
    public func weights(_ batch: MixtureBatch) -> [Float] {
        do {
            return try batch.weights(temperature: Float(sampling))
        } catch {
            preconditionFailure("Temperatures are validated on creation: \(error)")
        }
    }

    /// `perRow` draws from every row of `batch` at these temperatures, row r's draws first.
    public func samples(_ batch: MixtureBatch, perRow: Int = 1, rng: inout SeededRNG) -> [Float] {
        do {
            return try batch.samples(
                perRow: perRow, temperature: Float(sampling), sigmaTemperature: Float(sigma), rng: &rng)
        } catch {
            preconditionFailure("Temperatures are validated on creation: \(error)")
        }
    }

    /// "T 1, S 1.25", as titles show them.
    public var label: String { "T \(Self.format(sampling)), S \(Self.format(sigma))" }

    /// A short number: 1, 1.25, 0.64, 0.0512 (three decimals at most, six characters).
    public static func format(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        if rounded == rounded.rounded() && abs(rounded) < 1e9 { return String(Int(rounded)) }
        var text = String(rounded)
        if text.count > 6 { text = String(text.prefix(6)) }
        return text
    }
}
