import Testing

@testable import TermPlot

/// Nearest xterm-256 colour, against hand-computed cases.
@Suite struct Xterm256Tests {
    @Test(arguments: [
        (0x000000, 16),  // cube (0,0,0), distance 0
        (0xFFFFFF, 231),  // cube (255,255,255)
        (0x808080, 244),  // grey 8 + 10*12 = 128 (cube (135,135,135) is 3*7^2 away)
        (0xFF0000, 196),  // 16 + 36*5
        (0x5F8700, 64),  // 16 + 36*1 + 6*2 + 0
        (0xD75F00, 166),  // 16 + 36*4 + 6*1
        (0xFF8700, 208),  // 16 + 36*5 + 6*2
        (0xE69F00, 178),  // levels 215, 175, 0: 16 + 144 + 18
        (0x767676, 243),  // grey 118 exactly (cube 135s are 3*17^2 away)
        (0x303030, 236),  // grey 48 exactly (cube 95s are 3*47^2 away)
        (0x0C0C0C, 232),  // grey 8: 3*4^2 = 48 < cube 0: 3*12^2 = 432
        (0x040404, 16),  // tie, 48 each: the cube wins
    ])
    func nearestIndex(hex: Int, index: Int) {
        #expect(Xterm256.nearestIndex(RGB(hex: UInt32(hex))) == UInt8(index))
    }

    @Test func indexRGBRoundTrips() {
        #expect(Xterm256.rgb(ofIndex: 64) == RGB(hex: 0x5F8700))
        #expect(Xterm256.rgb(ofIndex: 244) == RGB(hex: 0x808080))
        for index in UInt8(16)...255 {
            #expect(Xterm256.nearestIndex(Xterm256.rgb(ofIndex: index)) == index)
        }
    }
}
