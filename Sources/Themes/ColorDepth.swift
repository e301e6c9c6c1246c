/// How many colours the terminal can show; decides how theme colours are mapped.
public enum ColorDepth: String, Hashable, Sendable, CaseIterable {
    /// 24-bit colour (`COLORTERM=truecolor` or `24bit`).
    case truecolor
    /// The xterm 256-colour palette.
    case color256
    /// The 8 basic ANSI colours.
    case color8
    /// No colour at all (`NO_COLOR`, or a monochrome terminal): attributes and glyphs only.
    case none

    /// Detects the depth from the environment and, when known, the terminal's colour count.
    ///
    /// In order: `NO_COLOR` set to anything non-empty gives `.none` (https://no-color.org);
    /// `COLORTERM` of `truecolor` or `24bit` gives `.truecolor`; then `terminalColors` (ncurses
    /// `COLORS` after `start_color`) decides: >= 256 gives `.color256`, >= 8 `.color8`, fewer
    /// `.none`. Without a count, `TERM` decides: containing `256color` gives `.color256`,
    /// empty or `dumb` gives `.none`, anything else `.color8`.
    public static func detect(environment: [String: String], terminalColors: Int? = nil) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        let colorTerm = (environment["COLORTERM"] ?? "").lowercased()
        if colorTerm == "truecolor" || colorTerm == "24bit" { return .truecolor }
        if let count = terminalColors {
            if count >= 256 { return .color256 }
            if count >= 8 { return .color8 }
            return .none
        }
        let term = (environment["TERM"] ?? "").lowercased()
        if term.contains("256color") { return .color256 }
        if term.isEmpty || term == "dumb" { return .none }
        return .color8
    }
}
