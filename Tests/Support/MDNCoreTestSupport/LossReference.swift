import Foundation
import MDNCore

/// Loss helpers that only tests need (kept out of the product).
extension Loss {
    /// `mixtureNLL` on row-major parameter rows (rows x width) and targets (rows x D): the
    /// data are transposed to the kernel's feature-major layout and the gradient back.
    public static func mixtureNLL(
        layout: MixtureLayout, parameters: UnsafePointer<Float>, targets: UnsafePointer<Float>,
        rows: Int, gradient: UnsafeMutablePointer<Float>?
    ) -> Double {
        let w = layout.width
        let d = layout.dimension
        var p = [Float](repeating: 0, count: rows * w)
        var y = [Float](repeating: 0, count: rows * d)
        var g = [Float](repeating: 0, count: rows * w)
        for r in 0..<rows {
            for c in 0..<w { p[c * rows + r] = parameters[r * w + c] }
            for c in 0..<d { y[c * rows + r] = targets[r * d + c] }
        }
        let value = g.withUnsafeMutableBufferPointer { gp in
            mixtureNLL(
                layout: layout, parameters: p, targets: y, rows: rows, stride: rows,
                gradient: gradient == nil ? nil : gp.baseAddress!)
        }
        if let gradient {
            for r in 0..<rows { for c in 0..<w { gradient[r * w + c] = g[c * rows + r] } }
        }
        return value
    }

    /// Double-precision reference of `mixtureNLL` for one row (tests, checks): -log p(y).
    public static func mixtureNLLReference(layout: MixtureLayout, parameters p: [Double], target y: [Double]) -> Double
    {
        let k = layout.components
        let d = layout.dimension
        let kd = k * d
        let logits = (0..<k).map { p[2 * kd + $0] }
        let m = logits.max()!
        let lse = m + log(logits.reduce(0) { $0 + exp($1 - m) })
        let joint = (0..<k).map { j -> Double in
            var g = logits[j] - lse
            for dd in 0..<d {
                let s = p[kd + j * d + dd]
                let z = (y[dd] - p[j * d + dd]) / s
                g += -0.5 * z * z - log(s) - halfLogTwoPi
            }
            return g
        }
        let mj = joint.max()!
        return -(mj + log(joint.reduce(0) { $0 + exp($1 - mj) }))
    }
}
