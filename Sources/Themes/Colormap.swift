import TermPlot

/// Named colour ramps for density shading, sampled into `Palette.densityLevels` levels.
///
/// Each map is matplotlib's, stored at its quartiles (t = 0, 0.25, 0.5, 0.75, 1) and
/// linearly interpolated in RGB between them: close to the original, and still
/// perceptually ordered from dark to bright.
public enum Colormap: String, Hashable, Sendable, CaseIterable {
    case viridis, cividis, magma, inferno, plasma, greys

    /// The stops, evenly spaced from t = 0 to t = 1.
    public var stops: [RGB] {
        switch self {
        case .viridis: return [0x440154, 0x3B528B, 0x21918C, 0x5EC962, 0xFDE725].map { RGB(hex: $0) }
        case .cividis: return [0x00204D, 0x414D6B, 0x7C7B78, 0xBCAF6F, 0xFEE838].map { RGB(hex: $0) }
        case .magma: return [0x000004, 0x51127C, 0xB73779, 0xFC8961, 0xFCFDBF].map { RGB(hex: $0) }
        case .inferno: return [0x000004, 0x57106E, 0xBC3754, 0xF98E09, 0xFCFFA4].map { RGB(hex: $0) }
        case .plasma: return [0x0D0887, 0x7E03A8, 0xCC4778, 0xF89540, 0xF0F921].map { RGB(hex: $0) }
        case .greys: return [0x262626, 0x5E5E5E, 0x969696, 0xC8C8C8, 0xF5F5F5].map { RGB(hex: $0) }
        }
    }

    /// `count` colours sampled evenly from the map (first stop to last).
    public func levels(_ count: Int) -> [RGB] { Colormap.ramp(stops, count: count) }

    /// The colour at `t` (0...1, clamped) along the piecewise-linear path through `stops`.
    public static func color(_ stops: [RGB], at t: Double) -> RGB {
        precondition(!stops.isEmpty, "a ramp needs stops")
        if stops.count == 1 { return stops[0] }
        let u = min(1, max(0, t.isFinite ? t : 0)) * Double(stops.count - 1)
        let segment = min(Int(u), stops.count - 2)
        return stops[segment].mixed(with: stops[segment + 1], amount: u - Double(segment))
    }

    /// `count` colours sampled evenly along the piecewise-linear path through `stops`.
    public static func ramp(_ stops: [RGB], count: Int) -> [RGB] {
        precondition(!stops.isEmpty && count > 0, "a ramp needs stops and a positive count")
        if stops.count == 1 || count == 1 { return Array(repeating: stops[0], count: count) }
        return (0..<count).map { i in
            let t = Double(i) / Double(count - 1) * Double(stops.count - 1)
            let segment = min(Int(t), stops.count - 2)
            return stops[segment].mixed(with: stops[segment + 1], amount: t - Double(segment))
        }
    }
}

extension RGB {
    /// Parses `#rrggbb` (case-insensitive), or returns nil.
    public init?(hexString: String) {
        let chars = Array(hexString.utf8)
        guard chars.count == 7, chars[0] == UInt8(ascii: "#") else { return nil }
        var value: UInt32 = 0
        for c in chars.dropFirst() {
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        self.init(hex: value)
    }
}
