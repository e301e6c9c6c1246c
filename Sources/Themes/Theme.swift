import TermPlot

/// A colour theme, parsed from a TOML file (see themes/README.md for every key): colours by
/// slot, the density ramp, component colours, and attributes by role key, with and without
/// colour. The figures module (MDNFigures) turns it into styles for every role: a TermPlot
/// palette for exports and terminal styles at each colour depth.
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
}
