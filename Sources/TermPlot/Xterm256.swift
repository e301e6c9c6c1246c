/// The xterm 256-colour palette's fixed part: the 6x6x6 colour cube (indices 16...231) and
/// the 24-step grey ramp (232...255). Used by `.ansi` exports and by the Themes module.
public enum Xterm256 {
    /// The six channel levels of the colour cube.
    public static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The RGB value of an index in 16...255 (cube or grey ramp).
    public static func rgb(ofIndex index: UInt8) -> RGB {
        precondition(index >= 16, "only indices 16...255 have fixed xterm values")
        if index >= 232 {
            let v = UInt8(8 + 10 * Int(index - 232))
            return RGB(v, v, v)
        }
        let i = Int(index) - 16
        return RGB(UInt8(cubeLevels[i / 36]), UInt8(cubeLevels[(i / 6) % 6]), UInt8(cubeLevels[i % 6]))
    }

    /// The nearest index to `rgb`, from the cube (16...231) and the grey ramp (232...255,
    /// value 8 + 10i).
    ///
    /// Metric: plain squared Euclidean distance in RGB, dr^2 + dg^2 + db^2. The cube
    /// candidate is the cube colour with each channel at its nearest level; the grey candidate
    /// is the grey nearest to the channel mean. The nearer of the two wins; a tie goes to the
    /// cube. Indices 0...15 are never chosen: terminals let users redefine them.
    public static func nearestIndex(_ rgb: RGB) -> UInt8 {
        let r = Int(rgb.r)
        let g = Int(rgb.g)
        let b = Int(rgb.b)
        let ri = nearestCubeLevel(r)
        let gi = nearestCubeLevel(g)
        let bi = nearestCubeLevel(b)
        let cubeDistance = square(r - cubeLevels[ri]) + square(g - cubeLevels[gi]) + square(b - cubeLevels[bi])
        let mean = Double(r + g + b) / 3
        let greyStep = min(23, max(0, Int(((mean - 8) / 10).rounded())))
        let greyValue = 8 + 10 * greyStep
        let greyDistance = square(r - greyValue) + square(g - greyValue) + square(b - greyValue)
        return greyDistance < cubeDistance ? UInt8(232 + greyStep) : UInt8(16 + 36 * ri + 6 * gi + bi)
    }

    /// Index (0...5) of the cube level nearest to a channel value; ties go to the lower level.
    static func nearestCubeLevel(_ value: Int) -> Int {
        var best = 0
        for (i, level) in cubeLevels.enumerated() where abs(level - value) < abs(cubeLevels[best] - value) {
            best = i
        }
        return best
    }

    @inline(__always) private static func square(_ v: Int) -> Int { v * v }
}
