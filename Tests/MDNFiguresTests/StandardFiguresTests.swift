import MDNCore
import MDNFigures
import TermPlot
import Testing

@Suite("Standard figures")
struct StandardFiguresTests {
    static let scene = FigureScene(
        data: XYPoints(xs: [0, 1, 2], ys: [2, 1, 0]), dataName: "d", xName: "a", yName: "b",
        mse: XYPoints(xs: [0, 2], ys: [1, 1]),
        mdn: FigureScene.MDN(mixtures: nil, samples: XYPoints(xs: [0.5, 1.5], ys: [1.5, 0.5])))

    static let resolution = FigureResolution(densityColumns: 8, densityRows: 8, componentPoints: 3)

    /// Two components at y = 1 and y = 3 for every x (sigma 0.1, equal weights).
    static let twoLines = MixtureSource.grid(
        xs: [0, 2],
        batch: MixtureBatch(layout: MixtureLayout(components: 2), rows: [1, 3, 0.1, 0.1, 0, 0, 1, 3, 0.1, 0.1, 0, 0]))

    @Test func sideBySideHasThreeSharedPanels() {
        let f = StandardFigures.sideBySide(Self.scene)
        #expect(f.panels.map(\.title) == ["ground truth", "MSE prediction", "MDN samples"])
        #expect(f.sharedX && f.sharedY)
        #expect(f.panels.allSatisfy { $0.x.label == "a" && $0.y.label == "b" })
    }

    @Test func panelsAndLayersFollowTheModelsInTheScene() {
        var s = Self.scene
        s.mse = nil
        #expect(StandardFigures.sideBySide(s).panels.map(\.title) == ["ground truth", "MDN samples"])
        #expect(StandardFigures.overlay(s).panels[0].title == "d: data and MDN samples (T 1, S 1)")
        s.mdn = nil
        #expect(StandardFigures.sideBySide(s).panels.map(\.title) == ["ground truth"])
        let overlay = StandardFigures.overlay(s).panels[0]
        #expect(overlay.title == "d: data" && overlay.layers.count == 1)
        #expect(StandardFigures.overlay(Self.scene).panels[0].title == "d: data, MSE mean and MDN samples (T 1, S 1)")
        #expect(StandardFigures.overlay(Self.scene).panels[0].layers.count == 3)
    }

    @Test func equalAspectOnlyWhenTheSceneAsksForIt() {
        // A user's columns (different units) keep their own ranges; the spiral is drawn round.
        var s = Self.scene
        s.mdn?.mixtures = Self.twoLines
        let views = { (s: FigureScene) in
            [FigureView.overlay, .sideBySide, .density].map {
                StandardFigures.figure($0, s, resolution: Self.resolution)
            }
        }
        #expect(views(s).allSatisfy { !$0.panels.contains(where: \.equalAspect) })
        s.equalAspect = true
        #expect(views(s).allSatisfy { $0.panels.allSatisfy(\.equalAspect) })
    }

    @Test func densityUsesTheMixturesWhenThereAreAny() throws {
        // No mixtures yet: the samples' density, and a waiting title.
        let waiting = StandardFigures.density(Self.scene, resolution: Self.resolution).panels[0]
        #expect(waiting.title == "density p(b|a) (waiting for the first MDN epoch)")
        if case .density = waiting.layers[0] {} else { Issue.record("expected sample density") }
        var s = Self.scene
        s.mdn?.mixtures = Self.twoLines
        let panel = StandardFigures.density(s, resolution: Self.resolution).panels[0]
        #expect(panel.title == "MDN density p(b|a), data below (T 1, S 1)")
        guard case .field(let f) = panel.layers[0] else {
            Issue.record("expected a field")
            return
        }
        // Drawn over the data's x range with the axes' 3% margin, per column, with a colour bar.
        #expect(f.label == "MDN p(y|x)" && f.colorBar && f.normalise == .perColumn)
        let d = try #require(f.xDomain)
        #expect(abs(d.lowerBound + 0.06) < 1e-6 && abs(d.upperBound - 2.06) < 1e-6)
        // It is p(y|x): one row centred on y = 1 (a component mean) at x = 1 holds
        // 0.5 N(0; 0, 0.1) + 0.5 N(2; 0, 0.1) = 0.5 / (0.1 sqrt(2 pi)).
        let v = f.evaluate([1], 0.99...1.01, 1)
        let expected = 0.5 / (0.1 * (2 * Double.pi).squareRoot())
        #expect(v.count == 1 && abs(Double(v[0]) - expected) < 1e-3 * expected)
        // The data go beneath it (hidden where it shades), the MSE curve on top.
        guard case .points(_, _, let style, _) = panel.layers[1] else {
            Issue.record("expected the data")
            return
        }
        #expect(style.beneath && style.tint == nil)
    }

    @Test func componentsFollowTheTemperature() throws {
        var s = Self.scene
        s.mdn?.mixtures = Self.twoLines
        s.mdn?.temperatures = try Temperatures(sampling: 2, sigma: 1)
        let f = StandardFigures.components(s, resolution: Self.resolution)
        #expect(
            f.panels.map(\.title) == [
                "components: mu_k(x) of 2, coloured by rank of mean pi_k, brighter = larger pi_k(x)", "pi_k(x) at T 2",
            ])
        // Equal logits: pi = 1/2 at any T; means 1 and 3 at the three x values 0, 1, 2.
        guard case .curve(let xs, let pi, _, _) = f.panels[1].layers[0] else {
            Issue.record("expected the pi strip")
            return
        }
        #expect(xs == [0, 1, 2] && pi.allSatisfy { abs($0 - 0.5) < 1e-6 })
        s.mdn?.mixtures = nil
        #expect(
            StandardFigures.components(s, resolution: Self.resolution).panels[0].title
                == "components (waiting for the first MDN epoch)")
    }

    @Test func componentsSkipNegligibleWeights() {
        // Component 0 has weight 0.9 everywhere; component 1 is negligible in the middle point,
        // which splits its curve into two runs of one point each: nothing to draw.
        let c = ComponentCurves(
            xs: [0, 1, 2], mu: [[0, 0, 0], [1, 1, 1]], pi: [[0.9, 0.9, 0.9], [0.1, 0.0, 0.1]])
        let f = StandardFigures.components(Self.scene, c)
        #expect(f.layout == .vertical && f.sharedX && f.weights == [3, 1])
        let styled = f.panels[0].layers.compactMap { layer -> [StyleRole]? in
            if case .styledCurve(_, _, let roles, _, _) = layer { return roles } else { return nil }
        }
        // pi 0.9 is the largest weight at every x: relative weight 1 -> level 7 for both segments.
        let top = StyleRole.figure(.component(rank: 0, of: 2, level: 7))
        #expect(styled == [[top, top]])
        #expect(f.panels[1].layers.count == 2)
    }

    @Test func componentLegendListsTheDrawnComponentsByRank() {
        // Component 0 stays below the 0.02 threshold everywhere, so it draws nothing; the others
        // get one legend entry each (their mean weight), largest first, coloured by rank.
        let c = ComponentCurves(
            xs: [0, 1, 2], mu: [[0, 0, 0], [1, 1, 1], [2, 2, 2]],
            pi: [[0.01, 0.01, 0.01], [0.5, 0.5, 0.5], [0.49, 0.49, 0.49]])
        let labels = StandardFigures.components(Self.scene, c).panels[0].layers.compactMap {
            layer -> (StyleRole, String?)? in
            if case .styledCurve(_, _, _, let style, let label) = layer {
                return (style.role, label)
            } else {
                return nil
            }
        }
        #expect(labels.count == 2)
        let expected: [StyleRole] = [
            .figure(.component(rank: 0, of: 3, level: 7)), .figure(.component(rank: 1, of: 3, level: 7)),
        ]
        #expect(labels.map(\.0) == expected)
        #expect(labels.map(\.1) == ["pi .50", "pi .49"])
    }

    @Test func componentBrightnessIsRelativeToTheLargestWeight() {
        // Two components at 0.6 / 0.3 everywhere: relative 1 -> level 7, relative 0.5 -> level 4.
        let c = ComponentCurves(xs: [0, 1], mu: [[0, 0], [1, 1]], pi: [[0.6, 0.6], [0.3, 0.3]])
        let roles = StandardFigures.components(Self.scene, c).panels[0].layers.compactMap { layer -> StyleRole? in
            if case .styledCurve(_, _, let roles, _, _) = layer { return roles.first } else { return nil }
        }
        let expected: [StyleRole] = [
            .figure(.component(rank: 0, of: 2, level: 7)), .figure(.component(rank: 1, of: 2, level: 4)),
        ]
        #expect(roles == expected)
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
        var s = Self.scene
        s.mdn?.mixtures = Self.twoLines
        for view in FigureView.allCases {
            for scene in [Self.scene, s] {
                let f = StandardFigures.figure(view, scene, resolution: Self.resolution)
                #expect(!FigureRenderer.render(f, width: 90, height: 24, canvas: .braille).text.isEmpty)
            }
        }
    }
}
