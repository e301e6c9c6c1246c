import SafeText

/// Checks a theme file for what the bundled TOML parser (toml++ in TOMLKit) cannot take: it
/// aborts the whole process (an assertion in `parse_key`, exit 134) when the first character
/// of a table header is neither a bare-key character nor a quote (`[é]`, `[$colors]`,
/// `[[.a]]`), as `Fuzz/FuzzTheme` found. Such a file is refused here with the one-line
/// "malformed TOML" error any other syntax error gets; every valid table header passes.
enum TOMLGuard {
    /// Throws `ThemeError.malformed` for a table header that would make toml++ abort.
    static func check(_ text: String, file: String) throws(ThemeError) {
        var line = 1
        var column = 0
        var atLineStart = true
        var brackets = 0  // "[" or "[[" seen at the start of this line, awaiting the key
        for scalar in text.unicodeScalars {
            column += 1
            if brackets > 0 {
                // After "[" or "[[" only spaces and tabs may come before the key (toml++ also
                // asserts on a line break there).
                if scalar == " " || scalar == "\t" { continue }
                if scalar == "[" && brackets == 1 {
                    brackets = 2
                    continue
                }
                if !startsKey(scalar) {
                    let shown = scalar == "\n" || scalar == "\r" ? "a line break" : SafeText.quoted(String(scalar))
                    throw .malformed(
                        file: file, line: line, column: column,
                        message: "a table name cannot start with \(shown) (use letters, digits, '_', '-', or quotes)")
                }
                brackets = 0
                atLineStart = false
                continue
            }
            if scalar == "\n" {
                line += 1
                column = 0
                atLineStart = true
                continue
            }
            if scalar == " " || scalar == "\t" || scalar == "\r" { continue }
            if scalar == "[" && atLineStart {
                brackets = 1
                atLineStart = false
                continue
            }
            atLineStart = false
        }
    }

    /// A bare-key character (A-Z a-z 0-9 _ -), a quote, or the "]" of an empty header
    /// (which toml++ reports itself).
    private static func startsKey(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-", "\"", "'", "]": return true
        default: return false
        }
    }
}
