import TermPlot
import Testing

@testable import Themes

/// Density ramps: named maps and start/mid/end interpolation.
@Suite struct ColormapTests {
    @Test func endpointsAreTheMapsEnds() {
        let viridis = Colormap.viridis.levels(Int(Palette.densityLevels))
        #expect(viridis.count == 8)
        #expect(viridis.first == RGB(hex: 0x440154))
        #expect(viridis.last == RGB(hex: 0xFDE725))
        #expect(Colormap.cividis.levels(8).first == RGB(hex: 0x00204D))
    }

    @Test func interpolatesBetweenStops() {
        // Level 1 of 8 sits at t = 4/7 of the first segment 440154 -> 3b528b:
        // 68 - 9*4/7 = 62.86, 1 + 81*4/7 = 47.29, 84 + 55*4/7 = 115.43.
        #expect(Colormap.viridis.levels(8)[1] == RGB(63, 47, 115))
        #expect(
            Colormap.ramp([RGB(0, 0, 0), RGB(255, 255, 255)], count: 3) == [
                RGB(0, 0, 0), RGB(128, 128, 128), RGB(255, 255, 255),
            ])
        let threeStops = Colormap.ramp([RGB(0, 0, 0), RGB(255, 0, 0), RGB(255, 255, 255)], count: 5)
        #expect(threeStops == [RGB(0, 0, 0), RGB(128, 0, 0), RGB(255, 0, 0), RGB(255, 128, 128), RGB(255, 255, 255)])
    }

    @Test func mapsBrightenMonotonically() {
        for map in Colormap.allCases {
            let luma = map.levels(8).map { 0.2126 * Double($0.r) + 0.7152 * Double($0.g) + 0.0722 * Double($0.b) }
            #expect(zip(luma, luma.dropFirst()).allSatisfy { $0.0 < $0.1 }, "\(map) is not ordered")
        }
    }
}
