import TermPlot

/// A colour theme, parsed from a TOML file (see themes/README.md for every key).
///
/// A theme gives every `StyleRole` colours and attributes. `palette` hands them to TermPlot
/// (exporters, previews); `resolved(_:depth:)` maps them to what the terminal can show.
public struct Theme: Hashable, Sendable {
    /// The name used to select the theme (the file name without `.toml`).
    public var name: String
    /// The display name (the file's `name` key; defaults to `name`).
    public var displayName: String
    /// A one-line description (the file's `description` key), possibly empty.
    public var summary: String
    /// A monochrome theme ignores colours at every depth and uses the `[mono]` attributes.
    public var isMonochrome: Bool
    /// Every colour slot's value.
    public var colors: [ColorSlot: RGB]
    /// The density ramp, `Palette.densityLevels` colours, faintest first.
    public var densityRamp: [RGB]
    /// Mixture component colours, cycled by component index (never empty).
    public var components: [RGB]
    /// Attributes used when colours are shown.
    public var attributes: [RoleKey: TextAttributes]
    /// Attributes used without colour (depth `.none`, and always in a monochrome theme).
    public var mono: [RoleKey: TextAttributes]
    /// 8-colour overrides by slot (instead of the nearest basic colour).
    public var ansi8: [ColorSlot: BasicColor]
    /// 8-colour overrides for the component colours, cycled like `components`; may be empty.
    public var ansi8Components: [BasicColor]

    /// Creates a theme from its parts.
    public init(
        name: String, displayName: String? = nil, summary: String = "", isMonochrome: Bool = false,
        colors: [ColorSlot: RGB], densityRamp: [RGB], components: [RGB],
        attributes: [RoleKey: TextAttributes] = [:], mono: [RoleKey: TextAttributes] = [:],
        ansi8: [ColorSlot: BasicColor] = [:], ansi8Components: [BasicColor] = []
    ) {
        precondition(ColorSlot.allCases.allSatisfy { colors[$0] != nil }, "a theme needs every colour slot")
        precondition(
            densityRamp.count == Int(Palette.densityLevels), "the density ramp needs Palette.densityLevels colours")
        precondition(!components.isEmpty, "a theme needs at least one component colour")
        self.name = name
        self.displayName = displayName ?? name
        self.summary = summary
        self.isMonochrome = isMonochrome
        self.colors = colors
        self.densityRamp = densityRamp
        self.components = components
        self.attributes = attributes
        self.mono = mono
        self.ansi8 = ansi8
        self.ansi8Components = ansi8Components
    }

    /// The colour of a slot.
    public func color(_ slot: ColorSlot) -> RGB {
        guard let c = colors[slot] else { preconditionFailure("theme \(name) lacks \(slot.key)") }
        return c
    }

    /// The background of the whole picture.
    public var background: RGB { color(.background) }

    /// Whether the background is light (relative luminance above 0.5, Rec. 709 weights on
    /// the gamma-encoded channels).
    public var isLight: Bool {
        let b = background
        return (0.2126 * Double(b.r) + 0.7152 * Double(b.g) + 0.0722 * Double(b.b)) / 255 > 0.5
    }

    /// How much of a component's colour shows at `level` (the rest is background):
    /// 0.3 at level 0 rising linearly to 1 at the top level.
    public static func componentStrength(level: UInt8) -> Double {
        let top = Double(Palette.densityLevels - 1)
        return 0.3 + 0.7 * min(Double(level), top) / top
    }

    /// The 24-bit foreground of a role (monochrome themes: the text colour, with grey ramps
    /// for density and components).
    public func foreground(_ role: StyleRole) -> RGB {
        let top = Int(Palette.densityLevels) - 1
        switch role {
        case .density(let level):
            if isMonochrome {
                return background.mixed(
                    with: color(.text), amount: 0.25 + 0.75 * Double(min(Int(level), top)) / Double(top))
            }
            return densityRamp[min(Int(level), top)]
        case .component(let index, let level):
            let base = isMonochrome ? color(.text) : components[Int(index) % components.count]
            return background.mixed(with: base, amount: Self.componentStrength(level: level))
        case .backdrop:
            if isMonochrome { return color(.text) }
            return background.mixed(with: color(.truth), amount: Palette.backdropStrength)
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
        let extra: TextAttributes = role == .backdrop ? [.dim] : []
        if colored && !isMonochrome { return (attributes[key] ?? []).union(extra) }
        var a = (mono[key] ?? []).union(extra)
        let level: UInt8?
        switch role {
        case .density(let l): level = l
        case .component(_, let l): level = l
        default: level = nil
        }
        if let level {
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
    public func resolved(_ role: StyleRole, depth: ColorDepth) -> ResolvedStyle {
        let colored = depth != .none && !isMonochrome
        var a = attributes(role, colored: colored)
        if colored && depth == .color8 {
            // 8 colours are too few to keep every role apart: add [mono]'s bold and dim.
            a.formUnion(attributes(role, colored: false).subtracting(.reverse))
        }
        guard colored else {
            return ResolvedStyle(fg: .default, bg: nil, attributes: a)
        }
        let key = RoleKey(role)
        var fgOverride: BasicColor? = key.foregroundSlot.flatMap { ansi8[$0] }
        var fgColor = foreground(role)
        if role == .backdrop && depth == .color8 {
            // Blended toward the background it could collapse to black or white: use the
            // truth colour, which the dim attribute already sets back.
            fgColor = color(.truth)
        }
        if case .component(let index, _) = role, depth == .color8 {
            // Blending toward the background would collapse to black or white in 8 colours.
            fgColor = components[Int(index) % components.count]
            if !ansi8Components.isEmpty { fgOverride = ansi8Components[Int(index) % ansi8Components.count] }
        }
        let fg = TerminalColor.map(fgColor, depth: depth, override: fgOverride)
        let bg = backgroundColor(role).map { rgb in
            TerminalColor.map(rgb, depth: depth, override: key.backgroundSlot.flatMap { ansi8[$0] })
        }
        return ResolvedStyle(fg: fg, bg: bg, attributes: a)
    }
}
