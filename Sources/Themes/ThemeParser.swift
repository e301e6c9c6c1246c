import TermPlot

/// A parsed theme and the keys it left out (taken from the defaults theme).
public struct ParsedTheme: Sendable {
    /// The theme.
    public var theme: Theme
    /// Keys the file did not define whose values came from the defaults theme, sorted.
    public var inheritedKeys: [String]
}

/// Parses theme files (TOML) into `Theme` values and reports errors with file, line and key.
public enum ThemeParser {
    /// Every leaf key a theme file may contain, in the order of themes/README.md.
    public static let validKeys: [String] = {
        var keys = ["name", "description", "monochrome"]
        keys += ColorSlot.allCases.map(\.key)
        keys += [
            "density.colormap", "density.start", "density.mid", "density.end", "density.reverse", "components.colors",
        ]
        keys += RoleKey.allCases.map { "attributes." + $0.rawValue }
        keys += RoleKey.allCases.map { "mono." + $0.rawValue }
        keys += ColorSlot.allCases.map(\.ansi8Key) + ["ansi8.components"]
        return keys
    }()

    /// Table paths that may appear (possibly empty): every proper prefix of a valid key.
    static let validTables: Set<String> = {
        var tables = Set<String>()
        for key in validKeys {
            var parts = key.split(separator: ".").map(String.init)
            parts.removeLast()
            while !parts.isEmpty {
                tables.insert(parts.joined(separator: "."))
                parts.removeLast()
            }
        }
        return tables
    }()

    /// Parses a theme file's `text`. `name` selects the theme (usually the file name without
    /// `.toml`); `file` names it in errors. Keys left out take `defaults`' values; with
    /// `defaults` nil every colour, the density ramp, the components and `[mono]` are required.
    public static func parse(_ text: String, name: String, file: String, defaults: Theme?) throws(ThemeError)
        -> ParsedTheme
    {
        let doc = try FlatTOML(text: text, file: file)
        let keys = doc.values.keys.sorted { a, b in
            let la = doc.lines.line(of: a) ?? Int.max
            let lb = doc.lines.line(of: b) ?? Int.max
            return la != lb ? la < lb : a < b
        }
        let valid = Set(validKeys)
        for key in keys where !valid.contains(key) {
            if doc.values[key] == .table && validTables.contains(key) { continue }
            throw unknownKey(key, file: file, line: doc.lines.line(of: key))
        }
        let reader = Reader(doc: doc, file: file)
        for key in keys { try reader.check(key) }  // so the first error reported is the first by line
        var inherited: [String] = []

        let displayName = try reader.string("name") ?? name
        let summary = try reader.string("description") ?? ""
        let monochrome = try reader.bool("monochrome") ?? false

        /// The file's `value`, else `defaults`' (recorded as inherited under `key`), else the
        /// missing-key error naming `required` (the key the file should have given).
        func given<T>(
            _ value: T?, key: String, required: String? = nil,
            inherit: (Theme) -> T
        ) throws(ThemeError) -> T {
            if let value { return value }
            guard let d = defaults else { throw .missingKey(file: file, key: required ?? key) }
            inherited.append(key)
            return inherit(d)
        }

        var colors: [ColorSlot: RGB] = [:]
        for slot in ColorSlot.allCases {
            colors[slot] = try given(try reader.color(slot.key), key: slot.key) { $0.color(slot) }
        }
        let ramp = try given(try reader.densityRamp(), key: "density", required: "density.colormap") { $0.densityRamp }
        let components = try given(try reader.colorList("components.colors"), key: "components.colors") {
            $0.components
        }

        var attributes: [RoleKey: TextAttributes] = [:]
        var mono: [RoleKey: TextAttributes] = [:]
        for role in RoleKey.allCases {
            attributes[role] = try reader.attributes("attributes." + role.rawValue) ?? defaults?.attributes[role] ?? []
            mono[role] = try given(try reader.attributes("mono." + role.rawValue), key: "mono." + role.rawValue) {
                $0.mono[role] ?? []
            }
        }

        var ansi8: [ColorSlot: BasicColor] = [:]
        for slot in ColorSlot.allCases {
            if let b = try reader.basicColor(slot.ansi8Key) { ansi8[slot] = b }
        }
        let ansi8Components = try reader.basicColorList("ansi8.components") ?? []

        let theme = Theme(
            name: name, displayName: displayName, summary: summary, isMonochrome: monochrome,
            colors: colors, densityRamp: ramp, components: components, attributes: attributes,
            mono: mono, ansi8: ansi8, ansi8Components: ansi8Components)
        return ParsedTheme(theme: theme, inheritedKeys: inherited.sorted())
    }

    /// The unknown-key error, with the closest valid key (edit distance at most 3) or the
    /// valid keys of the same table.
    static func unknownKey(_ key: String, file: String, line: Int?) -> ThemeError {
        var best: (String, Int)?
        for candidate in validKeys + validTables.sorted() {
            // Keys whose lengths differ by more than 3 are at least that far apart: skip them,
            // so a huge unknown key costs nothing (it took 22 s for 200 KB).
            guard abs(key.utf8.count - candidate.utf8.count) <= 3 * 4 else { continue }
            let d = editDistance(key, candidate)
            if d <= 3 && d < (best?.1 ?? Int.max) { best = (candidate, d) }
        }
        let table = key.split(separator: ".").dropLast().joined(separator: ".")
        let topLevel = Array(Set(validKeys.map { String($0.split(separator: ".")[0]) })).sorted()
        var siblings =
            table.isEmpty
            ? topLevel
            : validKeys.filter { k in
                k.hasPrefix(table + ".") && !k.dropFirst(table.count + 1).contains(".")
            }
        if siblings.isEmpty { siblings = topLevel }
        return .unknownKey(file: file, line: line, key: key, suggestion: best?.0, validKeys: siblings)
    }

    /// Levenshtein distance (insertions, deletions, substitutions).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// Typed access to a flattened theme document, with errors naming file, line and key.
private struct Reader {
    let doc: FlatTOML
    let file: String

    func line(_ key: String) -> Int? { doc.lines.line(of: key) }

    /// Checks the value of one known key (its kind, colour syntax, names).
    func check(_ key: String) throws(ThemeError) {
        switch key {
        case "name", "description": _ = try string(key)
        case "monochrome", "density.reverse": _ = try bool(key)
        case "density.colormap": _ = try colormap(key)
        case "components.colors": _ = try colorList(key)
        case "ansi8.components": _ = try basicColorList(key)
        default:
            if key.hasPrefix("attributes.") || key.hasPrefix("mono.") {
                _ = try attributes(key)
            } else if key.hasPrefix("ansi8.") {
                _ = try basicColor(key)
            } else if doc.values[key] != .table {
                _ = try color(key)
            }
        }
    }

    func wrongKind(_ key: String, _ value: TOMLLeaf, expected: String) -> ThemeError {
        .badValue(
            file: file, line: line(key), key: key, message: "expected \(expected), found \(value.kindDescription)")
    }

    func string(_ key: String) throws(ThemeError) -> String? {
        guard let value = doc.values[key] else { return nil }
        guard case .string(let s) = value else { throw wrongKind(key, value, expected: "a string") }
        return s
    }

    func bool(_ key: String) throws(ThemeError) -> Bool? {
        guard let value = doc.values[key] else { return nil }
        guard case .bool(let b) = value else { throw wrongKind(key, value, expected: "true or false") }
        return b
    }

    func color(_ key: String) throws(ThemeError) -> RGB? {
        guard let value = doc.values[key] else { return nil }
        return try parseColor(value, key: key)
    }

    func parseColor(_ value: TOMLLeaf, key: String) throws(ThemeError) -> RGB {
        guard case .string(let s) = value else { throw wrongKind(key, value, expected: "a colour \"#rrggbb\"") }
        guard let c = RGB(hexString: s) else { throw .badColor(file: file, line: line(key), key: key, value: s) }
        return c
    }

    func colorList(_ key: String) throws(ThemeError) -> [RGB]? {
        guard let value = doc.values[key] else { return nil }
        guard case .array(let items) = value else { throw wrongKind(key, value, expected: "an array of colours") }
        guard !items.isEmpty else {
            throw .badValue(file: file, line: line(key), key: key, message: "needs at least one colour")
        }
        var out: [RGB] = []
        for item in items { out.append(try parseColor(item, key: key)) }
        return out
    }

    func colormap(_ key: String) throws(ThemeError) -> Colormap? {
        guard let name = try string(key) else { return nil }
        guard let map = Colormap(rawValue: name) else {
            let names = Colormap.allCases.map(\.rawValue).joined(separator: ", ")
            throw .badValue(
                file: file, line: line(key), key: key,
                message: "\"\(name)\" is not a colormap (expected one of \(names))")
        }
        return map
    }

    func densityRamp() throws(ThemeError) -> [RGB]? {
        let levels = Int(Palette.densityLevels)
        let reverse = try bool("density.reverse") ?? false
        let map = try colormap("density.colormap")
        let start = try color("density.start")
        let mid = try color("density.mid")
        let end = try color("density.end")
        var ramp: [RGB]
        if let map {
            if start != nil || mid != nil || end != nil {
                throw .badValue(
                    file: file, line: line("density.colormap"), key: "density",
                    message: "give either colormap or start/mid/end, not both")
            }
            ramp = map.levels(levels)
        } else if start != nil || mid != nil || end != nil {
            guard let start else { throw .missingKey(file: file, key: "density.start") }
            guard let end else { throw .missingKey(file: file, key: "density.end") }
            ramp = Colormap.ramp([start] + (mid.map { [$0] } ?? []) + [end], count: levels)
        } else {
            return nil
        }
        if reverse { ramp.reverse() }
        return ramp
    }

    func attributes(_ key: String) throws(ThemeError) -> TextAttributes? {
        guard let value = doc.values[key] else { return nil }
        let items: [TOMLLeaf]
        switch value {
        case .array(let a): items = a
        case .string: items = [value]
        default: throw wrongKind(key, value, expected: "a list of attributes such as [\"bold\"]")
        }
        var out = TextAttributes()
        for item in items {
            guard case .string(let s) = item else { throw wrongKind(key, item, expected: "attribute names") }
            guard let a = TextAttributes(name: s) else {
                throw .badValue(
                    file: file, line: line(key), key: key,
                    message: "\"\(s)\" is not an attribute (expected bold, dim or reverse)")
            }
            out.insert(a)
        }
        return out
    }

    func parseBasic(_ value: TOMLLeaf, key: String) throws(ThemeError) -> BasicColor {
        guard case .string(let s) = value else { throw wrongKind(key, value, expected: "a colour name") }
        guard let b = BasicColor(rawValue: s) else {
            let names = BasicColor.allCases.map(\.rawValue).joined(separator: ", ")
            throw .badValue(file: file, line: line(key), key: key, message: "\"\(s)\" is not one of \(names)")
        }
        return b
    }

    func basicColor(_ key: String) throws(ThemeError) -> BasicColor? {
        guard let value = doc.values[key] else { return nil }
        return try parseBasic(value, key: key)
    }

    func basicColorList(_ key: String) throws(ThemeError) -> [BasicColor]? {
        guard let value = doc.values[key] else { return nil }
        guard case .array(let items) = value else { throw wrongKind(key, value, expected: "an array of colour names") }
        var out: [BasicColor] = []
        for item in items { out.append(try parseBasic(item, key: key)) }
        return out
    }
}
