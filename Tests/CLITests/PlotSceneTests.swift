import Foundation
import MDNCore
import MDNFigures
import TermPlot
import Testing

@testable import mdnx

@Suite struct PlotSceneTests {
    let xs: [Float] = (0..<50).map { Float($0) / 10 }
    var ys: [Float] { xs.map { $0 * $0 / 5 } }

    /// Two components with means 1 and 3, weights softmax([0, log 3]) = (1/4, 3/4), sigma 0.5.
    static let mixtures = MixtureSource.function(layout: MixtureLayout(components: 2)) { x in
        let row: [Float] = [1, 3, 0.5, 0.5, 0, Float(log(3.0))]
        return MixtureBatch(
            layout: MixtureLayout(components: 2), rows: Array(repeating: row, count: x.count).flatMap { $0 })
    }

    func scene(mse: Bool, mdn: Bool) -> PlotScene {
        var rng = SeededRNG(seed: 1)
        let line: ([Float]) -> [Float] = { $0.map { 2 * $0 } }
        return PlotScene(
            data: XYPoints(xs: xs, ys: ys), dataName: "points.csv", xName: "age", yName: "income",
            mse: mse ? line : nil, mdn: mdn ? Self.mixtures : nil, rng: &rng)
    }

    @Test func sideBySideKeepsOnlyPanelsThatHaveAModel() throws {
        let titles = { (s: PlotScene) in try s.figure(.sideBySide).panels.map(\.title) }
        #expect(try titles(scene(mse: true, mdn: true)) == ["ground truth", "MSE prediction", "MDN samples"])
        #expect(try titles(scene(mse: true, mdn: false)) == ["ground truth", "MSE prediction"])
        #expect(try titles(scene(mse: false, mdn: true)) == ["ground truth", "MDN samples"])
        #expect(try titles(scene(mse: false, mdn: false)) == ["ground truth"])
    }

    @Test func overlayLegendListsOnlyWhatIsDrawn() throws {
        let f = try scene(mse: false, mdn: false).figure(.overlay)
        #expect(f.panels.map(\.title) == ["points.csv: data"])
        #expect(f.panels[0].layers.count == 1)
        #expect(f.panels[0].x.label == "age" && f.panels[0].y.label == "income")
        #expect(try scene(mse: true, mdn: true).figure(.overlay).panels[0].layers.count == 3)
    }

    @Test func mdnGivesOneSamplePerDataPointAndAGrid() throws {
        let s = scene(mse: true, mdn: false)
        #expect(s.scene.mdn == nil)
        let mse = try #require(s.scene.mse)
        #expect(mse.xs.count == PlotScene.curvePoints && mse.ys == mse.xs.map { 2 * $0 })
        #expect(mse.xs.first == 0 && mse.xs.last == 4.9)
        #expect(throws: PlotError.viewNeedsMDN(.density)) { try s.figure(.density) }
        #expect(throws: PlotError.viewNeedsMDN(.components)) { try s.figure(.components) }

        let m = scene(mse: false, mdn: true)
        let mdn = try #require(m.scene.mdn)
        #expect(mdn.samples.xs == xs && mdn.samples.ys.count == xs.count)
        let density = try m.figure(.density, resolution: .vector).panels[0]
        #expect(density.title == "MDN density p(income|age), data below (T 1, S 1)")
        guard case .field(let field) = density.layers[0] else {
            Issue.record("expected the p(y|x) field")
            return
        }
        // Evaluated by the renderer at the target's own resolution: any grid it asks for.
        let grid = field.heatmap(xRange: 0...4.9, yRange: 0...10, columns: 37, rows: 23)
        #expect(grid.columns == 37 && grid.rows == 23 && grid.values.contains { $0 > 0 })
        let components = try m.figure(.components, resolution: .vector)
        #expect(components.panels.count == 2)
        // Strip curves by rank of mean weight: the 0.75 component first.
        guard case .curve(_, let pi, _, _) = components.panels[1].layers[0] else {
            Issue.record("expected pi_k curves")
            return
        }
        #expect(pi.count == FigureResolution.vector.componentPoints && pi.allSatisfy { abs($0 - 0.75) < 1e-6 })
    }

    @Test func errorsReadAsOneLine() {
        #expect(
            PlotError.sizeOutOfRange(
                option: "--width", value: 10, minimum: 64, maximum: 20_000, unit: "pixels", target: ".png"
            ).description == "--width must be from 64 to 20000 pixels for .png, got 10")
        #expect(
            PlotError.twoModelsOfOneKind(kind: "mdn", first: "a", second: "b").description
                == "a and b are both mdn models; give at most one mse and one mdn model")
        #expect(
            PlotError.viewNeedsMDN(.components).description == "--view components needs an mdn model (--model FILE)")
    }
}
