import Foundation
import Testing

@testable import MDNCore

@Suite struct ActivationTests {
    @Test func valuesMatchDefinitions() {
        #expect(Activation.relu.value(-2) == 0)
        #expect(Activation.relu.value(3) == 3)
        #expect(Activation.linear.value(-1.5) == -1.5)
        // elu(x) + 1 + 1e-7: x > 0 -> x + 1 + 1e-7; x <= 0 -> exp(x) + 1e-7.
        #expect(abs(Activation.eluPlusOne.value(2) - 3) < 1e-6)
        #expect(abs(Double(Activation.eluPlusOne.value(-1)) - (exp(-1.0) + 1e-7)) < 1e-7)
        #expect(Activation.eluPlusOne.value(-200) > 0)
        #expect(abs(Activation.eluPlusOne.value(-200) - 1e-7) < 1e-12)
        #expect(Activation.epsilon == 1e-7)
    }

    @Test(arguments: Activation.allCases)
    func derivativeMatchesFiniteDifference(_ act: Activation) {
        for z in [-3.0, -0.7, -0.05, 0.05, 0.8, 2.5] {
            let h = 1e-3
            let fd = (Double(act.value(Float(z + h))) - Double(act.value(Float(z - h)))) / (2 * h)
            let d = Double(act.derivative(output: act.value(Float(z))))
            #expect(abs(fd - d) < 2e-3, "\(act) at \(z): fd \(fd) vs \(d)")
        }
    }

    @Test func applyAndBackwardOnColumnSlice() {
        // 2 rows x 3 columns, activation on column 1 only.
        var m: [Float] = [-1, -1, -1, 2, -2, 2]
        m.withUnsafeMutableBufferPointer { Activation.relu.apply($0.baseAddress!, rows: 2, stride: 3, columns: 1..<2) }
        #expect(m == [-1, 0, -1, 2, 0, 2])
        var g: [Float] = [1, 1, 1, 1, 1, 1]
        let out: [Float] = [0, 0, 0, 1, 5, 0]
        out.withUnsafeBufferPointer { o in
            g.withUnsafeMutableBufferPointer {
                Activation.relu.backward(
                    output: o.baseAddress!, grad: $0.baseAddress!, rows: 2, stride: 3, columns: 0..<3)
            }
        }
        #expect(g == [0, 0, 0, 1, 1, 0])
    }

    @Test func contiguousReluMatchesScalar() {
        var v = randomFloats(37, seed: 5)
        let want = v.map { max(0, $0) }
        v.withUnsafeMutableBufferPointer {
            Activation.relu.apply($0.baseAddress!, rows: 1, stride: 37, columns: 0..<37)
        }
        #expect(v == want)
    }
}

@Suite struct EluSliceTests {
    @Test func vectorisedEluMatchesScalarOnASlice() {
        // 3 rows x 25 columns; columns 2..<21 (19 values: two SIMD8 chunks and a tail).
        var m = randomFloats(75, seed: 17, scale: 30)
        let before = m
        m.withUnsafeMutableBufferPointer {
            Activation.eluPlusOne.apply($0.baseAddress!, rows: 3, stride: 25, columns: 2..<21)
        }
        for r in 0..<3 {
            for c in 0..<25 {
                let i = r * 25 + c
                if (2..<21).contains(c) {
                    let want =
                        Double(before[i]) > 0 ? Double(before[i]) + 1 + 1e-7 : Foundation.exp(Double(before[i])) + 1e-7
                    #expect(abs(Double(m[i]) - want) <= 3e-7 * want)
                    #expect(m[i] > 0)
                } else {
                    #expect(m[i] == before[i])
                }
            }
        }
    }
}
