import TermPlot

/// Which model a loss curve belongs to.
public enum LossModel: UInt8, Hashable, Sendable, CaseIterable { case mse, mdn }

/// Training or validation loss.
public enum LossSplit: UInt8, Hashable, Sendable, CaseIterable { case train, validation }

/// The series of mdnx's figures, by meaning. Each maps onto one of TermPlot's generic series
/// slots (`styleRole`), onto an ASCII glyph and a vector opacity (`style`), and, through
/// `Theme`'s styles (ThemeStyles.swift), onto the theme's colours and attributes.
public enum FigureRole: Hashable, Sendable {
    /// Ground-truth data points.
    case truth
    /// The data drawn faintly behind a model's prediction for context: the ground truth's
    /// colour pulled toward the background, dim, and lighter than `truth` in every export.
    case backdrop
    /// The MSE network's mean curve.
    case mseCurve
    /// Samples drawn from the MDN.
    case mdnSamples
    /// Mixture component `index` (cycled through the theme's component colours), with a
    /// brightness `level` in 0..<Palette.densityLevels following its mixing weight.
    case component(index: Int, level: UInt8)
    /// A loss curve: the model and whether it is the training or validation loss.
    case loss(model: LossModel, split: LossSplit)

    /// The first slot of the components (slots below it name the fixed roles).
    static let componentSlot: UInt16 = 16
    /// The largest component index with a slot of its own.
    static let maximumComponentIndex = Int(UInt16.max - componentSlot)
    /// The brightest level.
    static let topLevel = Palette.densityLevels - 1

    /// The TermPlot role: a series slot (truth 0, backdrop 1, MSE curve 2, MDN samples 3,
    /// losses 4...7, component k at 16 + k with its level).
    public var styleRole: StyleRole {
        switch self {
        case .truth: return .series(0)
        case .backdrop: return .series(1)
        case .mseCurve: return .series(2)
        case .mdnSamples: return .series(3)
        case .loss(let model, let split): return .series(4 + 2 * UInt16(model.rawValue) + UInt16(split.rawValue))
        case .component(let index, let level):
            let i = UInt16(max(0, min(index, Self.maximumComponentIndex)))
            return .series(slot: Self.componentSlot + i, level: min(level, Self.topLevel))
        }
    }

    /// The figure role a TermPlot role stands for, or nil for TermPlot's own roles and
    /// unknown slots.
    public init?(_ role: StyleRole) {
        guard case .series(let slot, let level) = role else { return nil }
        switch slot {
        case 0: self = .truth
        case 1: self = .backdrop
        case 2: self = .mseCurve
        case 3: self = .mdnSamples
        case 4...7:
            let n = UInt8(slot - 4)
            guard let model = LossModel(rawValue: n / 2), let split = LossSplit(rawValue: n % 2) else { return nil }
            self = .loss(model: model, split: split)
        case Self.componentSlot...: self = .component(index: Int(slot - Self.componentSlot), level: level)
        default: return nil
        }
    }

    /// The glyph on ASCII canvases, so series differ without colour: data '.', MDN samples
    /// '+', MSE curve '#', components a...z (cycled), losses '*', 'o', 'x', '%'.
    public var asciiGlyph: Unicode.Scalar {
        switch self {
        case .truth, .backdrop: return "."
        case .mdnSamples: return "+"
        case .mseCurve: return "#"
        case .component(let index, _): return Unicode.Scalar(UInt8(ascii: "a") + UInt8(index % 26))
        case .loss(let model, let split):
            switch (model, split) {
            case (.mse, .train): return "*"
            case (.mse, .validation): return "o"
            case (.mdn, .train): return "x"
            case (.mdn, .validation): return "%"
            }
        }
    }

    /// Opacity of points in vector exports: the ground truth light so the models stand out,
    /// the backdrop lighter still.
    public var opacity: Double {
        switch self {
        case .truth: return 0.45
        case .backdrop: return 0.3
        default: return 0.7
        }
    }

    /// The series style TermPlot draws this role with.
    public var style: SeriesStyle { SeriesStyle(role: styleRole, glyph: asciiGlyph, opacity: opacity) }

    /// The style of reference lines (e.g. the best achievable NLL): TermPlot's `.reference`
    /// role, '=' on ASCII canvases.
    public static let referenceLine = SeriesStyle(role: .reference, glyph: "=")
}
