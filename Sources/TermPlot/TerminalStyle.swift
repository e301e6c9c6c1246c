/// A colour as a terminal can show it at some colour depth.
public enum TerminalColor: Hashable, Sendable {
    /// The terminal's own default foreground or background (ncurses colour -1).
    case `default`
    /// One of the 8 basic ANSI colours, 0 (black) ... 7 (white).
    case ansi(UInt8)
    /// An index into the xterm 256-colour palette (16...255 from `Xterm256.nearestIndex`).
    case indexed(UInt8)
    /// A 24-bit colour.
    case rgb(RGB)

    /// The colour number for ncurses `init_pair`: -1 for `.default`, the index for `.ansi` and
    /// `.indexed`, and the nearest 256-colour index for `.rgb`.
    public var paletteIndex: Int {
        switch self {
        case .default: return -1
        case .ansi(let n): return Int(n)
        case .indexed(let n): return Int(n)
        case .rgb(let c): return Int(Xterm256.nearestIndex(c))
        }
    }

    /// The SGR parameters (with a leading ';') that select this colour as the foreground or
    /// the background; "" for `.default`.
    public func sgr(background: Bool) -> String {
        switch self {
        case .default: return ""
        case .ansi(let n): return ";\(Int(n) + (background ? 40 : 30))"
        case .indexed(let n): return ";\(background ? 48 : 38);5;\(n)"
        case .rgb(let c): return ";\(background ? 48 : 38);2;\(c.r);\(c.g);\(c.b)"
        }
    }
}

/// How one role is drawn on a terminal: colours a terminal can show plus attributes. What
/// the ncurses adapter turns into a colour pair and what the ANSI encoder writes.
public struct TerminalStyle: Hashable, Sendable {
    /// Foreground colour.
    public var fg: TerminalColor
    /// Background colour, or nil for the picture's background (a terminal's own, or the
    /// background role's).
    public var bg: TerminalColor?
    /// Bold.
    public var bold: Bool
    /// Dim.
    public var dim: Bool
    /// Reverse video.
    public var reverse: Bool

    /// Creates a terminal style.
    public init(
        fg: TerminalColor, bg: TerminalColor? = nil, bold: Bool = false, dim: Bool = false, reverse: Bool = false
    ) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
    }
}
