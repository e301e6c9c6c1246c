import Testing
import TermPlot
@testable import Themes

/// Nearest-colour mapping, against hand-computed cases.
@Suite struct TerminalColorTests {
    @Test(arguments: [
        (0x000000, 16),   // cube (0,0,0), distance 0
        (0xFFFFFF, 231),  // cube (255,255,255)
        (0x808080, 244),  // grey 8 + 10*12 = 128 (cube (135,135,135) is 3*7^2 away)
        (0xFF0000, 196),  // 16 + 36*5
        (0x5F8700, 64),   // 16 + 36*1 + 6*2 + 0
        (0xD75F00, 166),  // 16 + 36*4 + 6*1
        (0xFF8700, 208),  // 16 + 36*5 + 6*2
        (0xE69F00, 178),  // levels 215, 175, 0: 16 + 144 + 18
        (0x767676, 243),  // grey 118 exactly (cube 135s are 3*17^2 away)
        (0x303030, 236),  // grey 48 exactly (cube 95s are 3*47^2 away)
        (0x0C0C0C, 232),  // grey 8: 3*4^2 = 48 < cube 0: 3*12^2 = 432
        (0x040404, 16),   // tie, 48 each: the cube wins
    ])
    func nearest256(hex: Int, index: Int) {
        #expect(TerminalColor.nearest256(RGB(hex: UInt32(hex))) == UInt8(index))
    }

    @Test(arguments: [
        (0xFF0000, BasicColor.red),      // red (205,0,0): 50^2
        (0x00FF00, .green),
        (0x0000FF, .blue),               // (0,0,238): 17^2
        (0xFFFFFF, .white),              // (229,229,229): 3*26^2
        (0x1C1C1C, .black),
        (0xE69F00, .yellow),             // yellow 25^2+46^2 = 2741 < red 25^2+159^2
        (0x56B4E9, .cyan),               // cyan 86^2+25^2+28^2 = 8805
    ])
    func nearest8(hex: Int, colour: BasicColor) {
        #expect(BasicColor.nearest(to: RGB(hex: UInt32(hex))) == colour)
    }

    @Test func indexRGBRoundTrips() {
        #expect(TerminalColor.rgb(ofIndex: 64) == RGB(hex: 0x5F8700))
        #expect(TerminalColor.rgb(ofIndex: 244) == RGB(hex: 0x808080))
        for index in UInt8(16)...255 {
            #expect(TerminalColor.nearest256(TerminalColor.rgb(ofIndex: index)) == index)
        }
    }

    @Test func mapByDepth() {
        let orange = RGB(hex: 0xFF8700)
        #expect(TerminalColor.map(orange, depth: .truecolor) == .rgb(orange))
        #expect(TerminalColor.map(orange, depth: .color256) == .indexed(208))
        #expect(TerminalColor.map(orange, depth: .color8) == .ansi(3))
        #expect(TerminalColor.map(orange, depth: .color8, override: .red) == .ansi(1))
        #expect(TerminalColor.map(orange, depth: .color8, override: .default) == .default)
        #expect(TerminalColor.map(orange, depth: .none) == .default)
        #expect(TerminalColor.rgb(orange).paletteIndex == 208)
        #expect(TerminalColor.default.paletteIndex == -1)
    }

    @Test func parsesHex() {
        #expect(RGB(hexString: "#5f8700") == RGB(0x5F, 0x87, 0x00))
        #expect(RGB(hexString: "#5F8700") == RGB(0x5F, 0x87, 0x00))
        #expect(RGB(hexString: "#12345") == nil)
        #expect(RGB(hexString: "5f8700") == nil)
        #expect(RGB(hexString: "#5g8700") == nil)
        #expect(RGB(hexString: "#5f87000") == nil)
    }
}
