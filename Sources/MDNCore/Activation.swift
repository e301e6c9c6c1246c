#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Element-wise activation of a Dense layer.
///
/// `eluPlusOne` is the tutorial's `elu(x) + 1 + epsilon` with Keras's epsilon 1e-7, so it
/// is always positive (sigma of a mixture component). Derivatives are computed from the
/// activation's OUTPUT, which is all the backward pass keeps.
public enum Activation: String, Sendable, Codable, CaseIterable {
    /// max(0, z); derivative 0 at z <= 0 (as Keras).
    case relu
    /// elu(z) + 1 + 1e-7: z + 1 + eps for z > 0, exp(z) + eps otherwise.
    case eluPlusOne
    /// The identity.
    case linear

    /// Keras's `backend.epsilon()`, added by `eluPlusOne`.
    public static let epsilon: Float = 1e-7

    /// The activation of one value.
    @inline(__always) public func value(_ z: Float) -> Float {
        switch self {
        case .relu: return z > 0 ? z : 0
        case .eluPlusOne: return z > 0 ? z + 1 + Activation.epsilon : expf(z) + Activation.epsilon
        case .linear: return z
        }
    }

    /// d(output)/dz expressed through the output y = value(z).
    @inline(__always) public func derivative(output y: Float) -> Float {
        switch self {
        case .relu: return y > 0 ? 1 : 0
        case .eluPlusOne: return y > 1 + Activation.epsilon ? 1 : y - Activation.epsilon
        case .linear: return 1
        }
    }

    /// Applies the activation in place to `columns` of `rows` rows spaced `stride` apart.
    public func apply(_ p: UnsafeMutablePointer<Float>, rows: Int, stride: Int, columns: Range<Int>) {
        switch self {
        case .linear: return
        case .relu:
            // max(z, 0), written as "z = 0 where z <= 0" like `value` (so -0 becomes 0 too).
            Activation.zero(p, whereNotPositive: UnsafePointer(p), rows: rows, stride: stride, columns: columns)
        case .eluPlusOne:
            // Vectorised: exp(min(z, 0)) + eps where z <= 0, z + 1 + eps elsewhere.
            let n = columns.count
            for r in 0..<rows {
                let row = p + r * stride + columns.lowerBound
                let raw = UnsafeMutableRawPointer(row)
                var i = 0
                while i + 8 <= n {
                    let z = raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
                    raw.storeBytes(of: Activation.eluPlusOne(z), toByteOffset: i * 4, as: SIMD8<Float>.self)
                    i += 8
                }
                if i < n {
                    var z = SIMD8<Float>()
                    for j in 0..<(n - i) { z[j] = row[i + j] }
                    let e = Activation.eluPlusOne(z)
                    for j in 0..<(n - i) { row[i + j] = e[j] }
                }
            }
        }
    }

    /// elu(z) + 1 + eps on eight lanes (always inlined, like `FastMath.exp`: as a call it
    /// passed its argument in two halves).
    @_transparent
    static func eluPlusOne(_ z: SIMD8<Float>) -> SIMD8<Float> {
        let zero = SIMD8<Float>()
        let e = FastMath.exp(z.replacing(with: zero, where: z .> zero)) + epsilon
        return e.replacing(with: z + (1 + epsilon), where: z .> zero)
    }

    /// grad[i] *= derivative(output[i]) over `columns` of `rows` rows spaced `stride` apart.
    public func backward(
        output: UnsafePointer<Float>, grad: UnsafeMutablePointer<Float>,
        rows: Int, stride: Int, columns: Range<Int>
    ) {
        switch self {
        case .linear: return
        case .relu:
            Activation.zero(grad, whereNotPositive: output, rows: rows, stride: stride, columns: columns)
        case .eluPlusOne:
            // Vectorised: grad *= 1 where y > 1 + eps, else y - eps (as `derivative`).
            let threshold = 1 + Activation.epsilon
            for r in 0..<rows {
                let o = output + r * stride + columns.lowerBound
                let g = grad + r * stride + columns.lowerBound
                let n = columns.count
                var i = 0
                let ro = UnsafeRawPointer(o)
                let rg = UnsafeMutableRawPointer(g)
                while i + 8 <= n {
                    let y = ro.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
                    let d = (y - Activation.epsilon).replacing(with: 1, where: y .> threshold)
                    let v = rg.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) * d
                    rg.storeBytes(of: v, toByteOffset: i * 4, as: SIMD8<Float>.self)
                    i += 8
                }
                while i < n {
                    g[i] *= derivative(output: o[i])
                    i += 1
                }
            }
        }
    }

    /// target[i] = 0 wherever mask[i] <= 0, over `columns` of `rows` rows spaced `stride`
    /// apart (vectorised when the rows are contiguous). `mask` may be `target` itself.
    @inline(__always)
    static func zero(
        _ target: UnsafeMutablePointer<Float>, whereNotPositive mask: UnsafePointer<Float>,
        rows: Int, stride: Int, columns: Range<Int>
    ) {
        if columns.count == stride {
            let total = rows * stride
            var i = 0
            let zero = SIMD16<Float>()
            let mraw = UnsafeRawPointer(mask)
            let traw = UnsafeMutableRawPointer(target)
            while i + 16 <= total {
                let m = mraw.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
                let t = traw.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
                traw.storeBytes(
                    of: t.replacing(with: zero, where: m .<= zero), toByteOffset: i * 4, as: SIMD16<Float>.self)
                i += 16
            }
            while i < total {
                if mask[i] <= 0 { target[i] = 0 }
                i += 1
            }
        } else {
            for r in 0..<rows {
                for c in columns where mask[r * stride + c] <= 0 { target[r * stride + c] = 0 }
            }
        }
    }
}
