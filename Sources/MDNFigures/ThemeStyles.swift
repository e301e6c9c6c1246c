import TermPlot
import Themes

extension RoleKey {
    /// The theme key of a TermPlot role: TermPlot's own roles by name, series slots by the
    /// figure role they stand for (the backdrop shares the ground truth's keys); unknown
    /// slots read as text.
    public init(_ role: StyleRole) {
        switch role {
        case .text: self = .text
        case .dimText: self = .dimText
        case .axis: self = .axis
        case .title: self = .title
        case .reference: self = .reference
        case .density: self = .density
        case .statusBar: self = .status
        case .help: self = .help
        case .warning: self = .warning
        case .accent: self = .accent
        case .background: self = .background
        case .series:
            switch FigureRole(role) {
            case .truth, .backdrop, .dataTint: self = .truth
            case .mseCurve: self = .mseCurve
            case .mdnSamples: self = .mdnSamples
            case .component: self = .components
            case .loss(.mse, .train): self = .lossMSETrain
            case .loss(.mse, .validation): self = .lossMSEValidation
            case .loss(.mdn, .train): self = .lossMDNTrain
            case .loss(.mdn, .validation): self = .lossMDNValidation
            case nil: self = .text
            }
        }
    }
}

/// The theme-to-style glue: every TermPlot role (with mdnx's series) as the theme draws it,
/// as a TermPlot palette for exports and as terminal styles at each colour depth.
extension Theme {
    /// How much of the ground truth's colour the backdrop keeps (the rest is background).
    public static let backdropStrength = 0.5
    /// How much of the ground truth's colour the data tint keeps (the rest is background).
    public static let tintStrength = 0.2

    /// The colour of component rank `position` (0 largest weight ... 1 smallest) on the
    /// theme's component colormap (its component colours as stops, first to last).
    public func componentColor(at position: Double) -> RGB { Colormap.color(components, at: position) }

    /// The 8-colour override for a component at `position`, from `ansi8Components` taken as
    /// a ramp too (nearest entry), or nil when the theme has none.
    func ansi8Component(at position: Double) -> BasicColor? {
        guard !ansi8Components.isEmpty else { return nil }
        return ansi8Components[Int((position * Double(ansi8Components.count - 1)).rounded())]
    }

    /// How much of a component's colour shows at `level` (the rest is background):
    /// 0.3 at level 0 rising linearly to 1 at the top level.
    public static func componentStrength(level: UInt8) -> Double {
        let top = Double(Palette.densityLevels - 1)
        return 0.3 + 0.7 * min(Double(level), top) / top
    }

    /// The level of a density or component role, else nil.
    static func level(_ role: StyleRole) -> UInt8? {
        switch role {
        case .density(let level): return level
        case .series:
            if case .component(_, _, let level) = FigureRole(role) { return level }
            return nil
        default: return nil
        }
    }

    /// The 24-bit foreground of a role (monochrome themes: the text colour, with grey ramps
    /// for density and components).
    public func foreground(_ role: StyleRole) -> RGB {
        let top = Int(Palette.densityLevels) - 1
        if case .density(let level) = role {
            if isMonochrome {
                return background.mixed(
                    with: color(.text), amount: 0.25 + 0.75 * Double(min(Int(level), top)) / Double(top))
            }
            return densityRamp[min(Int(level), top)]
        }
        let figureRole = FigureRole(role)
        switch figureRole {
        case .component(_, _, let level):
            let base = isMonochrome ? color(.text) : componentColor(at: figureRole?.colormapPosition ?? 0)
            return background.mixed(with: base, amount: Self.componentStrength(level: level))
        case .backdrop:
            if isMonochrome { return color(.text) }
            return background.mixed(with: color(.truth), amount: Self.backdropStrength)
        case .dataTint:
            if isMonochrome { return background }
            return background.mixed(with: color(.truth), amount: Self.tintStrength)
        default:
            if isMonochrome { return role == .background ? background : color(.text) }
            guard let slot = RoleKey(role).foregroundSlot else { return color(.text) }
            return color(slot)
        }
    }

    /// The 24-bit background of a role, or nil for the picture background.
    public func backgroundColor(_ role: StyleRole) -> RGB? {
        guard !isMonochrome else { return role == .background ? background : nil }
        return RoleKey(role).backgroundSlot.map(color)
    }

    /// The attributes of a role with colour (`colored == true`) or without.
    ///
    /// Without colour, density and component levels also differ by attribute: levels in the
    /// lowest third add dim, the top quarter adds bold (the glyphs already differ by density).
    public func attributes(_ role: StyleRole, colored: Bool) -> TextAttributes {
        let key = RoleKey(role)
        // The backdrop is always dim, so it stays behind the ground truth without colour too.
        let extra: TextAttributes = FigureRole(role) == .backdrop ? [.dim] : []
        if colored && !isMonochrome { return (attributes[key] ?? []).union(extra) }
        var a = (mono[key] ?? []).union(extra)
        if let level = Self.level(role) {
            if Int(level) * 3 < Int(Palette.densityLevels) { a.insert(.dim) }
            if Int(level) * 4 >= Int(Palette.densityLevels) * 3 { a.insert(.bold) }
        }
        return a
    }

    /// The theme as a TermPlot palette: 24-bit colours and the colour attributes (the `[mono]`
    /// attributes for a monochrome theme). Light themes give a light `background`.
    public var palette: Palette {
        let theme = self
        return Palette(name: displayName, background: background) { role in
            let a = theme.attributes(role, colored: true)
            return RoleStyle(
                foreground: theme.foreground(role), background: theme.backgroundColor(role),
                bold: a.contains(.bold), dim: a.contains(.dim), reverse: a.contains(.reverse))
        }
    }

    /// How `role` is drawn at `depth`: colours mapped to the depth, plus attributes. At depth
    /// `.none`, or in a monochrome theme, colours are `.default` and only the `[mono]`
    /// attributes (and glyphs) tell roles apart. At `.color8` the `[mono]` bold and dim are
    /// added to the `[attributes]`, since several roles may share a basic colour.
    public func resolved(_ role: StyleRole, depth: ColorDepth) -> TerminalStyle {
        let colored = depth != .none && !isMonochrome
        var a = attributes(role, colored: colored)
        if colored && depth == .color8 {
            // 8 colours are too few to keep every role apart: add [mono]'s bold and dim.
            a.formUnion(attributes(role, colored: false).subtracting(.reverse))
        }
        guard colored else { return TerminalStyle(fg: .default, bg: nil, attributes: a) }
        let key = RoleKey(role)
        var fgOverride: BasicColor? = key.foregroundSlot.flatMap { ansi8[$0] }
        var fgColor = foreground(role)
        if depth == .color8 {
            switch FigureRole(role) {
            case .backdrop:
                // Blended toward the background it could collapse to black or white: use the
                // truth colour, which the dim attribute already sets back.
                fgColor = color(.truth)
            case .component:
                // Blending toward the background would collapse to black or white in 8 colours.
                let position = FigureRole(role)?.colormapPosition ?? 0
                fgColor = componentColor(at: position)
                if let c = ansi8Component(at: position) { fgOverride = c }
            case .dataTint:
                // A tint needs more than 8 colours: the picture's own background.
                fgColor = background
                fgOverride = nil
            default: break
            }
        }
        let fg = TerminalColor.map(fgColor, depth: depth, override: fgOverride)
        let bg = backgroundColor(role).map { rgb in
            TerminalColor.map(rgb, depth: depth, override: key.backgroundSlot.flatMap { ansi8[$0] })
        }
        return TerminalStyle(fg: fg, bg: bg, attributes: a)
    }

    /// Every role a theme must draw: TermPlot's own, every figure series, each density level
    /// and components ranked 0...7 of 8 at every level.
    public static let allRoles: [StyleRole] = {
        var roles: [StyleRole] = [
            .text, .dimText, .axis, .title, .reference, .statusBar, .help, .warning, .accent, .background,
        ]
        roles += [FigureRole.truth, .backdrop, .mseCurve, .mdnSamples, .dataTint].map(\.styleRole)
        for model in LossModel.allCases {
            for split in LossSplit.allCases { roles.append(FigureRole.loss(model: model, split: split).styleRole) }
        }
        for level in 0..<Palette.densityLevels {
            roles.append(.density(level: level))
            for rank in 0..<8 { roles.append(FigureRole.component(rank: rank, of: 8, level: level).styleRole) }
        }
        return roles
    }()
}
