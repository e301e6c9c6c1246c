/// Why a mixture could not be sampled: a temperature that is not a positive finite number.
public enum MixtureError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The mixing temperature T (pi = softmax(logits / T)) was <= 0, NaN or infinite.
    case invalidTemperature(Float)
    /// The sigma temperature S (covariance * S) was <= 0, NaN or infinite.
    case invalidSigmaTemperature(Float)

    public var description: String {
        switch self {
        case .invalidTemperature(let t):
            return "temperature must be a positive finite number, got \(t)"
        case .invalidSigmaTemperature(let s):
            return "sigma temperature must be a positive finite number, got \(s)"
        }
    }

    /// Throws unless both temperatures are positive and finite.
    public static func validate(temperature: Float, sigmaTemperature: Float) throws(MixtureError) {
        guard temperature.isFinite, temperature > 0 else { throw .invalidTemperature(temperature) }
        guard sigmaTemperature.isFinite, sigmaTemperature > 0 else {
            throw .invalidSigmaTemperature(sigmaTemperature)
        }
    }
}
