/// Text as it may be written into a cell grid or a vector picture: control characters
/// (Unicode category Cc: C0, DEL, C1) are replaced by a visible escape in `cat -v` style,
/// so text from a user's file (a CSV column name, a theme name) can neither move the cursor
/// nor restyle a terminal, nor make an SVG invalid.
///
/// C0 and DEL use caret notation (`ESC` -> `^[`, newline -> `^J`, tab -> `^I`, DEL -> `^?`);
/// C1 takes a `M-` prefix before the caret form of its low seven bits (U+009B -> `M-^[`).
public enum VisibleText {
    /// Whether `scalar` is a control character (C0, DEL or C1).
    @inline(__always) public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0)
    }

    /// `text` with every control character replaced by its visible escape (unchanged when it
    /// has none).
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out.append(contentsOf: escape(scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// The ellipsis that marks cut text: "…", or "..." where only ASCII can show.
    public static func ellipsis(ascii: Bool) -> String { ascii ? "..." : "\u{2026}" }

    /// `text` cut to at most `width` cells (one per scalar) with an ellipsis at the end when
    /// it is longer; unchanged when it fits. With `ascii` the ellipsis is "..." (or as many
    /// dots as fit).
    public static func truncated(_ text: String, to width: Int, ascii: Bool = false) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > width else { return text }
        guard width > 0 else { return "" }
        let mark = ellipsis(ascii: ascii)
        let markLength = mark.unicodeScalars.count
        guard width > markLength else { return String(String.UnicodeScalarView(mark.unicodeScalars.prefix(width))) }
        var kept = String.UnicodeScalarView(scalars.prefix(width - markLength))
        // No space right before the ellipsis.
        while let last = kept.last, last == " " { kept.removeLast() }
        return String(kept) + mark
    }

    /// The visible escape of one control character.
    static func escape(_ scalar: Unicode.Scalar) -> String {
        let v = scalar.value
        if v >= 0x80 { return "M-" + escape(Unicode.Scalar(UInt8(v - 0x80))) }
        if v == 0x7F { return "^?" }
        return "^" + String(Unicode.Scalar(UInt8(v + 0x40)))
    }
}
