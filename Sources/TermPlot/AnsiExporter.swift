/// Escape-code colour depth for `.ansi` exports.
public enum AnsiColorMode: String, Hashable, Sendable, CaseIterable {
    /// 24-bit colour (`ESC[38;2;r;g;bm`).
    case truecolor
    /// The xterm 256-colour palette (`ESC[38;5;nm`).
    case color256
}

/// Turns a CellGrid into text with ANSI (SGR) escape codes: `cat file.ansi` shows the
/// screen. The one encoder for `.ansi` exports and for escape-coded output to a terminal.
public enum AnsiExporter {
    /// The grid as escape-coded text, each role drawn as `style` says (bold, dim and reverse
    /// included). A cell's background is its background role's (`bg`, else that role's `fg`),
    /// else its foreground role's `bg`, else none (the terminal's own). Codes are written only
    /// where the style changes; every line ends with a reset.
    public static func ansi(_ grid: CellGrid, style: (StyleRole) -> TerminalStyle) -> String {
        var styles: [StyleRole: TerminalStyle] = [:]
        func resolved(_ role: StyleRole) -> TerminalStyle {
            if let s = styles[role] { return s }
            let s = style(role)
            styles[role] = s
            return s
        }
        var codes: [Pair: String] = [:]
        var out = String.UnicodeScalarView()
        out.reserveCapacity(grid.width * grid.height * 2)
        for row in 0..<grid.height {
            var current: String? = nil
            for col in 0..<grid.width {
                let cell = grid[col, row]
                let pair = Pair(foreground: cell.foreground, background: cell.background)
                let code: String
                if let c = codes[pair] {
                    code = c
                } else {
                    let fg = resolved(cell.foreground)
                    let bg = cell.background.map { r in resolved(r).bg ?? resolved(r).fg } ?? fg.bg
                    code = sgr(fg, background: bg)
                    codes[pair] = code
                }
                if code != current {
                    out.append(contentsOf: code.unicodeScalars)
                    current = code
                }
                out.append(cell.glyph)
            }
            out.append(contentsOf: "\u{1B}[0m\n".unicodeScalars)
        }
        return String(out)
    }

    /// The grid with a palette's 24-bit colours (`.truecolor`) or their nearest xterm-256
    /// indices (`.color256`), on the palette's background: for `.ansi` exports.
    public static func ansi(_ grid: CellGrid, palette: Palette, mode: AnsiColorMode = .truecolor) -> String {
        func color(_ c: RGB) -> TerminalColor { mode == .truecolor ? .rgb(c) : .indexed(Xterm256.nearestIndex(c)) }
        return ansi(grid) { role in
            let s = palette.style(for: role)
            return TerminalStyle(
                fg: color(s.foreground), bg: color(s.background ?? palette.background), bold: s.bold, dim: s.dim,
                reverse: s.reverse)
        }
    }

    /// The escape sequence that selects `style` with background `background`.
    static func sgr(_ style: TerminalStyle, background: TerminalColor?) -> String {
        var code = "\u{1B}[0"
        if style.bold { code += ";1" }
        if style.dim { code += ";2" }
        if style.reverse { code += ";7" }
        return code + style.fg.sgr(background: false) + (background?.sgr(background: true) ?? "") + "m"
    }

    /// A cell's roles: the key of the escape-code cache.
    private struct Pair: Hashable {
        var foreground: StyleRole
        var background: StyleRole?
    }
}
