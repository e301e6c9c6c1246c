import Foundation
import MDNCore
import MDNFigures
import Testing

@Suite struct ComponentCurvesTests {
    @Test("means per component and weights as a tempered softmax")
    func meansAndTemperedWeights() throws {
        let batch = MixtureBatch(layout: MixtureLayout(components: 2), rows: [0.5, 2, 1, 1, 0, Float(log(3.0))])
        let c1 = ComponentCurves(batch, xs: [7], temperatures: .neutral)
        #expect(c1.xs == [7] && c1.mu[0] == [0.5] && c1.mu[1] == [2])
        #expect(abs(c1.pi[0][0] - 0.25) < 1e-6 && abs(c1.pi[1][0] - 0.75) < 1e-6)
        // T = 2: softmax(logits / 2) = (1, sqrt 3) / (1 + sqrt 3).
        let c2 = ComponentCurves(batch, xs: [7], temperatures: try Temperatures(sampling: 2, sigma: 1))
        #expect(abs(c2.pi[0][0] - 1 / (1 + Float(3).squareRoot())) < 1e-6)
    }

    @Test("from a source: evenly spaced x over the range, ends included")
    func fromASource() {
        let source = MixtureSource.function(layout: MixtureLayout(components: 1)) { xs in
            MixtureBatch(layout: MixtureLayout(components: 1), rows: xs.flatMap { [$0 * $0, 1, 0] })
        }
        let c = ComponentCurves(source, xRange: 1...3, points: 5, temperatures: .neutral)
        #expect(c.xs == [1, 1.5, 2, 2.5, 3] && c.mu[0] == [1, 2.25, 4, 6.25, 9] && c.pi[0].allSatisfy { $0 == 1 })
    }
}
