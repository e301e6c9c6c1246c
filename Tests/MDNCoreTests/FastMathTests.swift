import Testing
@testable import MDNCore

@Suite struct FastMathTests {
    @Test func sqrtIsAccurateOverManyDecades() {
        var worst: Double = 0
        var x: Float = 1e-30
        while x < 1e30 {
            let v = SIMD8<Float>(x, x * 1.3, x * 1.7, x * 2.1, x * 3.3, x * 4.9, x * 6.1, x * 8.7)
            let r = FastMath.sqrt(v)
            for i in 0..<8 {
                let exact = Double(v[i]).squareRoot()
                worst = max(worst, abs(Double(r[i]) - exact) / exact)
            }
            x *= 10
        }
        #expect(worst < 3e-7)
        #expect(FastMath.sqrt(SIMD8<Float>(repeating: 0))[0] == 0)
    }
}
