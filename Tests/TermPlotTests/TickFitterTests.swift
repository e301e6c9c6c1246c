import Testing

@testable import TermPlot

@Suite("Tick label collision avoidance")
struct TickFitterTests {
    @Test(arguments: [(0.0, 123456.0), (-1e-9, 1e-9), (0, 4.99), (-3.25, 1e4), (0.001, 0.002)])
    func horizontalLabelsNeverCollide(lo: Double, hi: Double) {
        let map = AxisMap(lo: lo, hi: hi, log: false)
        for cells in 1...120 {
            let ticks = TickFitter.horizontal(map, cells: cells)
            let starts = TickFitter.labelStarts(ticks, map, cells: cells, overhang: 0)
            var end = Int.min
            for (t, s) in zip(ticks, starts) {
                #expect(s >= end + 2, "labels collide at \(cells) cells")
                #expect(s >= 0 && s + t.label.count <= cells, "label outside the axis at \(cells) cells")
                end = s + t.label.count
            }
        }
    }

    @Test func verticalTicksKeepABlankRowBetween() {
        let map = AxisMap(lo: 0, hi: 4.99, log: false)
        for cells in 1...60 {
            let rows = TickFitter.vertical(map, cells: cells).map {
                TickFitter.cell(map.fraction(tick: $0.value), cells: cells)
            }
            #expect(zip(rows, rows.dropFirst()).allSatisfy { $1 - $0 >= 2 })
        }
        #expect(TickFitter.vertical(map, cells: 60).count == 5)
    }

    @Test func fewerTicksWhenTight() {
        let map = AxisMap(lo: 0, hi: 1000, log: false)
        #expect(TickFitter.horizontal(map, cells: 80).count > TickFitter.horizontal(map, cells: 12).count)
    }
}
