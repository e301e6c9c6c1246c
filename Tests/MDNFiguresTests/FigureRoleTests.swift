import MDNFigures
import TermPlot
import Testing

/// mdnx's series map onto TermPlot's generic slots and back, with their own glyphs.
@Suite struct FigureRoleTests {
    static let roles: [FigureRole] =
        [.truth, .backdrop, .mseCurve, .mdnSamples]
        + LossModel.allCases.flatMap { m in LossSplit.allCases.map { FigureRole.loss(model: m, split: $0) } }
        + [0, 1, 19, 63, 300].flatMap { k in [0, 3, 7].map { FigureRole.component(index: k, level: UInt8($0)) } }

    @Test func everyRoleHasItsOwnSlotAndComesBack() {
        let styleRoles = Self.roles.map(\.styleRole)
        #expect(Set(styleRoles).count == Self.roles.count)
        for role in Self.roles { #expect(FigureRole(role.styleRole) == role, "\(role)") }
        // TermPlot's own roles are not figure roles.
        for role: StyleRole in [.text, .axis, .reference, .density(level: 3), .statusBar] {
            #expect(FigureRole(role) == nil)
        }
    }

    @Test func seriesDifferByGlyphWithoutColour() {
        #expect(FigureRole.truth.asciiGlyph == "." && FigureRole.mdnSamples.asciiGlyph == "+")
        #expect(FigureRole.mseCurve.asciiGlyph == "#" && FigureRole.referenceLine.glyph == "=")
        let losses = LossModel.allCases.flatMap { m in LossSplit.allCases.map { FigureRole.loss(model: m, split: $0) } }
        #expect(Set(losses.map(\.asciiGlyph)).count == 4)
        // Components are lettered a...z by index, cycling after 26 (255 % 26 = 21: 'v').
        let letters = [0, 1, 25, 26, 255].map { FigureRole.component(index: $0, level: 3).asciiGlyph }
        #expect(letters == ["a", "b", "z", "a", "v"])
    }

    @Test func asciiCanvasShowsTheGlyphs() {
        let panel = Panel(
            layers: [
                .points(xs: [0.5], ys: [0.5], style: FigureRole.truth.style),
                .points(xs: [3.5], ys: [1.5], style: FigureRole.mdnSamples.style),
                .curve(xs: [0, 2], ys: [1.2, 1.2], style: FigureRole.mseCurve.style),
            ], x: Axis(range: .fixed(0, 4)), y: Axis(range: .fixed(0, 2)), showLegend: false)
        let text = FigureRenderer.render(Figure(panel), width: 6, height: 4, canvas: .ascii).text
        #expect(text.split(separator: "\n").prefix(2) == [" |###+", "0+.   "])
    }

    @Test func vectorOpacityKeepsTheDataBehindTheModels() {
        #expect(FigureRole.backdrop.opacity < FigureRole.truth.opacity)
        #expect(FigureRole.truth.opacity < FigureRole.mdnSamples.opacity)
    }
}
