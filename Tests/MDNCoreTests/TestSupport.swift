import Foundation

@testable import MDNCore

/// Random floats in [-1, 1) from a seeded stream.
func randomFloats(_ n: Int, seed: UInt64, scale: Float = 1) -> [Float] {
    var rng = SeededRNG(seed: seed)
    return (0..<n).map { _ in (rng.nextFloat() * 2 - 1) * scale }
}

/// |a - b| <= atol + rtol * |b|.
func close(_ a: Double, _ b: Double, rtol: Double = 1e-4, atol: Double = 1e-6) -> Bool {
    abs(a - b) <= atol + rtol * abs(b)
}

/// Double-precision forward pass of a network (reference for gradient checks).
func referenceForward(
    _ net: Network, x: [Double], rows: Int, override: (layer: Int, isBias: Bool, index: Int, value: Double)? = nil
) -> [Double] {
    var input = x
    var width = net.inputDimension
    let layers = net.layers
    for (li, l) in layers.enumerated() {
        var w = l.weights.storage.map(Double.init)
        var b = l.bias.map(Double.init)
        if let o = override, o.layer == li {
            if o.isBias { b[o.index] = o.value } else { w[o.index] = o.value }
        }
        var out = [Double](repeating: 0, count: rows * l.outputs)
        for r in 0..<rows {
            for j in 0..<l.outputs {
                var s = b[j]
                for p in 0..<width { s += input[r * width + p] * w[p * l.outputs + j] }
                out[r * l.outputs + j] = li < layers.count - 1 ? max(0, s) : s
            }
        }
        input = out
        width = l.outputs
    }
    if let layout = net.layout {
        let kd = layout.components * layout.dimension
        for r in 0..<rows {
            for c in kd..<(2 * kd) {
                let z = input[r * width + c]
                input[r * width + c] = z > 0 ? z + 1 + 1e-7 : exp(z) + 1e-7
            }
        }
    }
    return input
}
