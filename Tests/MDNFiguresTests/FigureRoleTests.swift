import MDNFigures
import TermPlot
import Testing

/// mdnx's series map onto TermPlot's generic slots and back, with their own glyphs.
@Suite struct FigureRoleTests {
    static let roles: [FigureRole] = {
        var roles: [FigureRole] = [.truth, .backdrop, .mseCurve, .mdnSamples, .dataTint]
        for m in LossModel.allCases { for split in LossSplit.allCases { roles.append(.loss(model: m, split: split)) } }
        let ranks: [(Int, Int)] = [(0, 1), (0, 2), (1, 2), (0, 20), (19, 20), (63, 64), (0, 300), (299, 300)]
        for (rank, count) in ranks {
            for level: UInt8 in [0, 3, 7] { roles.append(.component(rank: rank, of: count, level: level)) }
        }
        return roles
    }()

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
        // Components are lettered a...z by rank, cycling after 26 (255 % 26 = 21: 'v').
        let letters = [0, 1, 25, 26, 255].map { FigureRole.component(rank: $0, of: 300, level: 3).asciiGlyph }
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

    @Test func componentsSitOnTheColormapByRank() {
        #expect(FigureRole.component(rank: 0, of: 20, level: 7).colormapPosition == 0)
        #expect(FigureRole.component(rank: 19, of: 20, level: 0).colormapPosition == 1)
        // sqrt(rank / (K - 1)): rank 1 of 5 halfway, rank 1 of 3 at sqrt(1/2).
        #expect(FigureRole.component(rank: 1, of: 5, level: 4).colormapPosition == 0.5)
        #expect(FigureRole.component(rank: 1, of: 3, level: 4).colormapPosition == 0.5.squareRoot())
        #expect(FigureRole.component(rank: 0, of: 1, level: 4).colormapPosition == 0)
        #expect(FigureRole.truth.colormapPosition == nil)
        // Out-of-range ranks and counts are clamped, never trap.
        #expect(
            FigureRole(FigureRole.component(rank: 99, of: 5, level: 9).styleRole)
                == .component(rank: 4, of: 5, level: 7))
    }

    @Test func samplesAndValidationLossesDifferByPattern() {
        #expect(FigureRole.mdnSamples.style.mark == .pair && FigureRole.truth.style.mark == .dot)
        #expect(FigureRole.loss(model: .mdn, split: .validation).style.pattern == .dashed)
        #expect(FigureRole.loss(model: .mdn, split: .train).style.pattern == .solid)
        let backdrop = FigureRole.dataBackdrop(tint: true)
        #expect(backdrop.beneath && backdrop.tint == FigureRole.dataTint.styleRole)
        #expect(FigureRole.dataBackdrop(tint: false).tint == nil)
    }

    @Test func vectorOpacityKeepsTheDataBehindTheModels() {
        #expect(FigureRole.backdrop.opacity < FigureRole.truth.opacity)
        #expect(FigureRole.truth.opacity < FigureRole.mdnSamples.opacity)
    }
}
