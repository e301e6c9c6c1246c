import TermPlot
import Testing

@testable import Themes

/// Mapping to terminal colours and nearest basic colours, against hand-computed cases.
@Suite struct TerminalColorTests {
    @Test(arguments: [
        (0xFF0000, BasicColor.red),  // red (205,0,0): 50^2
        (0x00FF00, .green),
        (0x0000FF, .blue),  // (0,0,238): 17^2
        (0xFFFFFF, .white),  // (229,229,229): 3*26^2
        (0x1C1C1C, .black),
        (0xE69F00, .yellow),  // yellow 25^2+46^2 = 2741 < red 25^2+159^2
        (0x56B4E9, .cyan),  // cyan 86^2+25^2+28^2 = 8805
    ])
    func nearest8(hex: Int, colour: BasicColor) {
        #expect(BasicColor.nearest(to: RGB(hex: UInt32(hex))) == colour)
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
