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
    /// The faint tint of the cells that hold data (the data's backdrop under the models,
    /// the histogram of the data near a slice): the ground truth's colour mostly background.
    case dataTint
    /// The mixture component ranked `rank` (0 = the largest mixing weight) of `of`: its
    /// colour comes from the theme's component colormap at rank / (of - 1), its brightness
    /// `level` in 0..<Palette.densityLevels follows its mixing weight.
    case component(rank: Int, of: Int, level: UInt8)
    /// A loss curve: the model and whether it is the training or validation loss.
    case loss(model: LossModel, split: LossSplit)

    /// The first slot of the components (slots below it name the fixed roles).
    static let componentSlot: UInt16 = 16
    /// The most components that have slots of their own (rank r of n takes slot
    /// 16 + n(n-1)/2 + r, which fits a 16-bit slot up to 300 components).
    public static let maximumComponents = 300
    /// The brightest level.
    static let topLevel = Palette.densityLevels - 1

    /// The TermPlot role: a series slot (truth 0, backdrop 1, MSE curve 2, MDN samples 3,
    /// losses 4...7, data tint 8, component rank r of n at 16 + n(n-1)/2 + r with its level).
    public var styleRole: StyleRole {
        switch self {
        case .truth: return .series(0)
        case .backdrop: return .series(1)
        case .mseCurve: return .series(2)
        case .mdnSamples: return .series(3)
        case .dataTint: return .series(8)
        case .loss(let model, let split): return .series(4 + 2 * UInt16(model.rawValue) + UInt16(split.rawValue))
        case .component(let rank, let count, let level):
            let n = max(1, min(count, Self.maximumComponents))
            let r = max(0, min(rank, n - 1))
            return .series(slot: Self.componentSlot + UInt16(n * (n - 1) / 2 + r), level: min(level, Self.topLevel))
        }
    }

    /// Where a component sits on the theme's component colormap: sqrt(rank / (K - 1)), 0 for
    /// the largest weight, 1 for the smallest (0 when there is one component). The square
    /// root spreads the few largest components, the ones worth telling apart, over most of
    /// the map.
    public var colormapPosition: Double? {
        guard case .component(let rank, let count, _) = self else { return nil }
        return count <= 1 ? 0 : (Double(max(0, min(rank, count - 1))) / Double(count - 1)).squareRoot()
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
        case 8: self = .dataTint
        case Self.componentSlot...:
            // Invert 16 + n(n-1)/2 + r (0 <= r < n).
            let s = Int(slot - Self.componentSlot)
            var n = 1
            while (n + 1) * n / 2 <= s { n += 1 }
            guard n <= Self.maximumComponents else { return nil }
            self = .component(rank: s - n * (n - 1) / 2, of: n, level: level)
        default: return nil
        }
    }

    /// The glyph on ASCII canvases, so series differ without colour: data '.', MDN samples
    /// '+', MSE curve '#', components a...z by rank of weight (cycled), losses '*', 'o', 'x', '%'.
    public var asciiGlyph: Unicode.Scalar {
        switch self {
        case .truth, .backdrop: return "."
        case .dataTint: return ":"
        case .mdnSamples: return "+"
        case .mseCurve: return "#"
        case .component(let rank, _, _): return Unicode.Scalar(UInt8(ascii: "a") + UInt8(max(0, rank) % 26))
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

    /// The series style TermPlot draws this role with: points one dot each, except the MDN
    /// samples (two dots side by side, a denser pattern than the data); validation losses
    /// dashed.
    public var style: SeriesStyle {
        var s = SeriesStyle(role: styleRole, glyph: asciiGlyph, opacity: opacity)
        if self == .mdnSamples { s.mark = .pair }
        if case .loss(_, .validation) = self { s.pattern = .dashed }
        return s
    }

    /// The data as a backdrop beneath the models: faint, never covering the other series
    /// or a heatmap, and (with `tint`) shading the cells it occupies.
    public static func dataBackdrop(tint: Bool) -> SeriesStyle {
        var s = FigureRole.truth.style
        s.beneath = true
        s.tint = tint ? FigureRole.dataTint.styleRole : nil
        return s
    }

    /// The style of reference lines (e.g. the best achievable NLL): TermPlot's `.reference`
    /// role, '=' on ASCII canvases.
    public static let referenceLine = SeriesStyle(role: .reference, glyph: "=")
}
