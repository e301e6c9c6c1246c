/// How the main plot's axes are chosen (the explorer's `a` key cycles them).
public enum AxisMode: String, Hashable, Sendable, CaseIterable {
    /// The data's ranges with a small margin, whatever the models draw (samples outside are
    /// clipped and counted in the legend); x and y at the same scale only for data whose
    /// columns share a unit (the spiral) and where that costs little space.
    case fitData = "fit data"
    /// Every series (data, MSE curve, samples) in view.
    case fitAll = "fit everything"
    /// The data's ranges, then one range widened so x and y have the same scale.
    case equalAspect = "equal aspect"

    /// The next mode in the cycle.
    public var next: AxisMode {
        let all = Self.allCases
        return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }

    /// The margin around the data, as a fraction of each range's span: no point sits on the frame.
    public static let margin: Float = 0.03

    /// The most of the plot that equal aspect may leave empty before `fitData` draws the
    /// axes to their own scales (a third).
    public static let cheapEqualAspect = 1.0 / 3.0
}

/// Which series the main plot shows (the explorer's `1` `2` `3` keys toggle them).
public struct FigureLayers: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The data (ground truth).
    public static let data = FigureLayers(rawValue: 1)
    /// The MSE network's mean curve.
    public static let mse = FigureLayers(rawValue: 2)
    /// The MDN's samples.
    public static let samples = FigureLayers(rawValue: 4)
    /// Everything.
    public static let all: FigureLayers = [.data, .mse, .samples]

    /// The layer toggled by the explorer's key `1`, `2` or `3`.
    public static func numbered(_ n: Int) -> FigureLayers? {
        switch n {
        case 1: return .data
        case 2: return .mse
        case 3: return .samples
        default: return nil
        }
    }

    /// "data", "MSE mean", "MDN samples": the layer's name in messages.
    public var name: String {
        switch self {
        case .data: return "data"
        case .mse: return "MSE mean"
        case .samples: return "MDN samples"
        default: return "layers"
        }
    }
}
