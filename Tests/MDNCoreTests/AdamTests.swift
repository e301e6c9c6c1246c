import Testing

@testable import MDNCore

@Suite struct AdamTests {
    @Test func kerasUpdateByHand() {
        // Python, float64: m = 0.9 m + 0.1 g; v = 0.999 v + 0.001 g^2;
        // alpha = 1e-3 sqrt(1 - 0.999^t) / (1 - 0.9^t); w -= alpha m / (sqrt(v) + 1e-7).
        // w = [1, -2], g1 = [0.5, -0.1] -> [0.9990000063245154, -1.9990000316217766]
        //              g2 = [-0.3, 0.2] -> [0.9988085093282083, -1.9993661299708823]
        var adam = Adam(parameterCount: 2)
        var w: [Float] = [1, -2]
        adam.step(&w, gradient: [0.5, -0.1])
        #expect(abs(Double(w[0]) - 0.9990000063245154) < 2e-7)
        #expect(abs(Double(w[1]) + 1.9990000316217766) < 2e-7)
        adam.step(&w, gradient: [-0.3, 0.2])
        #expect(abs(Double(w[0]) - 0.9988085093282083) < 2e-7)
        #expect(abs(Double(w[1]) + 1.9993661299708823) < 2e-7)
        #expect(adam.step == 2)
    }

    @Test func epsilonIsOnUncorrectedRoot() {
        // First step with a tiny gradient: sqrt(v) = 0.0316 |g| is comparable to eps, so the
        // Keras placement gives a visibly smaller step than lr (PyTorch's would be ~lr).
        var adam = Adam(parameterCount: 1)
        var w: [Float] = [0]
        adam.step(&w, gradient: [1e-6])
        // alpha = 1e-3 * sqrt(0.001) / 0.1; m = 1e-7; sqrt(v) = 3.1623e-8:
        // step = 3.16228e-4 * 1e-7 / (3.16228e-8 + 1e-7) = 2.40253e-4.
        #expect(abs(Double(-w[0]) - 2.40253e-4) < 1e-8)
    }

    @Test func simdAndScalarTailAgree() {
        // 11 values: 8 through the SIMD path, 3 through the scalar tail; all with the same
        // gradient must move identically.
        var adam = Adam(parameterCount: 11)
        var w = [Float](repeating: 0.5, count: 11)
        for _ in 0..<5 { adam.step(&w, gradient: [Float](repeating: 0.25, count: 11)) }
        #expect(w.max()! - w.min()! <= 1e-7)
    }
}
