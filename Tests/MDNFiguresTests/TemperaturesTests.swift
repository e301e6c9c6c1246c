import Foundation
import MDNCore
import MDNFigures
import Testing

@Suite struct TemperaturesTests {
    @Test func invalidTemperaturesAreRejected() {
        #expect(throws: MixtureError.invalidTemperature(0)) { try Temperatures(sampling: 0, sigma: 1) }
        #expect(throws: MixtureError.self) { try Temperatures(sampling: 1, sigma: .nan) }
    }

    @Test func labelsAndShortNumbers() throws {
        #expect(try Temperatures(sampling: 1.25, sigma: 0.64).label == "T 1.25, S 0.64")
        #expect(Temperatures.neutral.label == "T 1, S 1")
        #expect([1, 1.25, 0.8, 0.0512, 1.953125].map(Temperatures.format) == ["1", "1.25", "0.8", "0.051", "1.953"])
    }

    @Test func temperingScalesLogitsAndSigmas() throws {
        // logits (0, log 3), sigma 0.5: T = 2 halves the logits, S = 4 doubles the sigmas.
        let batch = MixtureBatch(layout: MixtureLayout(components: 2), rows: [1, 3, 0.5, 0.5, 0, Float(log(3.0))])
        let t = try Temperatures(sampling: 2, sigma: 4)
        let tempered = t.temper(batch)
        #expect(abs(tempered.rows[5] - Float(log(3.0)) / 2) < 1e-6 && tempered.rows[2] == 1 && tempered.rows[3] == 1)
        // softmax((0, log 3) / 2) = (1, sqrt 3) / (1 + sqrt 3).
        let w = t.weights(batch)
        #expect(abs(w[0] - 1 / (1 + Float(3).squareRoot())) < 1e-6)
    }
}
