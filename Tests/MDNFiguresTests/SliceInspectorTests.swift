import Foundation
import MDNCore
import MDNFigures
import TermPlot
import Testing

/// The slice inspector's panel: what it draws and the text below it.
@Suite struct SliceInspectorTests {
    /// Data at x = 1 (y in 0.1 ... 3.9 step 0.2: 20 points) and x = 4 (10 points at y = 5),
    /// an MSE curve y = x, and two components at y = 1 and y = 3 (weights 0.75 / 0.25).
    static func scene(mdn: Bool = true) -> FigureScene {
        var xs: [Float] = []
        var ys: [Float] = []
        for i in 0..<20 {
            xs.append(1)
            ys.append(0.1 + 0.2 * Float(i))
        }
        for _ in 0..<10 {
            xs.append(4)
            ys.append(5)
        }
        let row: [Float] = [1, 3, 0.2, 0.2, Float(log(0.75)), Float(log(0.25))]
        let source = MixtureSource.grid(
            xs: [0, 5], batch: MixtureBatch(layout: MixtureLayout(components: 2), rows: row + row))
        return FigureScene(
            data: XYPoints(xs: xs, ys: ys), xName: "x", yName: "y", mse: XYPoints(xs: [0, 5], ys: [0, 5]),
            mdn: mdn ? FigureScene.MDN(mixtures: source) : nil)
    }

    @Test func drawsTheDensityItsComponentsTheMarkerAndTheData() throws {
        let inspector = SliceInspector(Self.scene(), x0: 1, yRange: 0...4, window: 0.5)
        #expect(inspector.nearCount == 20)
        #expect(inspector.msePrediction == 1)
        let p = inspector.panel
        #expect(p.title == "p(y | x = 1)")
        guard case .fixed(0, 4) = p.y.range else {
            Issue.record("the inspector plots the main plot's y range")
            return
        }
        var bars: Bars? = nil
        var curves = 0
        var marker: Float? = nil
        for layer in p.layers {
            switch layer {
            case .bars(let b): bars = b
            case .curve: curves += 1
            case .hline(let y, _, _): marker = y
            default: break
            }
        }
        #expect(curves == 3)  // two components and the mixture
        #expect(marker == 1)
        // The histogram is a density: bar areas add up to the share of near points inside the
        // y range (all of them here).
        let b = try #require(bars)
        let area = zip(b.values, zip(b.edges, b.edges.dropFirst())).map { v, e in Double(v) * Double(e.1 - e.0) }
        #expect(abs(area.reduce(0, +) - 1) < 1e-5)
        #expect(p.notes.count == 3)
        #expect(p.notes[0].hasPrefix("x0 1  mean 1.5  std "))
        #expect(p.notes[1] == "modes (2): 1 3")
        #expect(p.notes[2] == "largest pi 0.75: mu 1, sigma 0.2")
    }

    @Test func theMixtureCurveIsTheDensity() throws {
        let inspector = SliceInspector(Self.scene(), x0: 2, yRange: 0...4)
        let summary = try #require(inspector.summary)
        for layer in inspector.panel.layers {
            guard case .curve(let xs, let ys, _, let label) = layer, label == "p(y|x0)" else { continue }
            for (d, y) in zip(xs, ys) {
                let z1: Double = (Double(y) - 1) / 0.2
                let z3: Double = (Double(y) - 3) / 0.2
                let peak: Double = 0.2 * (2 * Double.pi).squareRoot()
                let p: Double = (0.75 * exp(-z1 * z1 / 2) + 0.25 * exp(-z3 * z3 / 2)) / peak
                #expect(abs(Double(d) - p) < 1e-4 * max(1, p))
            }
        }
        #expect(abs(summary.mean - 1.5) < 1e-6)
    }

    @Test func withoutAnMDNItSaysSo() {
        let inspector = SliceInspector(Self.scene(mdn: false), x0: 4, yRange: 0...6, window: 0.1)
        #expect(inspector.summary == nil && inspector.nearCount == 10)
        #expect(inspector.panel.notes == ["x0 4", "no MDN"])
    }

    @Test func besideTheMainPlotOnItsYRangeWithACursor() throws {
        var scene = Self.scene()
        scene.samples = XYPoints(xs: [1], ys: [9])
        let f = StandardFigures.figure(.overlay, scene, resolution: .vector, inspector: 2)
        #expect(f.panels.count == 2 && f.layout == .horizontal && f.sharedY)
        let main = f.panels[0]
        let cursor = main.layers.contains { layer in
            if case .vline(2, _, _) = layer { return true } else { return false }
        }
        #expect(cursor)
        guard case .fixed(let lo, let hi) = main.y.range, case .fixed(let ilo, let ihi) = f.panels[1].y.range else {
            Issue.record("both panels on fixed y ranges")
            return
        }
        #expect(lo == ilo && hi == ihi)
        // Fit data: the data's y range (0.1 ... 5) with a 3% margin, whatever the samples.
        #expect(abs(lo - (0.1 - 0.147)) < 1e-5 && abs(hi - (5 + 0.147)) < 1e-5)
        // The stacked components view keeps its top panel beside the inspector.
        let c = StandardFigures.figure(.components, scene, resolution: .vector, inspector: 2)
        #expect(c.panels.count == 2 && c.layout == .horizontal)
    }
}

extension FigureScene {
    /// The MDN's samples (test shorthand).
    fileprivate var samples: XYPoints {
        get { mdn?.samples ?? .empty }
        set { mdn?.samples = newValue }
    }
}
