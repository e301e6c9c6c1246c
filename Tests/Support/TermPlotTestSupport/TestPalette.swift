import TermPlot

/// A fixed palette and series styles for TermPlot's tests: TermPlot has no look of its own
/// (the app's themes give it one), so tests bring their own.
public enum TestPalette {
    /// The picture background.
    public static let background = RGB(hex: 0x101010)
    /// The text colour.
    public static let text = RGB(hex: 0xD0D0D0)
    /// Series slot colours, cycled by slot.
    public static let seriesColors: [RGB] = [RGB(hex: 0x5EA6FF), RGB(hex: 0xFF6A3D), RGB(hex: 0x3EDC81)]
    /// Eight density levels, dark to bright.
    public static let ramp: [RGB] = (0..<8).map { (i: Int) -> RGB in
        let red: UInt8 = UInt8(20 + 30 * i)
        let green: UInt8 = UInt8(10 + 20 * i)
        return RGB(red, green, 80)
    }

    /// Dark background, light text, series in `seriesColors` (brightness by level), density
    /// from `ramp`, a status bar with its own background, and bold titles.
    public static let palette = Palette(name: "test", background: background) { role in
        switch role {
        case .title: return RoleStyle(foreground: text, bold: true)
        case .dimText: return RoleStyle(foreground: RGB(hex: 0x808080), dim: true)
        case .series(let slot, let level):
            let base = seriesColors[Int(slot) % seriesColors.count]
            return RoleStyle(foreground: background.mixed(with: base, amount: Double(level + 1) / 8))
        case .density(let level):
            let c = ramp[Int(min(level, 7))]
            return RoleStyle(foreground: c, background: c)
        case .statusBar: return RoleStyle(foreground: text, background: RGB(hex: 0x303030), reverse: true)
        case .background: return RoleStyle(foreground: background, background: background)
        default: return RoleStyle(foreground: text)
        }
    }

    /// A series style on slot `slot` with ASCII glyph `glyph`.
    public static func series(_ slot: UInt16, _ glyph: Unicode.Scalar = "*") -> SeriesStyle {
        SeriesStyle(role: .series(slot), glyph: glyph)
    }
}
