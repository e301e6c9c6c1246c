import Foundation
import MDNCoreTestSupport
import Testing

@testable import MDNCore

@Suite struct NormalizerTests {
    /// x = 1..5 (mean 3, population std sqrt(2)); y = constant 7 (std 0 -> 1).
    let data = Dataset(x: [1, 2, 3, 4, 5], y: [7, 7, 7, 7, 7])

    @Test func fitsMeansAndStds() {
        let n = Normalizer(fitting: data)
        #expect(n.xMean == [3] && abs(n.xStd[0] - Float(2.0.squareRoot())) < 1e-6)
        #expect(n.yMean == [7] && n.yStd == [1])
        let z = n.normalize(data)
        #expect(
            zip(z.x, [-2, -1, 0, 1, 2].map { Float($0) / Float(2.0.squareRoot()) }).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(z.y == [0, 0, 0, 0, 0])
        let back = n.denormalize(z)
        #expect(zip(back.x, data.x).allSatisfy { abs($0 - $1) < 1e-6 } && back.y == data.y)
    }

    @Test func perColumnForSeveralColumns() {
        // Columns (1, 10), (3, 30): means (2, 20), stds (1, 10).
        let d = Dataset(x: [1, 10, 3, 30], y: [0, 4], inputDimension: 2)
        let n = Normalizer(fitting: d)
        #expect(n.xMean == [2, 20] && n.xStd == [1, 10] && n.yMean == [2] && n.yStd == [2])
        #expect(n.normalizeX([2, 40]) == [0, 2])
        #expect(n.denormalizeX([0, 2]) == [2, 40])
    }

    @Test func nonFiniteOrZeroStdBecomesOne() {
        let n = Normalizer(xMean: [0], xStd: [0], yMean: [1], yStd: [.nan])
        #expect(n.xStd == [1] && n.yStd == [1])
    }

    @Test func logJacobianConvertsNLL() {
        // A Gaussian N(m, s^2) scored at y: in user units the NLL is 0.5 log(2 pi) + log s + z^2/2;
        // in normalised units (y' = (y - m) / s, density N(0, 1)) it is 0.5 log(2 pi) + z^2/2.
        let m: Float = 4
        let s: Float = 2.5
        let y: Float = 6
        let n = Normalizer(xMean: [0], xStd: [1], yMean: [m], yStd: [s])
        let yNorm = n.normalizeY([y])[0]
        let nllNorm = -Mixture(logits: [0], means: [0], sigmas: [1]).logDensity(yNorm)
        let nllUser = -Mixture(logits: [0], means: [m], sigmas: [s]).logDensity(y)
        #expect(abs(nllNorm + n.logJacobian - nllUser) < 1e-6)
        // Two target dimensions: log s1 + log s2.
        let two = Normalizer(xMean: [0], xStd: [1], yMean: [0, 0], yStd: [2, 3])
        #expect(abs(two.logJacobian - log(6.0)) < 1e-12)
    }

    @Test func mixtureToUserUnits() {
        let n = Normalizer(xMean: [0], xStd: [1], yMean: [10], yStd: [2])
        let batch = MixtureBatch(layout: MixtureLayout(components: 2), rows: [-1, 1, 0.5, 0.25, 0.3, -0.3])
        let user = n.denormalize(batch)
        #expect(user.rows == [8, 12, 1, 0.5, 0.3, -0.3])
        // The density of the converted mixture equals the normalised density minus log std.
        let y: Float = 11
        #expect(abs(user[0].logDensity(y) - (batch[0].logDensity(n.normalizeY([y])[0]) - log(2.0))) < 1e-6)
        #expect(n.denormalizeYVariance([0.25]) == [1])
    }

    @Test func jsonRoundTrip() {
        let n = Normalizer(xMean: [0.1, -3], xStd: [1e-3, 7], yMean: [2.5], yStd: [0.3])
        let json = n.jsonString()
        #expect(json == #"{"xMean":[0.1,-3],"xStd":[0.001,7],"yMean":[2.5],"yStd":[0.3]}"#)
        #expect(Normalizer(json: json) == n)
        #expect(Normalizer(json: "{}") == nil)
        #expect(Normalizer(json: #"{"xMean":[0],"xStd":[0],"yMean":[0],"yStd":[1]}"#) == nil)
        #expect(Normalizer(json: #"{"xMean":[0],"xStd":[1,2],"yMean":[0],"yStd":[1]}"#) == nil)
    }
}
