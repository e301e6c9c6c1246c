import SafeText

/// Reads the TOML that theme files use, in Swift, into dotted key paths and leaf values.
///
/// Why not a TOML library: TOMLKit's bundled toml++ aborts the whole process (C assertions,
/// exit 134) on several malformed inputs (`[é]`, `a = [}`, found by the theme fuzz target in
/// Tests/Fuzz); a theme file is user input, so it is read here instead, where every error is
/// a `ThemeError.malformed` naming the line and column, and the fuzz target exercises it.
///
/// The subset (TOML 1.0 syntax, restricted to what a theme needs): comments; `[table]`
/// headers with bare, quoted and dotted keys; `key = value` with dotted keys; basic strings
/// (`"..."`, with TOML's escapes) and literal strings (`'...'`); booleans; decimal integers
/// and floats (underscores between digits, `inf`, `nan`); arrays (over several lines, with
/// comments and a trailing comma; nested); inline tables (`{ a = 1, b = "x" }`). Not read:
/// multi-line strings, arrays of tables (`[[x]]`), dates and times, hexadecimal, octal and
/// binary integers: each is refused by name. A key given twice is refused, as TOML says.
struct TOMLReader {
    /// Leaf values by dotted key path (`colors.truth`); an empty table is `.table`.
    private(set) var values: [String: TOMLLeaf] = [:]

    private let text: [Unicode.Scalar]
    private let file: String
    private var i = 0
    private var line = 1
    private var lineStart = 0
    /// Paths that are tables (from headers, dotted keys or inline tables).
    private var tables: Set<String> = []
    /// Tables opened by a `[header]` (a second header for the same table is an error).
    private var headers: Set<String> = []
    /// Inline tables and their contents, closed to later additions.
    private var sealed: Set<String> = []

    /// Deepest nesting of arrays and inline tables accepted.
    static let maximumDepth = 64

    /// Reads `text`; `file` names it in errors.
    init(text: String, file: String) throws(ThemeError) {
        self.text = Array(text.unicodeScalars)
        self.file = file
        if self.text.first == "\u{FEFF}" { i = 1 }  // a byte-order mark
        try readDocument()
    }

    // MARK: - Document and statements

    private mutating func readDocument() throws(ThemeError) {
        var table: [String] = []
        while true {
            skipBlank()
            guard let c = peek else { return }
            if c == "\n" || c == "\r" {
                try newline()
                continue
            }
            if c == "#" {
                try skipComment()
                continue
            }
            if c == "[" {
                table = try readHeader()
            } else {
                try readKeyValue(in: table)
            }
            try endOfLine()
        }
    }

    /// `[a.b]`: the table's key path.
    private mutating func readHeader() throws(ThemeError) -> [String] {
        advance()  // "["
        if peek == "[" { throw fail("arrays of tables ([[...]]) are not used in theme files") }
        skipBlank()
        let key = try readKey()
        skipBlank()
        guard peek == "]" else { throw fail("expected ] after the table name, saw \(shown(peek))") }
        advance()
        let path = key.joined(separator: ".")
        if headers.contains(path) { throw fail("table [\(SafeText.echo(path))] is defined twice") }
        if values[path] != nil && values[path] != .table { throw fail("\(SafeText.quoted(path)) is not a table") }
        if sealed.contains(path) { throw fail("table \(SafeText.quoted(path)) was defined inline") }
        headers.insert(path)
        try declareTables(key, upTo: key.count)
        return key
    }

    /// `key = value` inside `table`.
    private mutating func readKeyValue(in table: [String]) throws(ThemeError) {
        let (key, at) = try readKeyAndEquals()
        try assign(table + key, depth: 0, keyColumn: at)
    }

    /// A key, the `=` after it and the blanks around it; the key's parts and its column.
    private mutating func readKeyAndEquals() throws(ThemeError) -> (key: [String], column: Int) {
        let at = column
        let key = try readKey()
        skipBlank()
        guard peek == "=" else { throw fail("expected = after the key, saw \(shown(peek))") }
        advance()
        skipBlank()
        return (key, at)
    }

    /// Reads a value at the cursor and stores it at `path` (walking into inline tables);
    /// errors about the key point at `keyColumn`.
    private mutating func assign(_ path: [String], depth: Int, keyColumn: Int) throws(ThemeError) {
        let joined = path.joined(separator: ".")
        if path.count > 1 {
            let parent = Array(path.dropLast())
            if sealed.contains(parent.joined(separator: ".")) && depth == 0 {
                throw failAt(
                    column: keyColumn, "table \(SafeText.quoted(parent.joined(separator: "."))) was defined inline")
            }
            try declareTables(parent, upTo: parent.count)
            values.removeValue(forKey: parent.joined(separator: "."))  // no longer an empty table
        }
        if values[joined] != nil || tables.contains(joined) {
            throw failAt(column: keyColumn, "key \(SafeText.quoted(joined)) is defined twice")
        }
        if peek == "{" {
            try readInlineTable(at: path, depth: depth + 1)
        } else {
            values[joined] = try readValue(depth: depth + 1)
        }
    }

    /// Marks the first `count` prefixes of `key` as tables; refuses a prefix that is a value.
    private mutating func declareTables(_ key: [String], upTo count: Int) throws(ThemeError) {
        for n in 1...max(count, 1) where n <= key.count {
            let prefix = key.prefix(n).joined(separator: ".")
            if let v = values[prefix], v != .table {
                throw fail("\(SafeText.quoted(prefix)) is a value, not a table")
            }
            if !tables.contains(prefix) {
                tables.insert(prefix)
                values[prefix] = .table
            }
        }
        // A table with contents is not an empty-table leaf.
        for n in 1..<max(key.count, 1) { values.removeValue(forKey: key.prefix(n).joined(separator: ".")) }
    }

    // MARK: - Keys

    /// A dotted key: bare or quoted parts separated by "." (spaces allowed around dots).
    private mutating func readKey() throws(ThemeError) -> [String] {
        var parts: [String] = []
        while true {
            parts.append(try readKeyPart())
            skipBlank()
            guard peek == "." else { return parts }
            advance()
            skipBlank()
        }
    }

    private mutating func readKeyPart() throws(ThemeError) -> String {
        guard let c = peek else { throw fail("expected a key, saw the end of the file") }
        if c == "\"" { return try readBasicString() }
        if c == "'" { return try readLiteralString() }
        var part = ""
        while let c = peek, Self.isBareKey(c) {
            part.unicodeScalars.append(c)
            advance()
        }
        if part.isEmpty { throw fail("expected a key (letters, digits, '_', '-' or a quoted name), saw \(shown(c))") }
        return part
    }

    private static func isBareKey(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-": return true
        default: return false
        }
    }

    // MARK: - Values

    private mutating func readValue(depth: Int) throws(ThemeError) -> TOMLLeaf {
        guard depth <= Self.maximumDepth else { throw fail("values nested deeper than \(Self.maximumDepth) levels") }
        guard let c = peek else { throw fail("expected a value, saw the end of the file") }
        switch c {
        case "\"":
            if starts(with: "\"\"\"") { throw fail("multi-line strings are not used in theme files") }
            return .string(try readBasicString())
        case "'":
            if starts(with: "'''") { throw fail("multi-line strings are not used in theme files") }
            return .string(try readLiteralString())
        case "[": return try readArray(depth: depth)
        case "{":
            // Inside an array: read (and check) it, as a table value.
            try readInlineTable(at: nil, depth: depth)
            return .table
        case "t", "f": return try readBool()
        default: return try readNumber()
        }
    }

    private mutating func readBool() throws(ThemeError) -> TOMLLeaf {
        let word = readWord()
        switch word {
        case "true": return .bool(true)
        case "false": return .bool(false)
        default: throw fail("expected a value, saw \(SafeText.quoted(word))")
        }
    }

    /// A decimal integer or float (TOML's syntax), `inf` or `nan` with an optional sign.
    private mutating func readNumber() throws(ThemeError) -> TOMLLeaf {
        let startColumn = column
        let word = readWord()
        if word.isEmpty { throw fail("expected a value, saw \(shown(peek))") }
        func bad(_ why: String) -> ThemeError { failAt(column: startColumn, why) }
        var body = Substring(word)
        let sign = body.first == "+" || body.first == "-" ? body.removeFirst() : nil
        if body == "inf" { return .float(sign == "-" ? -.infinity : .infinity) }
        if body == "nan" { return .float(.nan) }
        if body.hasPrefix("0x") || body.hasPrefix("0o") || body.hasPrefix("0b") {
            throw bad("\(SafeText.quoted(word)): hexadecimal, octal and binary numbers are not used in theme files")
        }
        if body.contains(":") || (body.dropFirst().contains("-") && !body.contains("e") && !body.contains("E")) {
            throw bad("\(SafeText.quoted(word)): dates and times are not used in theme files")
        }
        guard Self.isDecimal(body) else { throw bad("expected a value, saw \(SafeText.quoted(word))") }
        let plain = (sign.map(String.init) ?? "") + body.filter { $0 != "_" }
        if !body.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
            guard let n = Int(plain) else { throw bad("\(SafeText.quoted(word)) is out of the integer range") }
            return .integer(n)
        }
        guard let d = Double(plain) else { throw bad("expected a value, saw \(SafeText.quoted(word))") }
        return .float(d)
    }

    /// TOML's decimal syntax (after the sign): digits (underscores only between digits, no
    /// leading zero), then optionally `.digits` and `e[+-]digits`.
    static func isDecimal(_ s: Substring) -> Bool {
        var rest = s
        func digits(leadingZeroAllowed: Bool) -> Bool {
            var count = 0
            var previousDigit = false
            let start = rest
            while let c = rest.first {
                if c.isASCII && c.isNumber {
                    count += 1
                    previousDigit = true
                } else if c == "_" && previousDigit {
                    previousDigit = false
                } else {
                    break
                }
                rest.removeFirst()
            }
            guard count > 0, previousDigit else { return false }
            if !leadingZeroAllowed, start.first == "0", count > 1 { return false }
            return true
        }
        guard digits(leadingZeroAllowed: false) else { return false }
        if rest.first == "." {
            rest.removeFirst()
            guard digits(leadingZeroAllowed: true) else { return false }
        }
        if rest.first == "e" || rest.first == "E" {
            rest.removeFirst()
            if rest.first == "+" || rest.first == "-" { rest.removeFirst() }
            guard digits(leadingZeroAllowed: true) else { return false }
        }
        return rest.isEmpty
    }

    /// `[a, b, ...]`, possibly over several lines, with comments and a trailing comma.
    private mutating func readArray(depth: Int) throws(ThemeError) -> TOMLLeaf {
        advance()  // "["
        var items: [TOMLLeaf] = []
        while true {
            try skipBlankLinesAndComments()
            if peek == "]" {
                advance()
                return .array(items)
            }
            items.append(try readValue(depth: depth + 1))
            try skipBlankLinesAndComments()
            switch peek {
            case ",": advance()
            case "]":
                advance()
                return .array(items)
            default: throw fail("expected , or ] in the array, saw \(shown(peek))")
            }
        }
    }

    /// `{ k = v, ... }` on one line; its keys are stored below `path` (nil: inside an array,
    /// checked and dropped).
    private mutating func readInlineTable(at path: [String]?, depth: Int) throws(ThemeError) {
        guard depth <= Self.maximumDepth else { throw fail("values nested deeper than \(Self.maximumDepth) levels") }
        advance()  // "{"
        var scratch = TOMLReader(copyingPositionOf: self)
        let base = path ?? []
        if let path {
            try declareTables(path, upTo: path.count)
            sealed.insert(path.joined(separator: "."))
        }
        skipBlank()
        if peek == "}" {
            advance()
            return
        }
        while true {
            skipBlank()
            let (key, at) = try readKeyAndEquals()
            if path != nil {
                try assign(base + key, depth: depth, keyColumn: at)
                sealed.insert((base + key.dropLast()).joined(separator: "."))
            } else {
                // Inside an array the table is a leaf: check its syntax in a scratch reader.
                scratch.i = i
                scratch.line = line
                scratch.lineStart = lineStart
                try scratch.assign(key, depth: depth, keyColumn: at)
                (i, line, lineStart) = (scratch.i, scratch.line, scratch.lineStart)
            }
            skipBlank()
            switch peek {
            case ",": advance()
            case "}":
                advance()
                return
            default: throw fail("expected , or } in the inline table, saw \(shown(peek))")
            }
        }
    }

    /// A reader over the same text at the same place, with no keys (for inline tables in arrays).
    private init(copyingPositionOf other: TOMLReader) {
        text = other.text
        file = other.file
        i = other.i
        line = other.line
        lineStart = other.lineStart
    }

    // MARK: - Strings

    /// `"..."` with TOML's escapes; no line breaks or control characters inside.
    private mutating func readBasicString() throws(ThemeError) -> String {
        advance()  // opening quote
        var out = ""
        while true {
            guard let c = peek, c != "\n", c != "\r" else { throw fail("unterminated string") }
            advance()
            switch c {
            case "\"": return out
            case "\\":
                guard let e = peek else { throw fail("unterminated string") }
                advance()
                switch e {
                case "b": out += "\u{08}"
                case "t": out += "\t"
                case "n": out += "\n"
                case "f": out += "\u{0C}"
                case "r": out += "\r"
                case "\"": out += "\""
                case "\\": out += "\\"
                case "u", "U":
                    let count = e == "u" ? 4 : 8
                    var hex = ""
                    for _ in 0..<count {
                        guard let h = peek, h.properties.isASCIIHexDigit else {
                            throw fail("\\\(e) needs \(count) hexadecimal digits")
                        }
                        hex.unicodeScalars.append(h)
                        advance()
                    }
                    guard let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) else {
                        throw fail("\\\(e)\(hex) is not a Unicode scalar value")
                    }
                    out.unicodeScalars.append(scalar)
                default: throw fail("unknown escape \\\(SafeText.echo(String(e)))")
                }
            default:
                if Self.isControl(c) { throw fail("control character \(shown(c)) in a string (write it escaped)") }
                out.unicodeScalars.append(c)
            }
        }
    }

    /// `'...'`: taken as written; no line breaks or control characters inside.
    private mutating func readLiteralString() throws(ThemeError) -> String {
        advance()  // opening quote
        var out = ""
        while true {
            guard let c = peek, c != "\n", c != "\r" else { throw fail("unterminated string") }
            advance()
            if c == "'" { return out }
            if Self.isControl(c) { throw fail("control character \(shown(c)) in a string") }
            out.unicodeScalars.append(c)
        }
    }

    /// Control characters other than tab, which TOML forbids in strings and comments.
    private static func isControl(_ c: Unicode.Scalar) -> Bool {
        (c.value < 0x20 && c != "\t") || c.value == 0x7F
    }

    // MARK: - Whitespace, comments, positions

    private var peek: Unicode.Scalar? { i < text.count ? text[i] : nil }
    private var column: Int { i - lineStart + 1 }

    private func starts(with s: String) -> Bool {
        var j = i
        for c in s.unicodeScalars {
            guard j < text.count, text[j] == c else { return false }
            j += 1
        }
        return true
    }

    private mutating func advance() { i += 1 }

    /// Spaces and tabs.
    private mutating func skipBlank() {
        while let c = peek, c == " " || c == "\t" { advance() }
    }

    /// A comment to the end of the line (not the line break), if one starts here.
    private mutating func skipComment() throws(ThemeError) {
        guard peek == "#" else { return }
        while let c = peek, c != "\n", c != "\r" {
            if Self.isControl(c) { throw fail("control character \(shown(c)) in a comment") }
            advance()
        }
    }

    /// A line break (`\n` or `\r\n`).
    private mutating func newline() throws(ThemeError) {
        if peek == "\r" {
            advance()
            guard peek == "\n" else { throw fail("a carriage return must be followed by a line feed") }
        }
        advance()
        line += 1
        lineStart = i
    }

    /// Blank space, comments and line breaks (inside arrays).
    private mutating func skipBlankLinesAndComments() throws(ThemeError) {
        while true {
            skipBlank()
            try skipComment()
            guard let c = peek, c == "\n" || c == "\r" else { return }
            try newline()
        }
    }

    /// After a statement: spaces, an optional comment, then a line break or the end.
    private mutating func endOfLine() throws(ThemeError) {
        skipBlank()
        try skipComment()
        guard let c = peek else { return }
        guard c == "\n" || c == "\r" else { throw fail("expected the end of the line, saw \(shown(c))") }
        try newline()
    }

    /// The run of characters up to a separator (space, comma, bracket, brace, comment, line break).
    private mutating func readWord() -> String {
        var word = ""
        while let c = peek, !" \t,]}#\r\n".unicodeScalars.contains(c) {
            word.unicodeScalars.append(c)
            advance()
            if word.unicodeScalars.count > 200 { break }
        }
        return word
    }

    /// A character for a message: quoted and escaped, or "the end of the line/file".
    private func shown(_ c: Unicode.Scalar?) -> String {
        guard let c else { return "the end of the file" }
        if c == "\n" || c == "\r" { return "the end of the line" }
        return SafeText.quoted(String(c))
    }

    private func fail(_ message: String) -> ThemeError { failAt(column: column, message) }

    private func failAt(column: Int, _ message: String) -> ThemeError {
        .malformed(file: file, line: line, column: column, message: message)
    }
}
