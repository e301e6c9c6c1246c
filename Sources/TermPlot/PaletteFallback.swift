extension Palette {
    /// How much of the ground truth's colour the `.backdrop` role keeps (the rest is background).
    public static let backdropStrength = 0.5
    /// Opacity of ground-truth points in vector exports.
    public static let truthOpacity = 0.45
    /// Opacity of backdrop points in vector exports: below the ground truth's.
    public static let backdropOpacity = 0.3

    /// Eight viridis-like steps from faint (dark purple) to bright (yellow).
    public static let viridisRamp: [RGB] = [
        RGB(hex: 0x3B0F4F), RGB(hex: 0x46327E), RGB(hex: 0x365C8D), RGB(hex: 0x277F8E),
        RGB(hex: 0x1FA187), RGB(hex: 0x4AC16D), RGB(hex: 0xA0DA39), RGB(hex: 0xFDE725),
    ]

    /// Ten distinct component colours (cycled by component index).
    public static let componentColors: [RGB] = [
        RGB(hex: 0x4ADE80), RGB(hex: 0x60A5FA), RGB(hex: 0xF472B6), RGB(hex: 0xFBBF24), RGB(hex: 0xA78BFA),
        RGB(hex: 0x2DD4BF), RGB(hex: 0xFB923C), RGB(hex: 0xE879F9), RGB(hex: 0xA3E635), RGB(hex: 0x38BDF8),
    ]

    /// The built-in dark palette: TermPlot works without any theme file.
    /// Truth is blue, the MSE curve orange-red, MDN samples green, density a viridis-like ramp.
    public static let fallback: Palette = {
        let bg = RGB(hex: 0x14161C)
        return Palette(name: "fallback-dark", background: bg) { role in
            switch role {
            case .text: return RoleStyle(foreground: RGB(hex: 0xD5D8DF))
            case .dimText: return RoleStyle(foreground: RGB(hex: 0x7D8390), dim: true)
            case .axis: return RoleStyle(foreground: RGB(hex: 0x8A909C))
            case .title: return RoleStyle(foreground: RGB(hex: 0xF0F2F6), bold: true)
            case .truth: return RoleStyle(foreground: RGB(hex: 0x5EA6FF))
            case .backdrop:
                return RoleStyle(
                    foreground: bg.mixed(with: RGB(hex: 0x5EA6FF), amount: Palette.backdropStrength), dim: true)
            case .mseCurve: return RoleStyle(foreground: RGB(hex: 0xFF6A3D), bold: true)
            case .mdnSamples: return RoleStyle(foreground: RGB(hex: 0x3EDC81))
            case .reference: return RoleStyle(foreground: RGB(hex: 0xC792EA))
            case .density(let level):
                let i = Int(min(level, Palette.densityLevels - 1))
                return RoleStyle(foreground: viridisRamp[i], background: viridisRamp[i])
            case .component(let index, let level):
                let base = componentColors[Int(index) % componentColors.count]
                let l = Double(min(level, Palette.densityLevels - 1)) / Double(Palette.densityLevels - 1)
                return RoleStyle(
                    foreground: bg.mixed(with: base, amount: 0.2 + 0.8 * l), bold: level + 1 == Palette.densityLevels)
            case .loss(let model, let split):
                let base = model == .mse ? RGB(hex: 0xFF6A3D) : RGB(hex: 0x3EDC81)
                return RoleStyle(
                    foreground: split == .train ? base : base.mixed(with: RGB(hex: 0xFFFFFF), amount: 0.45))
            case .statusBar: return RoleStyle(foreground: RGB(hex: 0xD5D8DF), background: RGB(hex: 0x2A2E38))
            case .help: return RoleStyle(foreground: RGB(hex: 0xE6E8EE), background: RGB(hex: 0x1E2129))
            case .warning: return RoleStyle(foreground: RGB(hex: 0xFFCC4D), bold: true)
            case .accent: return RoleStyle(foreground: RGB(hex: 0xFFD866), bold: true)
            case .background: return RoleStyle(foreground: bg, background: bg)
            }
        }
    }()
}
