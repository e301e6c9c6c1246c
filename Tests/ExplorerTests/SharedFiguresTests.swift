import MDNCore
import MDNFigures
import TermPlot
import Testing
import Themes

@testable import Explorer
@testable import mdnx

/// The explorer and `mdnx plot` share their figures: the same view names, and the same
/// data, MSE curve, mixture, samples and temperatures draw the same picture in both.
@Suite struct SharedFiguresTests {
    @Test("mdnx explore --view and mdnx plot --view accept exactly the same names")
    func sameViewNames() throws {
        for name in FigureView.acceptedNames + ["nope", "Side", "side_by_side", "loss", ""] {
            let explore = try? ExploreCommand.parse(["--view", name])
            let plot = try? PlotCommand.parse(["--view", name])
            #expect((explore != nil) == (plot != nil), "\(name)")
            #expect((explore != nil) == FigureView.acceptedNames.contains(name), "\(name)")
            if let explore, let plot { #expect(explore.view == plot.view, "\(name)") }
        }
        #expect(try ExploreCommand.parse(["--view", "side"]).view == .sideBySide)
        #expect(try PlotCommand.parse(["--view", "side"]).view == .sideBySide)
    }

    /// Mixture rows on a 301-point x grid: two components, means x and 5 - x, sigma 0.2,
    /// logits (0, x - 2.5), so the picture changes along x.
    static func mixtureGrid(_ xs: [Float]) -> MixtureBatch {
        MixtureBatch(layout: MixtureLayout(components: 2), rows: xs.flatMap { x in [x, 5 - x, 0.2, 0.2, 0, x - 2.5] })
    }

    @Test(
        "the same scene gives the same cells and SVG from the explorer and from mdnx plot",
        arguments: FigureView.allCases)
    func samePicture(view: FigureView) throws {
        let data = DatasetName.spiral.generate(count: 400, seed: 5)
        let lo = data.x.min()!
        let hi = data.x.max()!
        let mixtureX = (0...300).map { lo + (hi - lo) * Float($0) / 300 }
        let batch = Self.mixtureGrid(mixtureX)
        let temperatures = try Temperatures(sampling: 1.25, sigma: 0.8)

        // mdnx plot's path: the MDN as a source of mixtures, the MSE as a function.
        var rng = SeededRNG(seed: 9)
        let plot = PlotScene(
            data: XYPoints(xs: data.x, ys: data.y), dataName: "spiral", xName: "x", yName: "y", equalAspect: true,
            mse: { xs in xs.map { 2 + 0.1 * $0 } }, mdn: .grid(xs: mixtureX, batch: batch),
            temperatures: temperatures, rng: &rng)

        // The explorer's path: a frame holding the same curve and mixture grid, the same samples.
        let samples = try #require(plot.scene.mdn).samples
        var input = FrameInput(
            data: data, dataName: "spiral", referenceNLL: nil,
            samples: SampleSet(
                xs: samples.xs, ys: samples.ys, key: .init(session: 0, generation: 0, epoch: 1), generation: 0),
            themeName: "dark")
        input.curveX = try #require(plot.scene.mse).xs
        input.curveY = try #require(plot.scene.mse).ys
        input.mixtureX = mixtureX
        input.mixtureRows = batch
        input.equalAspect = true
        var state = ExplorerState()
        state.view = view
        state.temperature = 1.25
        state.sigmaTemperature = 0.8

        for resolution in [FigureResolution.cells(width: 120, height: 30), .vector] {
            let fromPlot = try plot.figure(view, resolution: resolution)
            let fromExplorer = ExplorerView.mainFigure(state, input, resolution: resolution)
            let a = FigureRenderer.render(fromPlot, width: 120, height: 30, canvas: .braille)
            let b = FigureRenderer.render(fromExplorer, width: 120, height: 30, canvas: .braille)
            #expect(a == b, "\(view) at \(resolution)")
            let title: [FigureView: String] = [
                .overlay: "spiral: data, MSE mean and MDN samples (T 1.25, S 0.8)", .sideBySide: "MDN samples",
                .density: "MDN density p(y|x), data below (T 1.25, S 0.8)", .components: "pi_k(x) at T 1.25",
            ]
            #expect(a.text.contains(title[view] ?? "?"), "\(view)")
            #expect(a.cells.filter { $0.glyph != " " && $0.glyph != "\u{2800}" }.count > 300)
            let palette = Theme.builtinDefault.palette
            #expect(
                SVGExporter.svg(VectorPlotter.scene(fromPlot, width: 900, height: 600, palette: palette))
                    == SVGExporter.svg(VectorPlotter.scene(fromExplorer, width: 900, height: 600, palette: palette)))
        }
    }
}
