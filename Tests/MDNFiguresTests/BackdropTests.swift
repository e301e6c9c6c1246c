import MDNFigures
import TermPlot
import Testing
import Themes

/// The data drawn behind the MSE curve stays fainter than the ground-truth panel.
@Suite struct BackdropTests {
    /// Euclidean RGB distance, computed here rather than with TermPlot's helpers.
    static func distance(_ a: RGB, _ b: RGB) -> Double {
        let d = [Double(a.r) - Double(b.r), Double(a.g) - Double(b.g), Double(a.b) - Double(b.b)]
        return (d[0] * d[0] + d[1] * d[1] + d[2] * d[2]).squareRoot()
    }

    /// A light palette (white background, mid-grey truth, darker grey secondary text), the
    /// case where the old backdrop (secondary text) was darker than the ground truth.
    static let light = Palette(name: "light-test", background: RGB(hex: 0xFFFFFF)) { role in
        switch FigureRole(role) {
        case .truth: return RoleStyle(foreground: RGB(hex: 0xA8A8A8))
        case .backdrop: return RoleStyle(foreground: RGB(hex: 0xD4D4D4), dim: true)
        default:
            if role == .dimText { return RoleStyle(foreground: RGB(hex: 0x6C6C6C)) }
            return RoleStyle(foreground: RGB(hex: 0x262626))
        }
    }

    @Test func sideBySideDrawsTheBackdropRoleNotSecondaryText() {
        let s = FigureScene(data: XYPoints(xs: [0, 1], ys: [1, 0]), mse: XYPoints(xs: [0, 1], ys: [0.5, 0.5]))
        let panel = StandardFigures.sideBySide(s).panels[1]
        guard case .points(_, _, let style, _) = panel.layers[0] else {
            Issue.record("expected points")
            return
        }
        #expect(FigureRole(style.role) == .backdrop)
        #expect(style.glyph == "." && style.opacity < FigureRole.truth.opacity)
    }

    @Test(arguments: ["dark", "light"])
    func backdropCirclesAreFainterThanTheGroundTruth(paletteName: String) {
        let palette = paletteName == "light" ? BackdropTests.light : Theme.builtinDefault.palette
        let s = FigureScene(data: XYPoints(xs: [0, 1, 2], ys: [1, 0, 2]), mse: XYPoints(xs: [0, 2], ys: [1, 1]))
        let scene = VectorPlotter.scene(StandardFigures.sideBySide(s), width: 900, height: 300, palette: palette)
        var circles: [(color: RGB, opacity: Double)] = []
        for command in scene.commands {
            if case .circles(let centers, _, let color, let opacity) = command, !centers.isEmpty {
                circles.append((color, opacity))
            }
        }
        // Panel order: ground truth, then the backdrop behind the MSE curve (no MDN in the scene).
        #expect(circles.count == 2)
        guard circles.count == 2 else { return }
        let (truth, backdrop) = (circles[0], circles[1])
        #expect(backdrop.opacity <= truth.opacity)
        // What reaches the eye: colour composited over the background at its opacity.
        func shown(_ c: RGB, _ a: Double) -> RGB {
            func m(_ x: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(x) * a + Double(b) * (1 - a)).rounded()) }
            let bg = scene.background
            return RGB(m(c.r, bg.r), m(c.g, bg.g), m(c.b, bg.b))
        }
        let truthContrast = BackdropTests.distance(shown(truth.color, truth.opacity), scene.background)
        let backdropContrast = BackdropTests.distance(shown(backdrop.color, backdrop.opacity), scene.background)
        #expect(backdropContrast < 0.75 * truthContrast, "truth \(truthContrast), backdrop \(backdropContrast)")
    }

    @Test func defaultBackdropIsTheTruthColourPulledToTheBackground() {
        let p = Theme.builtinDefault.palette
        let truth = p.style(for: .figure(.truth)).foreground
        let backdrop = p.style(for: .figure(.backdrop))
        #expect(BackdropTests.distance(backdrop.foreground, p.background) < BackdropTests.distance(truth, p.background))
        #expect(backdrop.dim)
    }
}
