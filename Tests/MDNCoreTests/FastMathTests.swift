import Foundation
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

@Suite struct FastMathExpLogTests {
    @Test func expMatchesLibmOnItsRange() {
        var worst = 0.0
        var x: Float = -87
        while x < 88 {
            let v = SIMD8<Float>((0..<8).map { x + Float($0) * 0.0137 })
            let r = FastMath.exp(v)
            for i in 0..<8 {
                let exact = Foundation.exp(Double(v[i]))
                worst = max(worst, abs(Double(r[i]) - exact) / exact)
            }
            x += 0.173
        }
        #expect(worst < 3e-7)
        let edge = FastMath.exp(SIMD8<Float>(-.infinity, -88, -1000, 0, .nan, 1, -1, 2))
        #expect(edge[0] == 0 && edge[1] == 0 && edge[2] == 0 && edge[3] == 1 && edge[4].isNaN)
        #expect(abs(edge[5] - 2.7182817) < 1e-6)
    }

    @Test func logMatchesLibmOverManyDecades() {
        var worst = 0.0
        var x: Float = 1e-37
        while x < 1e37 {
            let v = SIMD8<Float>((0..<8).map { x * (1 + Float($0) * 0.173) })
            let r = FastMath.log(v)
            for i in 0..<8 {
                let exact = Foundation.log(Double(v[i]))
                worst = max(worst, abs(Double(r[i]) - exact) / max(abs(exact), 1))
            }
            x *= 1.9
        }
        #expect(worst < 3e-7)
        let edge = FastMath.log(SIMD8<Float>(1, 0, -1, .infinity, .nan, Float.leastNormalMagnitude / 4, 2, 0.5))
        #expect(edge[0] == 0 && edge[1] == -.infinity && edge[2].isNaN && edge[3] == .infinity && edge[4].isNaN)
        #expect(abs(Double(edge[5]) - Foundation.log(Double(Float.leastNormalMagnitude / 4))) < 1e-3)
        #expect(abs(edge[6] - 0.6931472) < 1e-6 && abs(edge[7] + 0.6931472) < 1e-6)
    }
}
