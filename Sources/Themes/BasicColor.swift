import TermPlot

extension TerminalColor {
    /// Maps `rgb` to `depth`; at `.color8` an explicit `override` replaces the nearest colour.
    /// At `.none` the result is `.default`.
    public static func map(_ rgb: RGB, depth: ColorDepth, override: BasicColor? = nil) -> TerminalColor {
        switch depth {
        case .truecolor: return .rgb(rgb)
        case .color256: return .indexed(Xterm256.nearestIndex(rgb))
        case .color8:
            switch override ?? .nearest(to: rgb) {
            case .default: return .default
            case let basic: return .ansi(basic.ansiIndex ?? 0)
            }
        case .none: return .default
        }
    }
}

/// One of the 8 basic ANSI colours, or the terminal's default; used for 8-colour terminals.
public enum BasicColor: String, Hashable, Sendable, CaseIterable {
    case black, red, green, yellow, blue, magenta, cyan, white
    /// The terminal's default colour (ncurses -1).
    case `default`

    /// The ANSI index 0...7, or nil for `.default`.
    public var ansiIndex: UInt8? {
        switch self {
        case .black: return 0
        case .red: return 1
        case .green: return 2
        case .yellow: return 3
        case .blue: return 4
        case .magenta: return 5
        case .cyan: return 6
        case .white: return 7
        case .default: return nil
        }
    }

    /// Reference RGB values of the 8 colours: xterm's defaults (black 000000, red cd0000,
    /// green 00cd00, yellow cdcd00, blue 0000ee, magenta cd00cd, cyan 00cdcd, white e5e5e5).
    public var reference: RGB? {
        switch self {
        case .black: return RGB(hex: 0x000000)
        case .red: return RGB(hex: 0xCD0000)
        case .green: return RGB(hex: 0x00CD00)
        case .yellow: return RGB(hex: 0xCDCD00)
        case .blue: return RGB(hex: 0x0000EE)
        case .magenta: return RGB(hex: 0xCD00CD)
        case .cyan: return RGB(hex: 0x00CDCD)
        case .white: return RGB(hex: 0xE5E5E5)
        case .default: return nil
        }
    }

    /// The basic colour nearest to `rgb` by squared Euclidean RGB distance to the reference
    /// values; ties go to the lower ANSI index.
    public static func nearest(to rgb: RGB) -> BasicColor {
        var best = BasicColor.black
        var bestDistance = Int.max
        for colour in allCases {
            guard let ref = colour.reference else { continue }
            let dr = Int(rgb.r) - Int(ref.r)
            let dg = Int(rgb.g) - Int(ref.g)
            let db = Int(rgb.b) - Int(ref.b)
            let d = dr * dr + dg * dg + db * db
            if d < bestDistance {
                best = colour
                bestDistance = d
            }
        }
        return best
    }
}
