/// A 24-bit colour.
public struct RGB: Hashable, Sendable, Codable {
    public var r: UInt8, g: UInt8, b: UInt8
    /// Creates a colour from its components.
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }
    /// Creates a colour from `0xRRGGBB`.
    public init(hex: UInt32) {
        self.init(UInt8((hex >> 16) & 0xFF), UInt8((hex >> 8) & 0xFF), UInt8(hex & 0xFF))
    }
    /// `#rrggbb`.
    public var hexString: String {
        let digits = Array("0123456789abcdef")
        var s = "#"
        for v in [r, g, b] {
            s.append(digits[Int(v >> 4)])
            s.append(digits[Int(v & 15)])
        }
        return s
    }

    /// Linear blend in RGB: `amount` 0 gives self, 1 gives `other`; channels round to nearest.
    public func mixed(with other: RGB, amount: Double) -> RGB {
        func channel(_ a: UInt8, _ b: UInt8) -> UInt8 {
            UInt8(max(0, min(255, (Double(a) + (Double(b) - Double(a)) * amount).rounded())))
        }
        return RGB(channel(r, other.r), channel(g, other.g), channel(b, other.b))
    }
}

/// How one role looks: colours plus the attributes that still distinguish it without colour.
public struct RoleStyle: Hashable, Sendable {
    /// Foreground colour.
    public var foreground: RGB
    /// Background colour, or nil for the palette background.
    public var background: RGB?
    /// Bold (or bright).
    public var bold: Bool
    /// Dim (half-bright).
    public var dim: Bool
    /// Reverse video.
    public var reverse: Bool

    /// The colour the role fills an area with: its background, else its foreground (density
    /// shading sets both; a cell's background role and a vector fill use this).
    public var fill: RGB { background ?? foreground }

    /// Creates a role style.
    public init(foreground: RGB, background: RGB? = nil, bold: Bool = false, dim: Bool = false, reverse: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
    }
}

/// Resolves every StyleRole to a RoleStyle: what the vector and ANSI exporters use. The app
/// builds palettes from its theme files; TermPlot has no look of its own.
public struct Palette: Sendable {
    /// Number of density/brightness levels that `.density` and `.component` roles use.
    public static let densityLevels: UInt8 = 8

    /// The name shown to users (the theme's name).
    public var name: String
    /// The background of the whole picture.
    public var background: RGB
    /// The resolver.
    public var resolve: @Sendable (StyleRole) -> RoleStyle

    /// Creates a palette.
    public init(name: String, background: RGB, resolve: @escaping @Sendable (StyleRole) -> RoleStyle) {
        self.name = name
        self.background = background
        self.resolve = resolve
    }

    /// The style for a role.
    public func style(for role: StyleRole) -> RoleStyle { resolve(role) }

    /// The shading ramp as a continuous colormap: position `t` (0...1) interpolated linearly
    /// between the fills of the density levels (level 0 at t = 0, the top level at t = 1).
    public func densityColor(_ t: Double) -> RGB {
        let n = Int(Palette.densityLevels)
        let u = min(1, max(0, t.isFinite ? t : 0)) * Double(n - 1)
        let i = min(n - 2, Int(u))
        let a = style(for: .density(level: UInt8(i))).fill
        let b = style(for: .density(level: UInt8(i + 1))).fill
        return a.mixed(with: b, amount: u - Double(i))
    }
}
