import CCairo
import Foundation
import TermPlot
import TermPlotPNG
import TermPlotTestSupport
import Testing

@Suite("PNG export (cairo)")
struct CairoPNGEncoderTests {
    /// CRC-32 (ISO 3309 / PNG), bitwise.
    static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            c ^= UInt32(b)
            for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        }
        return c ^ 0xFFFF_FFFF
    }

    static func be32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
    }

    static func figure() -> Figure { TestFigures.scatter(3_000) }

    @Test func chunksAndHeaderAreValid() throws {
        let png = try CairoPNGEncoder().png(
            VectorPlotter.scene(CairoPNGEncoderTests.figure(), width: 640, height: 360, palette: TestPalette.palette))
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var i = 8
        var types: [String] = []
        while i + 12 <= png.count {
            let length = Int(CairoPNGEncoderTests.be32(png, i))
            let type = String(decoding: png[(i + 4)..<(i + 8)], as: UTF8.self)
            let crc = CairoPNGEncoderTests.be32(png, i + 8 + length)
            #expect(crc == CairoPNGEncoderTests.crc32(png[(i + 4)..<(i + 8 + length)]), "bad CRC in \(type)")
            if type == "IHDR" {
                #expect(CairoPNGEncoderTests.be32(png, i + 8) == 640)
                #expect(CairoPNGEncoderTests.be32(png, i + 12) == 360)
            }
            types.append(type)
            i += 12 + length
        }
        #expect(types.first == "IHDR" && types.last == "IEND" && types.contains("IDAT"))
        #expect(i == png.count)
    }

    @Test func decodesWithSeriesColouredPixels() throws {
        let png = try CairoPNGEncoder().png(
            VectorPlotter.scene(CairoPNGEncoderTests.figure(), width: 640, height: 360, palette: TestPalette.palette))
        // Read it back with cairo's PNG decoder.
        final class Source {
            var bytes: [UInt8]
            var offset = 0
            init(_ b: [UInt8]) { bytes = b }
        }
        let source = Source(png)
        let surface = withExtendedLifetime(source) {
            cairo_image_surface_create_from_png_stream(
                { closure, data, length in
                    let s = Unmanaged<Source>.fromOpaque(closure!).takeUnretainedValue()
                    let n = Int(length)
                    guard s.offset + n <= s.bytes.count, let data else { return CAIRO_STATUS_READ_ERROR }
                    for k in 0..<n { data[k] = s.bytes[s.offset + k] }
                    s.offset += n
                    return CAIRO_STATUS_SUCCESS
                }, Unmanaged.passUnretained(source).toOpaque())
        }
        defer { cairo_surface_destroy(surface) }
        #expect(cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS)
        let w = Int(cairo_image_surface_get_width(surface))
        let h = Int(cairo_image_surface_get_height(surface))
        #expect(w == 640 && h == 360)
        let stride = Int(cairo_image_surface_get_stride(surface))
        let base = cairo_image_surface_get_data(surface)!
        let mdn = TestPalette.seriesColors[1]
        let bg = TestPalette.background
        var mdnPixels = 0
        var bgPixels = 0
        for y in 0..<h {
            for x in 0..<w {
                let p = base.advanced(by: y * stride + 4 * x).withMemoryRebound(to: UInt32.self, capacity: 1) {
                    $0.pointee
                }
                let r = Int((p >> 16) & 0xFF)
                let g = Int((p >> 8) & 0xFF)
                let b = Int(p & 0xFF)
                if abs(r - Int(mdn.r)) + abs(g - Int(mdn.g)) + abs(b - Int(mdn.b)) < 30 { mdnPixels += 1 }
                if r == Int(bg.r) && g == Int(bg.g) && b == Int(bg.b) { bgPixels += 1 }
            }
        }
        #expect(mdnPixels > 200)
        #expect(bgPixels > w * h / 3)
    }

    @Test func pythonZlibDecodesIt() throws {
        // An independent decoder: python3's zlib inflates IDAT to height * (1 + 3 * width) bytes.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { return }
        let png = try CairoPNGEncoder().png(
            VectorPlotter.scene(CairoPNGEncoderTests.figure(), width: 320, height: 200, palette: TestPalette.palette))
        let path = NSTemporaryDirectory() + "termplot-\(UInt32.random(in: 0...UInt32.max)).png"
        try Data(png).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let script = """
            import sys, struct, zlib
            b = open(sys.argv[1], 'rb').read(); i = 8; idat = b''
            while i < len(b):
                n, = struct.unpack('>I', b[i:i+4]); t = b[i+4:i+8]
                if t == b'IHDR': w, h, depth, ctype = struct.unpack('>IIBB', b[i+8:i+18])
                if t == b'IDAT': idat += b[i+8:i+8+n]
                i += 12 + n
            ch = {2: 3, 6: 4}[ctype]
            print(w, h, depth, len(zlib.decompress(idat)) == h * (1 + ch * w))
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", script, path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        p.waitUntilExit()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(text.trimmingCharacters(in: .whitespacesAndNewlines) == "320 200 8 True")
    }
}
