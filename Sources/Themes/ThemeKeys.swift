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

/// A role as named in the `[attributes]` and `[mono]` tables: StyleRole, with every density
/// level under `density`, every component under `components`, loss curves as `loss.MODEL.SPLIT`.
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

    /// The role key for a StyleRole.
    public init(_ role: StyleRole) {
        switch role {
        case .text: self = .text
        case .dimText: self = .dimText
        case .axis: self = .axis
        case .title: self = .title
        // The backdrop is the ground truth drawn fainter: it shares truth's keys.
        case .truth, .backdrop: self = .truth
        case .mseCurve: self = .mseCurve
        case .mdnSamples: self = .mdnSamples
        case .reference: self = .reference
        case .density: self = .density
        case .component: self = .components
        case .loss(let model, let split):
            switch (model, split) {
            case (.mse, .train): self = .lossMSETrain
            case (.mse, .validation): self = .lossMSEValidation
            case (.mdn, .train): self = .lossMDNTrain
            case (.mdn, .validation): self = .lossMDNValidation
            }
        case .statusBar: self = .status
        case .help: self = .help
        case .warning: self = .warning
        case .accent: self = .accent
        case .background: self = .background
        }
    }

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

extension Theme {
    /// Every StyleRole, with each density level and components 0...7 at every level:
    /// what "a theme defines every role" is checked against.
    public static let allRoles: [StyleRole] = {
        var roles: [StyleRole] = [
            .text, .dimText, .axis, .title, .truth, .backdrop, .mseCurve, .mdnSamples, .reference,
            .statusBar, .help, .warning, .accent, .background,
        ]
        for model in LossModel.allCases {
            for split in LossSplit.allCases { roles.append(.loss(model: model, split: split)) }
        }
        for level in 0..<Palette.densityLevels {
            roles.append(.density(level: level))
            for index in 0..<UInt8(8) { roles.append(.component(index: index, level: level)) }
        }
        return roles
    }()
}
