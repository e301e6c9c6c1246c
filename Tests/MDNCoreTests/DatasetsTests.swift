import Foundation
import Testing

@testable import MDNCore

@Suite struct DatasetsTests {
    @Test func spiralIsJointlyScaledToZeroFive() {
        let d = Datasets.spiral(count: 5000, seed: 3)
        #expect(d.count == 5000)
        let lo = min(d.x.min()!, d.y.min()!)
        let hi = max(d.x.max()!, d.y.max()!)
        // One min-max over both columns: the overall min is 0 and max is 5, in one column each.
        #expect(abs(lo) < 1e-6)
        #expect(abs(hi - 5) < 1e-5)
        // The spiral (r up to 4 pi) is wider in y than x on the negative side: not each column
        // scaled separately, so at most one column spans the full range at each end.
        let xSpan = d.x.max()! - d.x.min()!
        let ySpan = d.y.max()! - d.y.min()!
        #expect(min(xSpan, ySpan) < 4.99)
    }

    @Test func spiralIsReproducibleAndSeeded() {
        #expect(Datasets.spiral(count: 100, seed: 1) == Datasets.spiral(count: 100, seed: 1))
        #expect(Datasets.spiral(count: 100, seed: 1) != Datasets.spiral(count: 100, seed: 2))
    }

    @Test func spiralWithoutJitterIsTheScaledCurve() {
        // jitter 0: the points are (a cos a, a sin a), a ~ U(0, 4 pi) (the generator's first
        // draws), mapped by v -> 5 (v - lo) / (hi - lo) with lo/hi over both columns.
        let n = 500
        let d = Datasets.spiral(count: n, jitter: 0, revolutions: 2, seed: 7)
        var rng = SeededRNG(seed: 7)
        let angles = (0..<n).map { _ in rng.uniform(0, 4 * Double.pi) }
        let raw = angles.map { ($0 * cos($0), $0 * sin($0)) }
        let lo = raw.map { min($0.0, $0.1) }.min()!
        let hi = raw.map { max($0.0, $0.1) }.max()!
        for i in 0..<n {
            #expect(abs(Double(d.x[i]) - 5 * (raw[i].0 - lo) / (hi - lo)) < 1e-5)
            #expect(abs(Double(d.y[i]) - 5 * (raw[i].1 - lo) / (hi - lo)) < 1e-5)
        }
    }

    @Test func bishopRelation() {
        let d = Datasets.bishop(count: 3000, seed: 1)
        #expect(d.count == 3000)
        for i in 0..<d.count {
            let t = Double(d.y[i])
            #expect(t >= 0 && t < 1)
            // x - (t + 0.3 sin 2 pi t) is the U(-0.1, 0.1) noise.
            #expect(abs(Double(d.x[i]) - (t + 0.3 * sin(2 * .pi * t))) <= 0.1 + 1e-6)
        }
        #expect(d.yNames == ["t"])
    }
}
