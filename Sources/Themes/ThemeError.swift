import SafeText

/// Why a theme could not be loaded; `description` is one line naming the file, line and key.
public enum ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file is not valid TOML (line and column from the TOML parser).
    case malformed(file: String, line: Int, column: Int, message: String)
    /// A key the format does not have; `suggestion` is the closest valid key, `validKeys` the
    /// keys valid in the same table.
    case unknownKey(file: String, line: Int?, key: String, suggestion: String?, validKeys: [String])
    /// A colour that is not `#rrggbb`.
    case badColor(file: String, line: Int?, key: String, value: String)
    /// A value of the wrong kind or outside the allowed names.
    case badValue(file: String, line: Int?, key: String, message: String)
    /// A key that must be present is missing.
    case missingKey(file: String, key: String)
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// No theme of that name exists in the search directories.
    case notFound(name: String, available: [String], searched: [String])

    public var description: String {
        switch self {
        case .malformed(let file, let line, let column, let message):
            return "\(SafeText.path(file)):\(line):\(column): malformed TOML: \(SafeText.echo(message, limit: 200))"
        case .unknownKey(let file, let line, let key, let suggestion, let validKeys):
            let hint =
                suggestion.map { "did you mean \(SafeText.quoted($0))?" }
                ?? "valid keys: " + SafeText.list(validKeys) { _, k in SafeText.echo(k) }
            return "\(Self.place(file, line)): unknown key \(SafeText.quoted(key)) (\(hint))"
        case .badColor(let file, let line, let key, let value):
            return "\(Self.place(file, line)): \(SafeText.echo(key)): \(SafeText.quoted(value)) is not a colour "
                + "(expected #rrggbb)"
        case .badValue(let file, let line, let key, let message):
            return "\(Self.place(file, line)): \(SafeText.echo(key)): \(SafeText.echo(message, limit: 200))"
        case .missingKey(let file, let key):
            return "\(SafeText.path(file)): missing key \(SafeText.quoted(key))"
        case .unreadable(let path, let reason):
            return "\(SafeText.path(path)): cannot read theme: \(SafeText.echo(reason, limit: 200))"
        case .notFound(let name, let available, let searched):
            let location =
                searched.isEmpty ? "" : " in " + SafeText.list(searched) { _, d in SafeText.path(d) }
            return "no theme \(SafeText.quoted(name))\(location) "
                + "(available: \(SafeText.list(available) { _, n in SafeText.echo(n) }))"
        }
    }

    /// `file:line`, or `file` when the line is unknown (the file escaped and cut).
    static func place(_ file: String, _ line: Int?) -> String {
        line.map { "\(SafeText.path(file)):\($0)" } ?? SafeText.path(file)
    }
}
