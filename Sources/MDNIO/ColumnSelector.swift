/// Which CSV column to use: by header name or by 1-based position.
///
/// Parsing rule (`init(parsing:)`): text made only of ASCII digits is a 1-based index
/// (`"2"` is the second column); `name:TEXT` is always the name TEXT (the escape hatch for
/// headers made of digits); anything else is a name, matched exactly (surrounding spaces in
/// header names are ignored). When a digits-only selector could mean both a position and a
/// different column whose header is that same text (a header named `"2"` that is not the
/// second column), resolving it fails with `CSVError.ambiguousSelector` instead of guessing;
/// the message says to write `name:2` for the named column, or the other column's name.
/// Positions count data columns: a leading row-name column (an empty first header, as R's
/// `write.csv` and pandas' `to_csv` write) is skipped and not counted.
public enum ColumnSelector: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// A column by its header name.
    case name(String)
    /// A column by its 1-based position.
    case index(Int)

    /// Parses a command-line selector (see the type's documentation for the rule).
    public init(parsing text: String) {
        if text.hasPrefix("name:") {
            self = .name(String(text.dropFirst(5)))
        } else if let n = ColumnSelector.digits(Substring(text)) {
            self = .index(n)
        } else {
            self = .name(text)
        }
    }

    /// The selector as a user would type it.
    public var description: String {
        switch self {
        case .name(let n): return n
        case .index(let i): return String(i)
        }
    }

    private static func digits(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(text) ?? Int.max
    }
}
