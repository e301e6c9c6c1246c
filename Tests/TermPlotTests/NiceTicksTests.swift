import Testing

@testable import TermPlot

/// Expectations computed by hand: the smallest step m*10^e (m in 1, 2, 2.5, 5) with at most
/// maxCount multiples inside [lo, hi].
@Suite("Nice ticks")
struct NiceTicksTests {
    @Test func almostFive() {
        // steps 0.5 -> 10 ticks (too many), 1 -> 0,1,2,3,4.
        #expect(NiceTicks.values(lo: 0, hi: 4.99, maxCount: 6) == [0, 1, 2, 3, 4])
        #expect(NiceTicks.ticks(lo: 0, hi: 4.99, maxCount: 6).map(\.label) == ["0", "1", "2", "3", "4"])
    }

    @Test func zeroToTen() {
        // maxCount 5: 2 -> 6 ticks, 2.5 -> 5 ticks.
        #expect(NiceTicks.values(lo: 0, hi: 10, maxCount: 5) == [0, 2.5, 5, 7.5, 10])
        #expect(NiceTicks.ticks(lo: 0, hi: 10, maxCount: 5).map(\.label) == ["0.0", "2.5", "5.0", "7.5", "10.0"])
        // maxCount 3: 2.5 -> 5 ticks, 5 -> 3.
        #expect(NiceTicks.values(lo: 0, hi: 10, maxCount: 3) == [0, 5, 10])
        #expect(NiceTicks.ticks(lo: 0, hi: 10, maxCount: 3).map(\.label) == ["0", "5", "10"])
    }

    @Test func twoPointFiveStepWithoutHalves() {
        // [0, 100] at most 5: 20 -> 6 ticks, 25 -> 5 ticks, all whole numbers: no decimals.
        #expect(NiceTicks.ticks(lo: 0, hi: 100, maxCount: 5).map(\.label) == ["0", "25", "50", "75", "100"])
        // [0, 50] at most 3: 10 -> 6 ticks, 20 -> 0, 20, 40 (20 comes before 25).
        #expect(NiceTicks.ticks(lo: 0, hi: 50, maxCount: 3).map(\.label) == ["0", "20", "40"])
    }

    @Test func tinySymmetricRange() {
        // span 2e-9: 2e-10 -> 11, 2.5e-10 -> 9, 5e-10 -> 5 ticks.
        let t = NiceTicks.ticks(lo: -1e-9, hi: 1e-9, maxCount: 5)
        #expect(t.map(\.label) == ["-1e-9", "-5e-10", "0", "5e-10", "1e-9"])
    }

    @Test func decimalsAndOffsetRange() {
        // [0.1, 0.35] at most 4: 0.05 -> 6 ticks, 0.1 -> 0.1, 0.2, 0.3.
        #expect(NiceTicks.ticks(lo: 0.1, hi: 0.35, maxCount: 4).map(\.label) == ["0.1", "0.2", "0.3"])
        // [-7, 3] at most 5: 1 -> 11, 2 -> -6, -4, -2, 0, 2.
        #expect(NiceTicks.values(lo: -7, hi: 3, maxCount: 5) == [-6, -4, -2, 0, 2])
    }

    @Test func largeValuesUseScientificLabels() {
        #expect(NiceTicks.ticks(lo: 0, hi: 2e6, maxCount: 3).map(\.label) == ["0", "1e6", "2e6"])
        #expect(NiceTicks.ticks(lo: 0, hi: 1.5e6, maxCount: 4).map(\.label) == ["0", "5e5", "1e6", "1.5e6"])
    }

    @Test func singleTick() {
        // Only one tick allowed in [0.3, 0.4]: 0.1 -> 2 ticks, 0.2 -> just 0.4.
        #expect(NiceTicks.values(lo: 0.3, hi: 0.4, maxCount: 1) == [0.4])
    }

    @Test func logDecades() {
        let t = NiceTicks.logTicks(lo: -3, hi: 1, maxCount: 5)
        #expect(t.map(\.label) == ["0.001", "0.01", "0.1", "1", "10"])
        #expect(t.map(\.value) == [0.001, 0.01, 0.1, 1, 10])
        // Twelve decades, at most 4 ticks: every 5th decade.
        #expect(NiceTicks.logTicks(lo: -6, hi: 6, maxCount: 4).map(\.label) == ["1e-5", "1", "1e5"])
    }

    @Test func logWithinOneDecadeFallsBackToLinear() {
        // log10(0.9) .. log10(1.2): linear nice values inside [0.9, 1.2].
        let t = NiceTicks.logTicks(lo: -0.045757490560675115, hi: 0.07918124604762482, maxCount: 4)
        #expect(t.map(\.label) == ["0.9", "1.0", "1.1", "1.2"])
    }

    @Test func labelFormatting() {
        #expect(TickFormat.fixed(-0.0001, decimals: 2) == "0.00")
        #expect(TickFormat.fixed(-1.25, decimals: 2) == "-1.25")
        #expect(TickFormat.fixed(0.05, decimals: 2) == "0.05")
        #expect(TickFormat.scientific(9.999e-10, stepExponent: -9) == "1e-9")
        #expect(TickFormat.decade(-4) == "1e-4")
        #expect(TickFormat.decade(3) == "1000")
    }
}
