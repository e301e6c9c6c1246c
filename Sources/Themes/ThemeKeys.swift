import TermPlot

/// A colour a theme file defines, named by its key path in the file (`colors.truth`, `status.bg`).
public enum ColorSlot: String, Hashable, Sendable, CaseIterable {
    case background = "colors.background"
    case text = "colors.text"
    case dimText = "colors.dim_text"
    case title = "colors.title"
    case axis = "colors.axis"
    case truth = "colors.truth"
    case mseCurve = "colors.mse_curve"
    case mdnSamples = "colors.mdn_samples"
    case reference = "colors.reference"
    case warning = "colors.warning"
    case accent = "colors.accent"
    case lossMSETrain = "loss.mse.train"
    case lossMSEValidation = "loss.mse.val"
    case lossMDNTrain = "loss.mdn.train"
    case lossMDNValidation = "loss.mdn.val"
    case statusForeground = "status.fg"
    case statusBackground = "status.bg"
    case helpForeground = "help.fg"
    case helpBackground = "help.bg"

    /// The key path in the file.
    public var key: String { rawValue }

    /// The key under `[ansi8]` that overrides this colour on 8-colour terminals
    /// (`colors.` dropped: `ansi8.truth`, `ansi8.status.fg`).
    public var ansi8Key: String {
        "ansi8." + (rawValue.hasPrefix("colors.") ? String(rawValue.dropFirst("colors.".count)) : rawValue)
    }
}

/// A role as named in the `[attributes]` and `[mono]` tables: every density level under
/// `density`, every mixture component under `components`, loss curves as `loss.MODEL.SPLIT`.
public enum RoleKey: String, Hashable, Sendable, CaseIterable {
    case background, text
    case dimText = "dim_text"
    case title, axis, truth
    case mseCurve = "mse_curve"
    case mdnSamples = "mdn_samples"
    case reference, density, components
    case lossMSETrain = "loss.mse.train"
    case lossMSEValidation = "loss.mse.val"
    case lossMDNTrain = "loss.mdn.train"
    case lossMDNValidation = "loss.mdn.val"
    case status, help, warning, accent

    /// The colour slot giving this role's foreground (the text colour for `background`), or nil
    /// for density and components (which come from the ramp and the component list).
    public var foregroundSlot: ColorSlot? {
        switch self {
        case .background, .text: return .text
        case .dimText: return .dimText
        case .title: return .title
        case .axis: return .axis
        case .truth: return .truth
        case .mseCurve: return .mseCurve
        case .mdnSamples: return .mdnSamples
        case .reference: return .reference
        case .density, .components: return nil
        case .lossMSETrain: return .lossMSETrain
        case .lossMSEValidation: return .lossMSEValidation
        case .lossMDNTrain: return .lossMDNTrain
        case .lossMDNValidation: return .lossMDNValidation
        case .status: return .statusForeground
        case .help: return .helpForeground
        case .warning: return .warning
        case .accent: return .accent
        }
    }

    /// The colour slot giving this role's own background, if it has one.
    public var backgroundSlot: ColorSlot? {
        switch self {
        case .status: return .statusBackground
        case .help: return .helpBackground
        case .background: return .background
        default: return nil
        }
    }
}
