/// A picture as 8-bit RGBA pixels (not premultiplied), rows top to bottom: what a raster
/// backend makes of a VectorScene and what image encoders (GIF) take.
public struct RGBAImage: Hashable, Sendable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// `4 * width * height` bytes: red, green, blue, alpha per pixel, row-major.
    public private(set) var pixels: [UInt8]

    /// An image of the given pixels.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0, "an image's size must not be negative")
        precondition(pixels.count == 4 * width * height, "an RGBA image needs 4 bytes per pixel")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// An opaque image filled with `color`.
    public init(width: Int, height: Int, fill color: RGB) {
        precondition(width >= 0 && height >= 0, "an image's size must not be negative")
        self.width = width
        self.height = height
        var p = [UInt8](repeating: 255, count: 4 * width * height)
        for i in stride(from: 0, to: p.count, by: 4) {
            p[i] = color.r
            p[i + 1] = color.g
            p[i + 2] = color.b
        }
        pixels = p
    }

    /// The colour of the pixel at column `x`, row `y` (alpha ignored).
    public subscript(x: Int, y: Int) -> RGB {
        get {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "RGBAImage index out of range")
            let i = 4 * (y * width + x)
            return RGB(pixels[i], pixels[i + 1], pixels[i + 2])
        }
        set {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "RGBAImage index out of range")
            let i = 4 * (y * width + x)
            pixels[i] = newValue.r
            pixels[i + 1] = newValue.g
            pixels[i + 2] = newValue.b
            pixels[i + 3] = 255
        }
    }

    /// The alpha of the pixel at column `x`, row `y` (255: opaque).
    public func alpha(x: Int, y: Int) -> UInt8 {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "RGBAImage index out of range")
        return pixels[4 * (y * width + x) + 3]
    }
}
