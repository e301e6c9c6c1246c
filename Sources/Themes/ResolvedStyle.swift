/// How one role is drawn on a terminal at a given colour depth: what the ncurses adapter
/// turns into a colour pair plus attributes.
public struct ResolvedStyle: Hashable, Sendable {
    /// Foreground colour.
    public var fg: TerminalColor
    /// Background colour, or nil for the theme background (`resolved(.background, depth).bg`).
    public var bg: TerminalColor?
    /// Bold.
    public var bold: Bool
    /// Dim.
    public var dim: Bool
    /// Reverse video.
    public var reverse: Bool

    /// Creates a resolved style.
    public init(
        fg: TerminalColor, bg: TerminalColor? = nil, bold: Bool = false, dim: Bool = false, reverse: Bool = false
    ) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
    }

    /// Creates a resolved style whose bold, dim and reverse come from `attributes`.
    public init(fg: TerminalColor, bg: TerminalColor?, attributes a: TextAttributes) {
        self.init(fg: fg, bg: bg, bold: a.contains(.bold), dim: a.contains(.dim), reverse: a.contains(.reverse))
    }

    /// The attributes as a set.
    public var attributes: TextAttributes {
        var a = TextAttributes()
        if bold { a.insert(.bold) }
        if dim { a.insert(.dim) }
        if reverse { a.insert(.reverse) }
        return a
    }
}
