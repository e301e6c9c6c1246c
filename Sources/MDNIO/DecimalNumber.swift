/// The one rule for numbers mdnx reads from text: CSV cells and numeric command-line options.
///
/// A number is written in decimal: an optional sign, digits with an optional decimal point
/// (`1`, `-2.5`, `.5`, `3.`), and an optional exponent (`1e-3`, `2E+6`); surrounding spaces
/// and tabs are ignored. Nothing else is a number: not hexadecimal (`0x1p3`), not `inf` or
/// `infinity` (`infinite`), not `nan` (a CSV reads `NaN`, like `NA` and an empty cell, as a
/// missing value; see `CSVLoader`). The value is rounded to the nearest float32, and must
/// then be representable without losing it: at most `largest` in magnitude (`tooLarge`
/// otherwise), and not a nonzero number that float32 rounds to 0 (`tooSmall`: below about
/// 1.4e-45). `largest` is 1e36, below float32's 3.4e38 so that scaling, training and
/// plotting (ranges, padding, ticks) stay finite.
public enum DecimalNumber {
    /// The largest magnitude accepted.
    public static let largest: Float = 1e36

    /// What a text is under the rule.
    public enum Reading: Equatable, Sendable {
        /// A number within range, as float32.
        case number(Float)
        /// Not decimal syntax (or empty).
        case notANumber
        /// `inf`, `-Infinity`, ...: a number, but not a finite one.
        case infinite
        /// Above `largest` in magnitude.
        case tooLarge
        /// Nonzero, but float32 rounds it to 0.
        case tooSmall
    }

    /// Reads `text` under the rule (surrounding spaces and tabs ignored).
    public static func read(_ text: some StringProtocol) -> Reading {
        let t = trimmed(Substring(text))
        guard let nonzero = scan(t.utf8) else {
            return isInfinity(t) ? .infinite : .notANumber
        }
        guard let v = Float(t) else { return .notANumber }
        if !(abs(v) <= largest) { return .tooLarge }
        if v == 0 && nonzero { return .tooSmall }
        return .number(v)
    }

    /// The rule in words, for messages: "decimal numbers from 1.4e-45 to 1e36 in magnitude, or 0".
    public static let ruleText = "decimal numbers (like 8, -2.5 or 1e-3) from 1.4e-45 to 1e36 in magnitude, or 0"

    /// Whether `bytes` is decimal syntax; if so, whether the mantissa has a nonzero digit.
    static func scan(_ bytes: Substring.UTF8View) -> Bool? {
        var i = bytes.startIndex
        let end = bytes.endIndex
        if i < end, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i = bytes.index(after: i) }
        var digits = 0
        var nonzero = false
        var sawPoint = false
        while i < end {
            let b = bytes[i]
            if b >= 48 && b <= 57 {
                digits += 1
                if b != 48 { nonzero = true }
            } else if b == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                break
            }
            i = bytes.index(after: i)
        }
        guard digits > 0 else { return nil }
        if i < end {
            guard bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") else { return nil }
            i = bytes.index(after: i)
            if i < end, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i = bytes.index(after: i) }
            var exponentDigits = 0
            while i < end, bytes[i] >= 48 && bytes[i] <= 57 {
                exponentDigits += 1
                i = bytes.index(after: i)
            }
            guard exponentDigits > 0, i == end else { return nil }
        }
        return nonzero
    }

    /// `inf` or `infinity`, any case, with an optional sign.
    static func isInfinity(_ text: Substring) -> Bool {
        var t = text
        if t.first == "+" || t.first == "-" { t = t.dropFirst() }
        guard t.utf8.count <= 8 else { return false }
        let lower = t.lowercased()
        return lower == "inf" || lower == "infinity"
    }

    /// `text` without surrounding spaces and tabs.
    public static func trimmed(_ text: Substring) -> Substring {
        let u = text.utf8
        var start = u.startIndex
        var end = u.endIndex
        while start < end, u[start] == 32 || u[start] == 9 { start = u.index(after: start) }
        while end > start, u[u.index(before: end)] == 32 || u[u.index(before: end)] == 9 { end = u.index(before: end) }
        return text[start..<end]
    }
}
