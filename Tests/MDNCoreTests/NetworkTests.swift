import Foundation
import MDNCoreTestSupport
import Testing

@testable import MDNCore

@Suite struct NetworkTests {
    /// Analytic parameter gradients (flat, kernel then bias per layer) for the network's own loss.
    func analyticGradients(_ net: Network, x: [Float], y: [Float], rows: Int) -> [Float] {
        let ws = NetworkWorkspace(network: net, capacity: rows)
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeBufferPointer { yp in
                ws.loadInputs(xp.baseAddress!, rows: rows)
                ws.loadTargets(yp.baseAddress!, rows: rows)
                let out = net.forward(rows: rows, workspace: ws)
                _ = net.loss(output: out, rows: rows, workspace: ws, gradient: ws.outputGradient)
                net.backward(rows: rows, workspace: ws)
            }
        }
        return Array(UnsafeBufferPointer(start: ws.gradients, count: ws.parameterCount))
    }

    /// The loss in Double with one parameter overridden.
    func referenceLoss(
        _ net: Network, x: [Float], y: [Float], rows: Int,
        override: (layer: Int, isBias: Bool, index: Int, value: Double)?
    ) -> Double {
        let out = referenceForward(net, x: x.map(Double.init), rows: rows, override: override)
        let w = net.outputWidth
        let d = net.outputDimension
        var total = 0.0
        for r in 0..<rows {
            if let l = net.layout {
                total += Loss.mixtureNLLReference(
                    layout: l, parameters: Array(out[(r * w)..<((r + 1) * w)]),
                    target: (0..<d).map { Double(y[r * d + $0]) })
            } else {
                for j in 0..<d {
                    let e = out[r * d + j] - Double(y[r * d + j])
                    total += e * e / Double(d)
                }
            }
        }
        return total / Double(rows)
    }

    @Test(arguments: [ModelKind.mse, ModelKind.mdn])
    func backwardMatchesFiniteDifferences(kind: ModelKind) {
        var rng = SeededRNG(seed: 21)
        let net = Network(kind: kind, inputDimension: 2, hidden: [5, 4], outputDimension: 2, mixtures: 3, rng: &rng)
        let rows = 7
        let x = randomFloats(rows * 2, seed: 1, scale: 2)
        let y = randomFloats(rows * 2, seed: 2)
        let g = analyticGradients(net, x: x, y: y, rows: rows)
        var flat = 0
        for (li, l) in net.layers.enumerated() {
            for (isBias, values) in [(false, l.weights.storage), (true, l.bias)] {
                for i in values.indices {
                    let h = 1e-6
                    let v = Double(values[i])
                    let fd =
                        (referenceLoss(net, x: x, y: y, rows: rows, override: (li, isBias, i, v + h))
                            - referenceLoss(net, x: x, y: y, rows: rows, override: (li, isBias, i, v - h))) / (2 * h)
                    #expect(
                        close(Double(g[flat]), fd, rtol: 2e-3, atol: 2e-5),
                        "\(kind) layer \(li) \(isBias ? "bias" : "kernel")[\(i)]: \(g[flat]) vs \(fd)")
                    flat += 1
                }
            }
        }
        #expect(flat == net.parameterCount)
    }

    @Test func predictMatchesReferenceAndSigmasArePositive() {
        var rng = SeededRNG(seed: 4)
        let net = Network(kind: .mdn, hidden: [16, 16], mixtures: 4, rng: &rng)
        let n = 1100  // crosses predict's 512-row chunks
        let x = (0..<n).map { Float($0) / 100 - 5 }
        let out = net.predict(x)
        #expect(out.count == n * 12)
        let ref = referenceForward(net, x: x.map(Double.init), rows: n)
        #expect(zip(out, ref).allSatisfy { close(Double($0), $1, rtol: 1e-4, atol: 1e-5) })
        for r in 0..<n { for c in 4..<8 { #expect(out[r * 12 + c] > 0) } }
    }

    @Test func glorotLimitsPerHeadSlice() {
        var rng = SeededRNG(seed: 9)
        let net = Network(kind: .mdn, hidden: [128, 128], mixtures: 20, rng: &rng)
        // Keras: limit = sqrt(6 / (fan_in + fan_out)); mus/sigmas fan_out 20, pi fan_out 20 here (D = 1).
        let limit = Float((6.0 / 148.0).squareRoot())
        #expect(net.head.weights.storage.allSatisfy { abs($0) <= limit })
        #expect(net.head.weights.storage.map(abs).max()! > 0.9 * limit)
        let trunkLimit = Float((6.0 / 256.0).squareRoot())
        #expect(net.trunk.layers[1].weights.storage.allSatisfy { abs($0) <= trunkLimit })
        #expect(net.layers.allSatisfy { $0.bias.allSatisfy { $0 == 0 } })
        #expect(net.parameterCount == 2 * 128 + 128 * 128 + 128 + 128 * 60 + 60)
    }

    @Test func namedTensorsRoundTrip() throws {
        var rng = SeededRNG(seed: 5)
        let net = Network(kind: .mdn, inputDimension: 2, hidden: [8, 3], outputDimension: 2, mixtures: 4, rng: &rng)
        let tensors = net.namedTensors()
        #expect(
            tensors.map(\.name) == [
                "trunk.0.kernel", "trunk.0.bias", "trunk.1.kernel", "trunk.1.bias", "head.kernel", "head.bias",
            ])
        #expect(tensors[4].shape == [3, 20])
        let back = try Network(kind: .mdn, outputDimension: 2, mixtures: 4, tensors: tensors)
        #expect(back == net)
        var rng2 = SeededRNG(seed: 6)
        let mse = Network(kind: .mse, hidden: [], rng: &rng2)
        #expect(try Network(kind: .mse, tensors: mse.namedTensors()) == mse)
    }

    @Test func badTensorsAreRejected() {
        var rng = SeededRNG(seed: 5)
        let net = Network(kind: .mdn, hidden: [8], mixtures: 4, rng: &rng)
        let tensors = net.namedTensors()
        #expect(throws: NetworkError.missingTensor("head.bias")) {
            try Network(kind: .mdn, mixtures: 4, tensors: tensors.filter { $0.name != "head.bias" })
        }
        #expect(throws: NetworkError.headMismatch(width: 12, expected: 15)) {
            try Network(kind: .mdn, mixtures: 5, tensors: tensors)
        }
        #expect(NetworkError.missingTensor("x").description == "checkpoint is missing tensor 'x'")
    }

    @Test func denseForwardByHand() {
        // x = [1, 2], W = [[1, -1], [0.5, 2]], b = [0, -10]: xW + b = [2, -7] -> relu [2, 0].
        let d = Dense(weights: Matrix(rows: 2, cols: 2, storage: [1, -1, 0.5, 2]), bias: [0, -10], activation: .relu)
        #expect(d.forward(Matrix(rows: 1, cols: 2, storage: [1, 2])).storage == [2, 0])
        let mlp = MLP(layers: [
            d, Dense(weights: Matrix(rows: 2, cols: 1, storage: [3, 1]), bias: [1], activation: .linear),
        ])
        #expect(mlp.forward(Matrix(rows: 1, cols: 2, storage: [1, 2])).storage == [7])
        #expect(mlp.widths == [2, 2, 1])
    }
}
