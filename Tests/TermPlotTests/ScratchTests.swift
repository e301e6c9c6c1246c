import Testing
import Foundation
@testable import TermPlot

@Test func scratchSpiral() {
    var xs: [Float] = [], ys: [Float] = []
    var s: UInt64 = 1
    func r() -> Float { s = s &* 6364136223846793005 &+ 1442695040888963407; return Float(s >> 40) / Float(1 << 24) }
    for _ in 0..<10000 {
        let a = r() * 4 * .pi
        xs.append(a * cos(a) + (r() - 0.5) * 0.4); ys.append(a * sin(a) + (r() - 0.5) * 0.4)
    }
    let p = Panel(title: "spiral", layers: [.points(xs: xs, ys: ys, role: .truth, label: "truth"),
        .curve(xs: [-10, 0, 10], ys: [0, 3, -2], role: .mseCurve, label: "MSE"), .hline(y: 1, role: .reference, label: "ref")],
                  x: Axis(label: "x"), y: Axis(label: "y"), equalAspect: true)
    for k in CanvasKind.allCases {
        print(FigureRenderer.render(Figure(panels: [p, p], sharedY: true), width: 120, height: 30, canvas: k).text)
    }
}
