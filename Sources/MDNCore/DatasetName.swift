/// The built-in data sets, by the name the command line and the explorer use.
public enum DatasetName: String, CaseIterable, Sendable {
    /// The Keras tutorial's noisy spiral (`Datasets.spiral` with its default jitter and turns).
    case spiral
    /// Bishop's inverse problem (`Datasets.bishop`).
    case bishop

    /// Whether x and y are in one unit, so plots draw them at equal scale (only the spiral's).
    public var sharesUnits: Bool { self == .spiral }

    /// `count` rows of this data set, generated from `seed`.
    public func generate(count: Int = 10_000, seed: UInt64) -> Dataset {
        switch self {
        case .spiral: Datasets.spiral(count: count, seed: seed)
        case .bishop: Datasets.bishop(count: count, seed: seed)
        }
    }
}
