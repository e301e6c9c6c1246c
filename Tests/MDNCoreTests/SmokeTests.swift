import Testing

@testable import MDNCore

@Suite struct SeededRNGTests {
    @Test func sameSeedSameStream() {
        var a = SeededRNG(seed: 7)
        var b = SeededRNG(seed: 7)
        var c = SeededRNG(seed: 8)
        let xa = (0..<100).map { _ in a.next() }
        #expect(xa == (0..<100).map { _ in b.next() })
        #expect(xa != (0..<100).map { _ in c.next() })
    }

    @Test func uniformAndNormalMoments() {
        var rng = SeededRNG(seed: 1)
        let n = 200_000
        var sum = 0.0
        var sumSq = 0.0
        var usum = 0.0
        for _ in 0..<n {
            let z = rng.normal()
            sum += z
            sumSq += z * z
            usum += rng.nextDouble()
        }
        // Closed forms: N(0,1) has mean 0, variance 1; U(0,1) has mean 1/2.
        #expect(abs(sum / Double(n)) < 0.01)
        #expect(abs(sumSq / Double(n) - 1) < 0.015)
        #expect(abs(usum / Double(n) - 0.5) < 0.005)
    }
}
