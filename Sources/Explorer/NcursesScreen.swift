import CNcurses
import Foundation
import MDNFigures
import TermPlot
import Themes

/// Why curses could not start.
public enum ScreenError: Error, CustomStringConvertible {
    /// newterm failed: the terminal type is unknown or unusable.
    case unusableTerminal(term: String)

    public var description: String {
        switch self {
        case .unusableTerminal(let term):
            "mdnx: cannot start the terminal UI for TERM=\(term.isEmpty ? "(unset)" : term) (unknown or unusable terminal type); try TERM=xterm-256color, or use the headless commands (mdnx train, mdnx plot, mdnx sample)"
        }
    }
}

/// The ncurses adapter: turns cell grids into curses calls and reads keys, nothing else. The
/// only file that imports CNcurses; it must only be used from the main thread.
final class NcursesScreen: Screen {
    /// The colour capability in use.
    let depth: ColorDepth
    private var theme: Theme
    /// The theme background as a colour number (-1: the terminal's own).
    private var backgroundColor = -1
    /// Resolved (attributes, pair) per role pair for the current theme.
    private var styleCache: [StyleKey: (attr_t, Int32)] = [:]
    /// Colour pair per (foreground, background) colour index.
    private var pairs: [Int64: Int32] = [:]
    private var nextPair: Int32 = 1
    private var ended = false
    /// The frame on screen: rows that did not change are not drawn again (nil: draw all).
    private var onScreen: CellGrid?

    /// Starts curses on stdin/stdout. Call only after checking both are terminals.
    init(theme: Theme, environment: [String: String]) throws(ScreenError) {
        guard mdnx_newterm(nil) != nil else { throw .unusableTerminal(term: environment["TERM"] ?? "") }
        mdnx_register_atexit_endwin()
        mdnx_install_fatal_handlers()
        cbreak()
        noecho()
        nonl()
        keypad(mdnx_stdscr(), true)
        _ = curs_set(0)
        set_escdelay(25)
        // A click on the plot sets the inspector's x0; everything works without a mouse.
        mdnx_enable_mouse()
        var d = ColorDepth.none
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        if !noColor && has_colors() {
            start_color()
            use_default_colors()
            let colors = Int(mdnx_colors())
            d = ColorDepth.detect(environment: environment, terminalColors: colors)
            // Truecolour themes are drawn through the 256-colour palette: ncurses pairs take
            // palette indices, and rewriting palette entries (init_color) is not portable.
            if d == .truecolor { d = colors >= 256 ? .color256 : (colors >= 8 ? .color8 : .none) }
        }
        depth = d
        self.theme = theme
        backgroundColor = Self.backgroundIndex(theme, depth: d)
    }

    /// The theme's picture background at `depth`, or -1 (terminal default) without colour.
    private static func backgroundIndex(_ theme: Theme, depth: ColorDepth) -> Int {
        depth == .none || theme.isMonochrome ? -1 : TerminalColor.map(theme.background, depth: depth).paletteIndex
    }

    /// The terminal size in cells.
    var size: (width: Int, height: Int) { (Int(mdnx_cols()), Int(mdnx_lines())) }

    /// Switches theme; styles are resolved again on the next draw.
    func setTheme(_ theme: Theme) {
        self.theme = theme
        backgroundColor = Self.backgroundIndex(theme, depth: depth)
        styleCache.removeAll(keepingCapacity: true)
        onScreen = nil
    }

    /// Draws one frame with one refresh: the rows that differ from the frame on screen (all
    /// of them, after an erase, when the size or the theme changed). Never `clear` (flicker).
    func draw(_ grid: CellGrid) {
        let lines = Int(mdnx_lines())
        let cols = Int(mdnx_cols())
        let h = min(grid.height, lines)
        let w = min(grid.width, cols)
        let previous = onScreen.flatMap { $0.width == grid.width && $0.height == grid.height ? $0 : nil }
        if previous == nil { werase(mdnx_stdscr()) }
        onScreen = grid
        // One call per run of cells in the same style (setcchar per cell costs about 3x more).
        var run = [UInt32](repeating: 0, count: max(1, w))
        grid.cells.withUnsafeBufferPointer { cells in
            for y in 0..<h {
                if let previous, Self.sameRow(y, previous, cells, width: grid.width) { continue }
                var x = 0
                while x < w {
                    let first = cells[y * grid.width + x]
                    let (attr, pair) = style(first.foreground, first.background)
                    var n = 0
                    while x + n < w && n < 500 {
                        let c = cells[y * grid.width + x + n]
                        if n > 0 && (c.foreground != first.foreground || c.background != first.background) { break }
                        run[n] = c.glyph.value
                        n += 1
                    }
                    // The bottom-right cell would scroll the screen with waddnwstr: put it alone.
                    if y == lines - 1 && x + n == cols {
                        if n > 1 { _ = mdnx_put_run(Int32(y), Int32(x), run, Int32(n - 1), attr, pair) }
                        _ = mdnx_put_wchar(Int32(y), Int32(x + n - 1), run[n - 1], attr, pair)
                    } else {
                        _ = mdnx_put_run(Int32(y), Int32(x), run, Int32(n), attr, pair)
                    }
                    x += n
                }
            }
        }
        wnoutrefresh(mdnx_stdscr())
        doupdate()
    }

    /// Whether row `y` of `cells` (a grid `width` wide) equals that row of `previous`.
    private static func sameRow(_ y: Int, _ previous: CellGrid, _ cells: UnsafeBufferPointer<Cell>, width: Int) -> Bool
    {
        let start = y * width
        for x in 0..<width where previous.cells[start + x] != cells[start + x] { return false }
        return true
    }

    /// Waits up to `milliseconds` for a key or a resize; nil on timeout.
    func read(timeout milliseconds: Int) -> ScreenInput? {
        wtimeout(mdnx_stdscr(), Int32(milliseconds))
        var ch: UInt32 = 0
        let rc = mdnx_get_wch(&ch)
        if rc == mdnx_err() { return nil }
        if rc == mdnx_key_code_yes() {
            if Int32(ch) == mdnx_key_resize() { return .resize(width: size.width, height: size.height) }
            for n in 1...12 where Int32(ch) == mdnx_key_f(Int32(n)) { return .key(.function(n)) }
            if Int32(ch) == mdnx_key_home() { return .key(.home) }
            if Int32(ch) == mdnx_key_end() { return .key(.end) }
            if Int32(ch) == mdnx_key_left() { return .key(.left(far: false)) }
            if Int32(ch) == mdnx_key_right() { return .key(.right(far: false)) }
            if Int32(ch) == mdnx_key_sleft() { return .key(.left(far: true)) }
            if Int32(ch) == mdnx_key_sright() { return .key(.right(far: true)) }
            if Int32(ch) == mdnx_key_mouse() {
                var x: Int32 = 0
                var y: Int32 = 0
                return mdnx_get_click(&x, &y) == 1 ? .click(column: Int(x), row: Int(y)) : nil
            }
            return nil
        }
        switch ch {
        case 27: return .key(.escape)
        case 1...26 where ch != 9 && ch != 10 && ch != 13:
            return .key(.control(Character(Unicode.Scalar(ch + 96)!)))
        default:
            guard let scalar = Unicode.Scalar(ch) else { return nil }
            return .key(.character(Character(scalar)))
        }
    }

    /// Leaves curses and restores the terminal (idempotent).
    func end() {
        guard !ended else { return }
        ended = true
        endwin()
    }

    /// Attributes and colour pair for a cell's roles, from the theme at the terminal's depth.
    private func style(_ fg: StyleRole, _ bg: StyleRole?) -> (attr_t, Int32) {
        let key = StyleKey(foreground: fg, background: bg)
        if let cached = styleCache[key] { return cached }
        let f = theme.resolved(fg, depth: depth)
        // A background role (heatmap level, status bar) lends its background, else its foreground.
        let b: TerminalColor? =
            bg.map { role in
                let r = theme.resolved(role, depth: depth)
                return r.bg ?? r.fg
            } ?? f.bg
        var attr = mdnx_a_normal()
        if f.bold { attr |= mdnx_a_bold() }
        if f.dim { attr |= mdnx_a_dim() }
        if f.reverse { attr |= mdnx_a_reverse() }
        var pair: Int32 = 0
        if depth == .none {
            // Attributes only: filled areas (status bar, help box) become reverse video.
            if bg != nil || f.bg != nil, !f.reverse { attr |= mdnx_a_reverse() }
        } else {
            let bgIndex = b.map { $0 == .default ? backgroundColor : $0.paletteIndex } ?? backgroundColor
            pair = pairFor(f.fg.paletteIndex, bgIndex)
        }
        styleCache[key] = (attr, pair)
        return (attr, pair)
    }

    /// The colour pair for (fg, bg) colour indices, allocated on first use; 0 when pairs run out.
    private func pairFor(_ fg: Int, _ bg: Int) -> Int32 {
        let key = Int64(fg) << 32 | Int64(bg & 0xFFFF_FFFF)
        if let p = pairs[key] { return p }
        guard nextPair < mdnx_color_pairs() else { return 0 }
        let p = nextPair
        guard init_extended_pair(p, Int32(fg), Int32(bg)) == mdnx_ok() else { return 0 }
        nextPair += 1
        pairs[key] = p
        return p
    }
}

/// A cell's roles, the key of the style cache.
private struct StyleKey: Hashable {
    var foreground: StyleRole
    var background: StyleRole?
}
