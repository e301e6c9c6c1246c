import MDNCore
import MDNFigures
import TermPlot
import Testing

/// The main plot's axis modes and layer toggles, and how the data sit under the models.
@Suite struct AxisModeTests {
    /// Data on x 1...3, y 0...10; samples reaching y = 50; an MSE curve.
    static let scene = FigureScene(
        data: XYPoints(xs: [1, 2, 3], ys: [0, 10, 5]), dataName: "d", equalAspect: true,
        mse: XYPoints(xs: [1, 3], ys: [4, 6]),
        mdn: FigureScene.MDN(mixtures: nil, samples: XYPoints(xs: [1, 2], ys: [50, -20])))

    static func overlay(_ mode: AxisMode, layers: FigureLayers = .all, tints: Bool = true) -> Panel {
        var s = scene
        s.axisMode = mode
        s.layers = layers
        s.tints = tints
        return StandardFigures.overlay(s).panels[0]
    }

    @Test func fitDataUsesTheDataRangesWithAMargin() {
        let p = Self.overlay(.fitData)
        // x 1...3 and y 0...10, 3% of each span beyond.
        guard case .fixed(let x0, let x1) = p.x.range, case .fixed(let y0, let y1) = p.y.range else {
            Issue.record("fixed ranges expected")
            return
        }
        #expect(abs(x0 - 0.94) < 1e-6 && abs(x1 - 3.06) < 1e-6 && abs(y0 + 0.3) < 1e-6 && abs(y1 - 10.3) < 1e-6)
        // The spiral-like scene (one unit on both columns) stays round only where that is cheap.
        #expect(p.aspect == .equalIfCheap(maxUnused: AxisMode.cheapEqualAspect))
        var other = Self.scene
        other.equalAspect = false
        #expect(StandardFigures.overlay(other).panels[0].aspect == .free)
    }

    @Test func fitEverythingAndEqualAspect() {
        let all = Self.overlay(.fitAll)
        #expect(all.x.range == .auto && all.y.range == .auto && all.y.padding == AxisMode.margin)
        let equal = Self.overlay(.equalAspect)
        #expect(equal.aspect == .equal)
        guard case .fixed = equal.y.range else {
            Issue.record("equal aspect starts from the data's ranges")
            return
        }
        #expect(AxisMode.fitData.next == .fitAll && AxisMode.fitAll.next == .equalAspect)
        #expect(AxisMode.equalAspect.next == .fitData)
    }

    @Test func layersToggle() {
        func labels(_ p: Panel) -> [String] {
            p.layers.compactMap { layer -> String? in
                switch layer {
                case .points(_, _, _, let l), .curve(_, _, _, let l): return l
                default: return nil
                }
            }
        }
        #expect(labels(Self.overlay(.fitData)) == ["data", "MDN samples", "MSE mean"])
        #expect(labels(Self.overlay(.fitData, layers: [.mse])) == ["MSE mean"])
        #expect(Self.overlay(.fitData, layers: [.mse]).title == "d: MSE mean (T 1, S 1)")
        #expect(labels(Self.overlay(.fitData, layers: [.data, .samples])) == ["data", "MDN samples"])
        #expect(Self.overlay(.fitData, layers: []).layers.isEmpty)
        #expect(FigureLayers.numbered(1) == .data && FigureLayers.numbered(3) == .samples)
        #expect(FigureLayers.numbered(4) == nil)
    }

    @Test func theDataGoBeneathTheSamplesTintedWhereTintsShow() {
        func dataStyle(_ p: Panel) -> SeriesStyle? {
            for case .points(_, _, let style, "data") in p.layers { return style }
            return nil
        }
        let tinted = dataStyle(Self.overlay(.fitData))
        #expect(tinted?.beneath == true && tinted?.tint == FigureRole.dataTint.styleRole)
        #expect(dataStyle(Self.overlay(.fitData, tints: false))?.tint == nil)
        // Without samples drawn, the data are the plot: plain ground truth.
        let alone = dataStyle(Self.overlay(.fitData, layers: [.data, .mse]))
        #expect(alone?.beneath == false && alone?.tint == nil)
    }
}
