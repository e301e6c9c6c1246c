import Foundation
import TermPlot
import Themes

/// Terminal facts and escape-coded output for `mdnx plot` without `--output`.
enum PlotTerminal {
    /// The size of the terminal on `fd` in cells, if it is one.
    static func size(fd: Int32 = STDOUT_FILENO) -> (columns: Int, rows: Int)? {
        guard isatty(fd) == 1 else { return nil }
        var ws = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0, ws.ws_row > 0 else { return nil }
        return (Int(ws.ws_col), Int(ws.ws_row))
    }

    /// `grid` as text with SGR escape codes for `theme` at `depth`; cells without their own
    /// background keep the terminal's.
    static func ansi(_ grid: CellGrid, theme: Theme, depth: ColorDepth) -> String {
        var cache: [StyleRole: ResolvedStyle] = [:]
        func style(_ role: StyleRole) -> ResolvedStyle {
            if let s = cache[role] { return s }
            let s = theme.resolved(role, depth: depth)
            cache[role] = s
            return s
        }
        var out = String.UnicodeScalarView()
        for row in 0..<grid.height {
            var current: String? = nil
            for col in 0..<grid.width {
                let cell = grid[col, row]
                let fg = style(cell.foreground)
                let bg = cell.background.map { r in style(r).bg ?? style(r).fg } ?? fg.bg
                var code = "\u{1B}[0"
                if fg.bold { code += ";1" }
                if fg.dim { code += ";2" }
                if fg.reverse { code += ";7" }
                code += sgr(fg.fg, background: false) + (bg.map { sgr($0, background: true) } ?? "") + "m"
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

    /// The SGR parameters (with a leading ';') for one colour.
    static func sgr(_ color: TerminalColor, background: Bool) -> String {
        switch color {
        case .default: return ""
        case .ansi(let n): return ";\(Int(n) + (background ? 40 : 30))"
        case .indexed(let n): return ";\(background ? 48 : 38);5;\(n)"
        case .rgb(let c): return ";\(background ? 48 : 38);2;\(c.r);\(c.g);\(c.b)"
        }
    }
}
