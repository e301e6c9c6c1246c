/// Escape-code colour depth for `.ansi` exports.
public enum AnsiColorMode: String, Hashable, Sendable, CaseIterable {
    /// 24-bit colour (`ESC[38;2;r;g;bm`).
    case truecolor
    /// The xterm 256-colour palette (`ESC[38;5;nm`).
    case color256
}

/// Turns a CellGrid into text with ANSI escape codes: `cat file.ansi` shows the screen.
public enum AnsiExporter {
    /// The grid as escape-coded text. A cell without a background role takes its foreground
    /// role's background, else the palette background. Only bold is emitted (not dim or reverse).
    public static func ansi(_ grid: CellGrid, palette: Palette, mode: AnsiColorMode = .truecolor) -> String {
        var out = String.UnicodeScalarView()
        var cache: [StyleRole: RoleStyle] = [:]
        func style(_ r: StyleRole) -> RoleStyle {
            if let s = cache[r] { return s }
            let s = palette.style(for: r)
            cache[r] = s
            return s
        }
        for row in 0..<grid.height {
            var current: (RGB, RGB, Bool)? = nil
            for col in 0..<grid.width {
                let cell = grid[col, row]
                let fs = style(cell.foreground)
                let bg = cell.background.map { style($0).fill } ?? (fs.background ?? palette.background)
                let key = (fs.foreground, bg, fs.bold)
                if current == nil || current! != key {
                    out.append(contentsOf: "\u{1B}[0".unicodeScalars)
                    if fs.bold { out.append(contentsOf: ";1".unicodeScalars) }
                    out.append(contentsOf: code(fs.foreground, background: false, mode).unicodeScalars)
                    out.append(contentsOf: code(bg, background: true, mode).unicodeScalars)
                    out.append("m")
                    current = key
                }
                out.append(cell.glyph)
            }
            out.append(contentsOf: "\u{1B}[0m\n".unicodeScalars)
        }
        return String(out)
    }

    static func code(_ c: RGB, background: Bool, _ mode: AnsiColorMode) -> String {
        switch mode {
        case .truecolor: return ";\(background ? 48 : 38);2;\(c.r);\(c.g);\(c.b)"
        case .color256: return ";\(background ? 48 : 38);5;\(Xterm256.nearestIndex(c))"
        }
    }
}
