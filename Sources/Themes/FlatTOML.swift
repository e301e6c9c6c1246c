/// A TOML value below the table level: what theme validation looks at.
enum TOMLLeaf: Hashable, Sendable {
    case string(String)
    case bool(Bool)
    case integer(Int)
    case float(Double)
    case array([TOMLLeaf])
    case table
    case other(String)

    /// "a string", "an integer", ... for messages.
    var kindDescription: String {
        switch self {
        case .string: return "a string"
        case .bool: return "a boolean"
        case .integer: return "an integer"
        case .float: return "a number"
        case .array: return "an array"
        case .table: return "a table"
        case .other(let name): return "a \(name)"
        }
    }
}

/// A TOML document flattened to dotted key paths (`colors.truth`, `loss.mse.train`) with
/// the source line of each key. Arrays are leaves; tables are walked into.
struct FlatTOML: Sendable {
    /// Leaf values by dotted key path.
    var values: [String: TOMLLeaf]
    /// The line (1-based) where each key path, or table header, appears.
    var lines: TOMLLineLocator

    /// Parses `text` (`TOMLReader`'s subset of TOML); `file` names it in errors.
    init(text: String, file: String) throws(ThemeError) {
        values = try TOMLReader(text: text, file: file).values
        lines = TOMLLineLocator(text: text)
    }
}

/// Finds the line of a dotted key path in TOML source text, without a full parser: table
/// headers (`[a.b]`), `key = value` lines (dotted and quoted keys), and one level of inline
/// tables (`mse = { train = "#..." }`). Lines inside multi-line arrays are skipped.
struct TOMLLineLocator: Sendable {
    private var lineOfPath: [String: Int] = [:]

    init(text: String) {
        var table = ""
        var depth = 0  // open brackets/braces of a value continuing over lines
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            let line = Self.stripComment(String(rawLine)).trimmingSpaces
            if depth > 0 {
                depth += Self.bracketBalance(line)
                continue
            }
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                let name = line.drop { $0 == "[" }.prefix { $0 != "]" }
                table = Self.normalize(String(name))
                record(table, lineNumber)
                continue
            }
            guard let eq = Self.indexOutsideQuotes(of: "=", in: line) else { continue }
            let key = Self.normalize(String(line[..<eq]))
            let path = table.isEmpty ? key : table + "." + key
            record(path, lineNumber)
            let value = String(line[line.index(after: eq)...]).trimmingSpaces
            if value.hasPrefix("{") {
                for part in value.dropFirst().split(separator: ",") {
                    let piece = String(part)
                    if let e = Self.indexOutsideQuotes(of: "=", in: piece) {
                        record(path + "." + Self.normalize(String(piece[..<e])), lineNumber)
                    }
                }
            }
            depth = max(0, Self.bracketBalance(value))
        }
    }

    private mutating func record(_ path: String, _ line: Int) {
        if lineOfPath[path] == nil { lineOfPath[path] = line }
    }

    /// The line of `path`, or of its nearest enclosing key or table that appears in the text.
    func line(of path: String) -> Int? {
        var parts = path.split(separator: ".").map(String.init)
        while !parts.isEmpty {
            if let line = lineOfPath[parts.joined(separator: ".")] { return line }
            parts.removeLast()
        }
        return nil
    }

    /// `a . "b" .c` -> `a.b.c`.
    static func normalize(_ key: String) -> String {
        key.split(separator: ".").map { part in
            var s = String(part).trimmingSpaces
            if s.count >= 2, let f = s.first, f == "\"" || f == "'", s.last == f {
                s = String(s.dropFirst().dropLast())
            }
            return s
        }.joined(separator: ".")
    }

    /// The line without a `#` comment (a `#` inside a quoted string is kept).
    static func stripComment(_ line: String) -> String {
        guard let hash = indexOutsideQuotes(of: "#", in: line) else { return line }
        return String(line[..<hash])
    }

    /// First index of `target` outside single or double quotes.
    static func indexOutsideQuotes(of target: Character, in line: String) -> String.Index? {
        var quote: Character?
        var escaped = false
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if let q = quote {
                if escaped {
                    escaped = false
                } else if c == "\\" && q == "\"" {
                    escaped = true
                } else if c == q {
                    quote = nil
                }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == target {
                return i
            }
            i = line.index(after: i)
        }
        return nil
    }

    /// Opening minus closing brackets and braces outside quotes.
    static func bracketBalance(_ text: String) -> Int {
        var balance = 0
        var quote: Character?
        for c in text {
            if let q = quote {
                if c == q { quote = nil }
                continue
            }
            switch c {
            case "\"", "'": quote = c
            case "[", "{": balance += 1
            case "]", "}": balance -= 1
            default: break
            }
        }
        return balance
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" && $0 != "\r" }) else { return "" }
        let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" && $0 != "\r" })!
        return String(scalars[first...last])
    }
}
