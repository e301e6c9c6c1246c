import Foundation
import Testing

@testable import MDNCore

@Suite struct SampleTableTests {
    /// Two x values; K = 2, D = 1: a narrow bump at 10 (pi .25) and one at -10 (pi .75) at x = 1;
    /// a single effective component N(3, 0.5^2) at x = 2.
    let batch = MixtureBatch(
        layout: MixtureLayout(components: 2),
        rows: [
            10, -10, 0.01, 0.01, Float(log(0.25)), Float(log(0.75)),
            3, 3, 0.5, 0.5, 0, 0,
        ])
    let x: [Float] = [1, 2]

    @Test func samplesRowPerDraw() {
        var rng = SeededRNG(seed: 4)
        let t = SampleTable.samples(x: x, xNames: ["x"], yNames: ["y"], batch: batch, perX: 3, rng: &rng)
        #expect(t.header == ["x", "y"] && t.rowCount == 6)
        #expect(stride(from: 0, to: 12, by: 2).map { t.values[$0] } == [1, 1, 1, 2, 2, 2])
        // Draws at x = 1 are within 0.06 of +-10; at x = 2 within 5 sigma of 3.
        #expect((0..<3).allSatisfy { abs(abs(t.values[2 * $0 + 1]) - 10) < 0.06 })
        #expect((3..<6).allSatisfy { abs(t.values[2 * $0 + 1] - 3) < 2.5 })
    }

    @Test func parametersTable() {
        let t = SampleTable.parameters(x: x, xNames: ["x"], yNames: ["y"], batch: batch)
        #expect(t.header == ["x", "pi_1", "pi_2", "mu_1", "mu_2", "sigma_1", "sigma_2"])
        let expected: [Float] = [1, 0.25, 0.75, 10, -10, 0.01, 0.01, 2, 0.5, 0.5, 3, 3, 0.5, 0.5]
        #expect(zip(t.values, expected).allSatisfy { abs($0 - $1) < 1e-6 })
        // Several targets: names carry the target.
        let two = MixtureBatch(layout: MixtureLayout(components: 1, dimension: 2), rows: [1, 2, 0.1, 0.2, 0])
        let t2 = SampleTable.parameters(x: [5], xNames: ["x"], yNames: ["a", "b"], batch: two)
        #expect(t2.header == ["x", "pi_1", "mu_1_a", "mu_1_b", "sigma_1_a", "sigma_1_b"])
        #expect(t2.values == [5, 1, 1, 2, 0.1, 0.2])
    }

    @Test func summaryTable() {
        let t = SampleTable.summary(x: x, xNames: ["x"], yNames: ["y"], batch: batch)
        #expect(t.header == ["x", "mean", "std", "mode"])
        // x = 1: mean .25*10 - .75*10 = -5; var = .0001 + E[(mu - mean)^2] = .0001 + .25*225 + .75*25 = 75.0001;
        // mode at the heavier bump, -10. x = 2: N(3, .25): mean 3, std .5, mode 3.
        let expected: [Float] = [1, -5, Float(75.0001.squareRoot()), -10, 2, 3, 0.5, 3]
        #expect(zip(t.values, expected).allSatisfy { abs($0 - $1) < 1e-4 })
    }

    @Test func predictionsTable() {
        let t = SampleTable.predictions(x: [1, 2], xNames: ["x"], yNames: ["y"], predicted: [0.5, 0.25])
        #expect(t.header == ["x", "prediction"] && t.values == [1, 0.5, 2, 0.25])
    }

    @Test func gridParsing() {
        #expect(SampleTable.grid("0:1:5") == [0, 0.25, 0.5, 0.75, 1])
        #expect(SampleTable.grid("-2:2:1") == [-2])
        #expect(SampleTable.grid("5:0:3") == [5, 2.5, 0])
        #expect(SampleTable.grid("0:5") == nil)
        #expect(SampleTable.grid("0:5:0") == nil)
        #expect(SampleTable.grid("a:5:3") == nil)
        #expect(SampleTable.grid("0:inf:3") == nil)
        #expect(SampleTable.grid("0:1:2.5") == nil)
        // Issue 10: END - START overflowed Float, giving inf and NaN x values.
        #expect(SampleTable.grid("-3e38:3e38:5") == [-3e38, -1.5e38, 0, 1.5e38, 3e38])
    }
}
