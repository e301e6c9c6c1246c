/// Text that came from input (file contents, column names, checkpoint metadata, paths,
/// option values), made safe to echo in an error message, a label, a title or a status bar:
/// one line, no control bytes, bounded length, in time proportional to the bound.
///
/// The rule, the same everywhere mdnx echoes input:
/// - Control characters are shown escaped, never sent raw: `\n`, `\r`, `\t`, and `\u{1B}`
///   (hexadecimal, Swift's notation) for every other C0 or C1 control, DEL, and the
///   invisible Unicode formatting characters that can reorder or hide text (bidirectional
///   overrides and isolates, zero-width characters, line and paragraph separators, the
///   byte-order mark).
/// - A value longer than its limit (counted in characters after escaping) is cut and ends
///   with `…` and its full length in bytes: `"aaaa…" (4194304 bytes)`. Only the kept part is
///   looked at, so a multi-megabyte value costs no more than a short one.
/// - Lists (of column names, keys) show a bounded number of items, then how many more.
public enum SafeText {
    /// Characters kept of one echoed value (a cell, a name, a path, an option value).
    public static let valueLimit = 80
    /// Characters kept of a name shown as a plot label or title (a column, a file).
    public static let labelLimit = 40
    /// Characters kept of an echoed file path.
    public static let pathLimit = 240
    /// Characters kept of a whole one-line message.
    public static let messageLimit = 1000
    /// Items shown of a list before "… and N more".
    public static let listLimit = 12

    /// `text` on one line with control characters escaped, cut after `limit` characters
    /// with `…` and the full length in bytes.
    public static func echo(_ text: some StringProtocol, limit: Int = valueLimit) -> String {
        let (kept, cut) = escapedPrefix(text, limit: limit)
        return cut ? kept + "… (\(text.utf8.count) bytes)" : kept
    }

    /// The start of `text`, escaped, cut after `limit` characters with `…` (no length: for
    /// excerpts of something larger, like the first bytes of a file).
    public static func excerpt(_ text: some StringProtocol, limit: Int = valueLimit) -> String {
        let (kept, cut) = escapedPrefix(text, limit: limit)
        return cut ? kept + "…" : kept
    }

    /// `text` in double quotes, escaped and cut like `echo`: `"x"`, or `"aaaa…" (4194304 bytes)`.
    public static func quoted(_ text: some StringProtocol, limit: Int = valueLimit) -> String {
        let (kept, cut) = escapedPrefix(text, limit: limit)
        return cut ? "\"\(kept)…\" (\(text.utf8.count) bytes)" : "\"\(kept)\""
    }

    /// A file path as messages show it: escaped, cut after `pathLimit` characters, no quotes.
    public static func path(_ path: some StringProtocol) -> String {
        echo(path, limit: pathLimit)
    }

    /// A whole message made one line: control characters escaped and cut after `limit`
    /// characters (the last line of defence; values inside should already be cut by `echo`).
    public static func line(_ message: some StringProtocol, limit: Int = messageLimit) -> String {
        echo(message, limit: limit)
    }

    /// The first `limit` of `items`, each rendered by `item`, joined with ", ", then
    /// "… and N more" when there are more: `"a" (1), "b" (2), … and 999998 more`.
    public static func list<T>(_ items: [T], limit: Int = listLimit, item: (Int, T) -> String) -> String {
        var parts = items.prefix(limit).enumerated().map { item($0.offset, $0.element) }
        if items.count > limit { parts.append("… and \(items.count - limit) more") }
        return parts.joined(separator: ", ")
    }

    /// Names quoted and cut (`quoted`), bounded like `list`.
    public static func quotedList(_ names: [String], limit: Int = listLimit) -> String {
        list(names, limit: limit) { _, name in quoted(name) }
    }

    /// Whether `scalar` is shown escaped: C0 and C1 controls, DEL, and invisible formatting
    /// characters (bidirectional controls, zero-width characters, line and paragraph
    /// separators, the byte-order mark).
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2069, 0xFEFF: return true
        default: return false
        }
    }

    /// Whether `text` has nothing `echo` would escape (it may still be long).
    public static func isPlain(_ text: some StringProtocol) -> Bool {
        !text.unicodeScalars.contains(where: needsEscape)
    }

    /// The escaped text of at most `limit` characters, and whether anything was left out.
    private static func escapedPrefix(_ text: some StringProtocol, limit: Int) -> (String, Bool) {
        var out = ""
        var count = 0
        for scalar in text.unicodeScalars {
            let piece = needsEscape(scalar) ? escape(scalar) : String(scalar)
            let width = piece.unicodeScalars.count
            if count + width > limit { return (out, true) }
            out += piece
            count += width
        }
        return (out, false)
    }

    /// `\n`, `\r`, `\t`, or `\u{XX}`.
    private static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default: return "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }
}
