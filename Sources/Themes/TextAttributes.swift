import TermPlot

/// Character attributes a theme can give a role: what still tells roles apart without colour.
public struct TextAttributes: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8
    /// Creates attributes from raw bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Bold (or bright).
    public static let bold = TextAttributes(rawValue: 1)
    /// Dim (half-bright).
    public static let dim = TextAttributes(rawValue: 2)
    /// Reverse video (foreground and background swapped).
    public static let reverse = TextAttributes(rawValue: 4)

    /// The names used in theme files, in a fixed order.
    public static let names: [(String, TextAttributes)] = [("bold", .bold), ("dim", .dim), ("reverse", .reverse)]

    /// Parses one attribute name (`bold`, `dim`, `reverse`), or nil.
    public init?(name: String) {
        guard let entry = Self.names.first(where: { $0.0 == name }) else { return nil }
        self = entry.1
    }

    /// The attribute names, comma separated (`"bold, reverse"`), or `"none"`.
    public var description: String {
        let parts = Self.names.filter { contains($0.1) }.map(\.0)
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }
}

extension TerminalStyle {
    /// Creates a terminal style whose bold, dim and reverse come from `attributes`.
    public init(fg: TerminalColor, bg: TerminalColor?, attributes a: TextAttributes) {
        self.init(fg: fg, bg: bg, bold: a.contains(.bold), dim: a.contains(.dim), reverse: a.contains(.reverse))
    }

    /// The attributes as a set.
    public var attributes: TextAttributes {
        var a = TextAttributes()
        if bold { a.insert(.bold) }
        if dim { a.insert(.dim) }
        if reverse { a.insert(.reverse) }
        return a
    }
}
