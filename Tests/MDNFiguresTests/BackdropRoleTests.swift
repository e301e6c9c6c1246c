import MDNFigures
import TermPlot
import Testing
import Themes

/// Every shipped theme draws the backdrop (data behind the MSE curve) fainter than the ground truth.
@Suite struct BackdropRoleTests {
    /// Euclidean RGB distance, computed here.
    static func distance(_ a: RGB, _ b: RGB) -> Double {
        let d = [Double(a.r) - Double(b.r), Double(a.g) - Double(b.g), Double(a.b) - Double(b.b)]
        return (d[0] * d[0] + d[1] * d[1] + d[2] * d[2]).squareRoot()
    }

    @Test(arguments: ["dark", "light", "high-contrast", "colorblind"])
    func backdropIsCloserToTheBackgroundThanTruth(name: String) throws {
        let theme = try ThemeLoader(userDirectory: nil, projectDirectory: projectThemesDirectory).load(name)
        let bg = theme.background
        let truth = theme.foreground(.figure(.truth))
        let backdrop = theme.foreground(.figure(.backdrop))
        #expect(BackdropRoleTests.distance(backdrop, bg) < BackdropRoleTests.distance(truth, bg))
        // Half way between background and truth, channel by channel (rounding allowed).
        for (b, (g, t)) in zip(
            [backdrop.r, backdrop.g, backdrop.b], zip([bg.r, bg.g, bg.b], [truth.r, truth.g, truth.b]))
        {
            #expect(abs(Double(b) - (Double(g) + Double(t)) / 2) <= 1)
        }
        #expect(theme.palette.style(for: .figure(.backdrop)).dim)
    }

    @Test(arguments: ["dark", "light", "high-contrast", "colorblind", "monochrome"])
    func backdropIsDimAtEveryDepth(name: String) throws {
        let theme = try ThemeLoader(userDirectory: nil, projectDirectory: projectThemesDirectory).load(name)
        for depth in ColorDepth.allCases {
            #expect(theme.resolved(.figure(.backdrop), depth: depth).dim, "\(depth)")
        }
    }
}
