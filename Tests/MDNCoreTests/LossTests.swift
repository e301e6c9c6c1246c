import Foundation
import MDNCoreTestSupport
import Testing

@testable import MDNCore

@Suite struct LossTests {
    /// Mean NLL via the float32 kernel, plus its gradient.
    func nll(_ layout: MixtureLayout, _ p: [Float], _ y: [Float]) -> (Double, [Float]) {
        let rows = y.count / layout.dimension
        var g = [Float](repeating: 0, count: p.count)
        let v = p.withUnsafeBufferPointer { pp in
            y.withUnsafeBufferPointer { yp in
                g.withUnsafeMutableBufferPointer { gp in
                    Loss.mixtureNLL(
                        layout: layout, parameters: pp.baseAddress!, targets: yp.baseAddress!, rows: rows,
                        gradient: gp.baseAddress!)
                }
            }
        }
        return (v, g)
    }

    @Test func standardNormalReferenceValues() {
        let l = MixtureLayout(components: 1)
        // -log N(0 | 0, 1) = 0.5 log(2 pi) = 0.9189385; at y = 1 add 0.5.
        #expect(abs(nll(l, [0, 1, 0], [0]).0 - 0.9189385) < 1e-6)
        #expect(abs(nll(l, [0, 1, 0], [1]).0 - 1.4189385) < 1e-6)
        #expect(abs(Loss.mixtureNLLReference(layout: l, parameters: [0, 1, 0], target: [1]) - 1.4189385) < 1e-7)
    }

    @Test func twoDimensionalClosedForm() {
        // mu = (1, -2), sigma = (0.5, 2), y = (1.5, 0): z = (1, 1);
        // NLL = sum_d 0.5 z^2 + log sigma_d + 0.5 log 2 pi = 1 + log(0.5 * 2) + 2 * 0.9189385 = 2.837877.
        let l = MixtureLayout(components: 1, dimension: 2)
        #expect(abs(nll(l, [1, -2, 0.5, 2, 0.3], [1.5, 0]).0 - 2.8378771) < 1e-5)
    }

    @Test func twoComponentsWithEqualDensityAtY() {
        // pi = (1/4, 3/4) (logits 0, log 3), mu = (0, 2), sigma = 1, y = 1: both densities are
        // phi(1), so p(y) = phi(1) and NLL = 1.4189385.
        let l = MixtureLayout(components: 2)
        #expect(abs(nll(l, [0, 2, 1, 1, 0, Float(log(3.0))], [1]).0 - 1.4189385) < 1e-6)
    }

    @Test func identicalComponentsEqualOneComponent() {
        let one = nll(MixtureLayout(components: 1), [0.3, 0.7, 0], [1.1]).0
        let k = 5
        let p: [Float] =
            Array(repeating: 0.3, count: k) + Array(repeating: 0.7, count: k) + randomFloats(k, seed: 3, scale: 4)
        #expect(abs(nll(MixtureLayout(components: k), p, [1.1]).0 - one) < 1e-5)
    }

    @Test func logitShiftInvariance() {
        let l = MixtureLayout(components: 3)
        let p: [Float] = [0, 1, 2, 0.5, 1, 2, 0.1, -0.4, 0.9]
        var shifted = p
        for j in 6..<9 { shifted[j] += 1000 }
        #expect(abs(nll(l, p, [0.8]).0 - nll(l, shifted, [0.8]).0) < 1e-4)
    }

    @Test func extremeValuesStayFinite() {
        let l = MixtureLayout(components: 2)
        let cases: [([Float], [Float])] = [
            ([0, 1, 1e-6, 1e-6, 0, 0], [0.5]),  // tiny sigmas, y far in sigma units
            ([0, 1, 1e4, 1e4, 0, 0], [0.5]),  // huge sigmas
            ([0, 1, 1, 1, 100, -100], [0.5]),  // extreme logits
            ([0, 1, 1, 1, -100, 100], [1000]),  // far target
            ([0, 1, 1e-6, 1e4, 100, -100], [1000]),  // all at once
            // The component nearest in sigma units is not the likeliest: a sigma at the floor
            // (Keras's epsilon) one sigma away outweighs a broad one at the target by e^20.
            ([0, 1e-7, 1e-7, 100, 0, 0], [1e-7]),
            ([0, 5, 1e-7, 1e-7, 0, -30], [5]),  // the nearer component has almost no weight
        ]
        for (p, y) in cases {
            let (v, g) = nll(l, p, y)
            #expect(v.isFinite, "loss not finite for \(p), y=\(y)")
            #expect(g.allSatisfy { $0.isFinite }, "gradient not finite for \(p), y=\(y)")
            let ref = Loss.mixtureNLLReference(layout: l, parameters: p.map(Double.init), target: y.map(Double.init))
            #expect(close(v, ref, rtol: 1e-5, atol: 1e-3), "\(v) vs reference \(ref)")
        }
    }

    @Test(arguments: [(1, 1), (3, 1), (4, 2), (2, 3)])
    func gradientMatchesFiniteDifferences(k: Int, d: Int) {
        let l = MixtureLayout(components: k, dimension: d)
        let rows = 4
        var p = randomFloats(rows * l.width, seed: UInt64(10 * k + d))
        for r in 0..<rows { for c in (k * d)..<(2 * k * d) { p[r * l.width + c] = 0.3 + abs(p[r * l.width + c]) } }
        let y = randomFloats(rows * d, seed: 99)
        let (_, g) = nll(l, p, y)
        func meanRef(_ q: [Double]) -> Double {
            (0..<rows).reduce(0.0) { acc, r in
                acc
                    + Loss.mixtureNLLReference(
                        layout: l, parameters: Array(q[(r * l.width)..<((r + 1) * l.width)]),
                        target: (0..<d).map { Double(y[r * d + $0]) })
            } / Double(rows)
        }
        let base = p.map(Double.init)
        for i in 0..<p.count {
            let h = 1e-6
            var plus = base
            var minus = base
            plus[i] += h
            minus[i] -= h
            let fd = (meanRef(plus) - meanRef(minus)) / (2 * h)
            #expect(close(Double(g[i]), fd, rtol: 1e-3, atol: 1e-5), "param \(i): \(g[i]) vs \(fd)")
        }
    }

    @Test func meanSquaredErrorValueAndGradient() {
        let p: [Float] = [1, 2, 3, 4]
        let t: [Float] = [0, 2, 5, 4]
        var g = [Float](repeating: 0, count: 4)
        let v = p.withUnsafeBufferPointer { pp in
            t.withUnsafeBufferPointer { tp in
                g.withUnsafeMutableBufferPointer { gp in
                    Loss.meanSquaredError(
                        predictions: pp.baseAddress!, targets: tp.baseAddress!, count: 4, gradient: gp.baseAddress!)
                }
            }
        }
        // (1 + 0 + 4 + 0) / 4 = 1.25; gradient 2 (p - t) / 4.
        #expect(v == 1.25)
        #expect(g == [0.5, 0, -1, 0])
    }
}
