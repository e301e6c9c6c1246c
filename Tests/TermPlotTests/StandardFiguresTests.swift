import Testing

@testable import TermPlot

@Suite("Standard figures")
struct StandardFiguresTests {
    static let data = SpiralFigureData(
        truthX: [0, 1, 2], truthY: [2, 1, 0], mseX: [0, 2], mseY: [1, 1],
        sampleX: [0.5, 1.5], sampleY: [1.5, 0.5], xName: "a", yName: "b")

    @Test func sideBySideHasThreeSharedPanels() {
        let f = StandardFigures.sideBySide(StandardFiguresTests.data)
        #expect(f.panels.map(\.title) == ["ground truth", "MSE prediction", "MDN samples"])
        #expect(f.sharedX && f.sharedY)
        #expect(f.panels.allSatisfy { $0.x.label == "a" && $0.y.label == "b" })
    }

    @Test func equalAspectOnlyWhenTheDataAskForIt() {
        // A user's columns (different units) keep their own ranges; the spiral is drawn round.
        var d = StandardFiguresTests.data
        let views: (SpiralFigureData) -> [Figure] = { d in
            [StandardFigures.overlay(d), StandardFigures.sideBySide(d), StandardFigures.density(d)]
        }
        #expect(views(d).allSatisfy { !$0.panels.contains(where: \.equalAspect) })
        d.equalAspect = true
        #expect(views(d).allSatisfy { $0.panels.allSatisfy(\.equalAspect) })
    }

    @Test func densityUsesTheHeatmapWhenGiven() {
        var d = StandardFiguresTests.data
        if case .density = StandardFigures.density(d).panels[0].layers[0] {
        } else {
            Issue.record("expected sample density")
        }
        d.heatmap = Heatmap(columns: 1, rows: 1, values: [1], xRange: 0...1, yRange: 0...1)
        if case .heatmap(let h) = StandardFigures.density(d).panels[0].layers[0] {
            #expect(h.label == "MDN p(y|x)")
        } else {
            Issue.record("expected heatmap")
        }
    }

    @Test func componentsSkipNegligibleWeights() {
        // Component 0 has weight 0.9 everywhere; component 1 is negligible in the middle point,
        // which splits its curve into two runs of one point each: nothing to draw.
        let c = ComponentCurves(
            xs: [0, 1, 2], mu: [[0, 0, 0], [1, 1, 1]], pi: [[0.9, 0.9, 0.9], [0.1, 0.0, 0.1]])
        let f = StandardFigures.components(StandardFiguresTests.data, c)
        #expect(f.layout == .vertical && f.sharedX && f.weights == [3, 1])
        let styled = f.panels[0].layers.compactMap { layer -> [StyleRole]? in
            if case .styledCurve(_, _, let roles, _, _) = layer { return roles } else { return nil }
        }
        // pi 0.9 is the largest weight at every x: relative weight 1 -> level 7 for both segments.
        #expect(styled == [[.component(index: 0, level: 7), .component(index: 0, level: 7)]])
        #expect(f.panels[1].layers.count == 2)
    }

    @Test func componentLegendSurvivesAnUndrawnFirstComponent() {
        // Component 0 stays below the 0.02 threshold everywhere, so it draws nothing; the legend
        // entry must move to component 1, the first run drawn, and appear exactly once.
        let c = ComponentCurves(
            xs: [0, 1, 2], mu: [[0, 0, 0], [1, 1, 1], [2, 2, 2]],
            pi: [[0.01, 0.01, 0.01], [0.5, 0.5, 0.5], [0.49, 0.49, 0.49]])
        let labels = StandardFigures.components(StandardFiguresTests.data, c).panels[0].layers.compactMap {
            layer -> (StyleRole, String?)? in
            if case .styledCurve(_, _, _, let legendRole, let label) = layer {
                return (legendRole, label)
            } else {
                return nil
            }
        }
        #expect(labels.count == 2)
        #expect(labels.map(\.0) == [.component(index: 1, level: 7), .component(index: 2, level: 7)])
        #expect(labels.map(\.1) == ["mu_k(x), brighter = larger pi_k(x)", nil])
    }

    @Test func componentBrightnessIsRelativeToTheLargestWeight() {
        // Two components at 0.6 / 0.3 everywhere: relative 1 -> level 7, relative 0.5 -> level 4.
        let c = ComponentCurves(xs: [0, 1], mu: [[0, 0], [1, 1]], pi: [[0.6, 0.6], [0.3, 0.3]])
        let roles = StandardFigures.components(StandardFiguresTests.data, c).panels[0].layers.compactMap {
            layer -> StyleRole? in
            if case .styledCurve(_, _, let roles, _, _) = layer { return roles.first } else { return nil }
        }
        #expect(roles == [.component(index: 0, level: 7), .component(index: 1, level: 4)])
    }

    @Test func lossScaleAndPanels() {
        let pos = StandardFigures.loss([LossSeries(model: .mse, split: .train, values: [2, 1.5, 1.1])])
        #expect(pos.panels.count == 1 && pos.panels[0].y.scale == .log10)
        let neg = StandardFigures.loss(
            [
                LossSeries(model: .mse, split: .train, values: [2, 1]),
                LossSeries(model: .mdn, split: .validation, values: [1, -0.2]),
            ],
            references: [.mdn: (-0.387, "best")])
        #expect(neg.panels.count == 2 && neg.panels[0].y.scale == .log10 && neg.panels[1].y.scale == .linear)
        #expect(neg.panels[1].layers.count == 2)
        #expect(LossSeries(model: .mdn, split: .validation, values: []).label == "MDN val")
        #expect(
            StandardFigures.loss([LossSeries(model: .mdn, split: .train, values: [1])], titles: [.mdn: "MDN  lr 1e-3"])
                .panels[0].title == "MDN  lr 1e-3")
        let text = FigureRenderer.render(neg, width: 80, height: 16, canvas: .braille).text
        #expect(text.contains("MSE train") && text.contains("MDN val") && text.contains("best"))
    }

    @Test func everyViewRenders() {
        let c = ComponentCurves(xs: [0, 1], mu: [[0, 1]], pi: [[1, 1]])
        for view in StandardView.allCases {
            let f = StandardFigures.figure(
                view, data: StandardFiguresTests.data, components: c,
                losses: [LossSeries(model: .mdn, split: .train, values: [1, 0.5])])
            #expect(!FigureRenderer.render(f, width: 90, height: 24, canvas: .braille).text.isEmpty)
        }
    }
}
