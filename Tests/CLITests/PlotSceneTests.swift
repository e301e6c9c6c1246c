import Foundation
import MDNCore
import TermPlot
import Testing

@testable import mdnx

@Suite struct PlotSceneTests {
    let xs: [Float] = (0..<50).map { Float($0) / 10 }
    var ys: [Float] { xs.map { $0 * $0 / 5 } }

    /// Two components with means 1 and 3, weights softmax([0, log 3]) = (1/4, 3/4), sigma 0.5.
    func mixtures(_ x: [Float]) -> MixtureBatch {
        let layout = MixtureLayout(components: 2)
        let row: [Float] = [1, 3, 0.5, 0.5, 0, Float(log(3.0))]
        return MixtureBatch(layout: layout, rows: Array(repeating: row, count: x.count).flatMap { $0 })
    }

    func scene(mse: Bool, mdn: Bool) -> PlotScene {
        var rng = SeededRNG(seed: 1)
        let line: ([Float]) -> [Float] = { $0.map { 2 * $0 } }
        let mix: ([Float]) -> MixtureBatch = mixtures
        return PlotScene(
            xs: xs, ys: ys, xName: "age", yName: "income",
            mse: mse ? line : nil, mdn: mdn ? mix : nil, rng: &rng)
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
        #expect(f.panels.map(\.title) == ["data"])
        #expect(f.panels[0].layers.count == 1)
        #expect(f.panels[0].x.label == "age" && f.panels[0].y.label == "income")
        #expect(try scene(mse: true, mdn: true).figure(.overlay).panels[0].layers.count == 3)
    }

    @Test func mdnGivesOneSamplePerDataPointAndAGrid() throws {
        let s = scene(mse: true, mdn: false)
        #expect(s.data.sampleX.isEmpty && s.data.heatmap == nil && s.components == nil)
        #expect(s.data.mseX.count == PlotScene.curvePoints && s.data.mseY == s.data.mseX.map { 2 * $0 })
        #expect(throws: PlotError.self) { try s.figure(.density) }
        #expect(throws: PlotError.self) { try s.figure(.components) }

        let m = scene(mse: false, mdn: true)
        #expect(m.data.sampleX == xs && m.data.sampleY.count == xs.count)
        let h = try #require(m.data.heatmap)
        #expect(h.columns == PlotScene.densityColumns && h.rows == PlotScene.densityRows)
        let c = try #require(m.components)
        #expect(c.mu.count == 2 && c.mu[0].allSatisfy { $0 == 1 } && c.mu[1].allSatisfy { $0 == 3 })
        #expect(c.pi[0].allSatisfy { abs($0 - 0.25) < 1e-6 } && c.pi[1].allSatisfy { abs($0 - 0.75) < 1e-6 })
        #expect(try m.figure(.density).panels[0].title == "MDN density")
        #expect(try m.figure(.components).panels.count == 2)
    }
}
