import TermPlot

/// A colour as a terminal can show it at some `ColorDepth`.
public enum TerminalColor: Hashable, Sendable {
    /// The terminal's own default foreground or background (ncurses colour -1).
    case `default`
    /// One of the 8 basic ANSI colours, 0 (black) ... 7 (white).
    case ansi(UInt8)
    /// An index into the xterm 256-colour palette (16...255 from our mapping).
    case indexed(UInt8)
    /// A 24-bit colour.
    case rgb(RGB)

    /// The colour number for ncurses `init_pair`: -1 for `.default`, the index for `.ansi` and
    /// `.indexed`, and the nearest 256-colour index for `.rgb`.
    public var paletteIndex: Int {
        switch self {
        case .default: return -1
        case .ansi(let n): return Int(n)
        case .indexed(let n): return Int(n)
        case .rgb(let c): return Int(Self.nearest256(c))
        }
    }

    /// Maps `rgb` to `depth`; at `.color8` an explicit `override` replaces the nearest colour.
    /// At `.none` the result is `.default`.
    public static func map(_ rgb: RGB, depth: ColorDepth, override: BasicColor? = nil) -> TerminalColor {
        switch depth {
        case .truecolor: return .rgb(rgb)
        case .color256: return .indexed(nearest256(rgb))
        case .color8:
            switch override ?? .nearest(to: rgb) {
            case .default: return .default
            case let basic: return .ansi(basic.ansiIndex ?? 0)
            }
        case .none: return .default
        }
    }

    /// The six channel levels of the xterm 6x6x6 colour cube (indices 16...231).
    public static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The RGB value of a 256-palette index in 16...255 (cube or grey ramp).
    public static func rgb(ofIndex index: UInt8) -> RGB {
        precondition(index >= 16, "only indices 16...255 have fixed xterm values")
        if index >= 232 {
            let v = UInt8(8 + 10 * Int(index - 232))
            return RGB(v, v, v)
        }
        let i = Int(index) - 16
        return RGB(UInt8(cubeLevels[i / 36]), UInt8(cubeLevels[(i / 6) % 6]), UInt8(cubeLevels[i % 6]))
    }

    /// The nearest xterm-256 index to `rgb`, from the 6x6x6 cube (16...231) and the 24-step
    /// grey ramp (232...255, value 8 + 10i).
    ///
    /// Metric: plain squared Euclidean distance in RGB, dr^2 + dg^2 + db^2. The cube
    /// candidate is the cube colour with each channel at its nearest level; the grey candidate
    /// is the grey nearest to the channel mean. The nearer of the two wins; a tie goes to the
    /// cube. Indices 0...15 are never chosen: terminals let users redefine them.
    public static func nearest256(_ rgb: RGB) -> UInt8 {
        let channels = [Int(rgb.r), Int(rgb.g), Int(rgb.b)]
        let levelIndex = channels.map(nearestCubeLevel)
        let cubeIndex = 16 + 36 * levelIndex[0] + 6 * levelIndex[1] + levelIndex[2]
        let cubeDistance = zip(channels, levelIndex).reduce(0) { acc, pair in
            let d = pair.0 - cubeLevels[pair.1]
            return acc + d * d
        }
        let mean = Double(channels.reduce(0, +)) / 3
        let greyStep = min(23, max(0, Int(((mean - 8) / 10).rounded())))
        let greyValue = 8 + 10 * greyStep
        let greyDistance = channels.reduce(0) { $0 + ($1 - greyValue) * ($1 - greyValue) }
        return greyDistance < cubeDistance ? UInt8(232 + greyStep) : UInt8(cubeIndex)
    }

    /// Index (0...5) of the cube level nearest to a channel value; ties go to the lower level.
    static func nearestCubeLevel(_ value: Int) -> Int {
        var best = 0
        for (i, level) in cubeLevels.enumerated() where abs(level - value) < abs(cubeLevels[best] - value) {
            best = i
        }
        return best
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
            let dr = Int(rgb.r) - Int(ref.r), dg = Int(rgb.g) - Int(ref.g), db = Int(rgb.b) - Int(ref.b)
            let d = dr * dr + dg * dg + db * db
            if d < bestDistance { best = colour; bestDistance = d }
        }
        return best
    }
}
