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
            return "\(file):\(line):\(column): malformed TOML: \(message)"
        case .unknownKey(let file, let line, let key, let suggestion, let validKeys):
            let hint =
                suggestion.map { "did you mean \"\($0)\"?" } ?? "valid keys: " + validKeys.joined(separator: ", ")
            return "\(Self.place(file, line)): unknown key \"\(key)\" (\(hint))"
        case .badColor(let file, let line, let key, let value):
            return "\(Self.place(file, line)): \(key): \"\(value)\" is not a colour (expected #rrggbb)"
        case .badValue(let file, let line, let key, let message):
            return "\(Self.place(file, line)): \(key): \(message)"
        case .missingKey(let file, let key):
            return "\(file): missing key \"\(key)\""
        case .unreadable(let path, let reason):
            return "\(path): cannot read theme: \(reason)"
        case .notFound(let name, let available, let searched):
            let location = searched.isEmpty ? "" : " in " + searched.joined(separator: ", ")
            return "no theme \"\(name)\"\(location) (available: \(available.joined(separator: ", ")))"
        }
    }

    /// `file:line`, or `file` when the line is unknown.
    static func place(_ file: String, _ line: Int?) -> String {
        line.map { "\(file):\($0)" } ?? file
    }
}
