#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Losses with hand-derived gradients. Each returns the mean loss over the batch and, when
/// given a buffer, writes dL/d(prediction) for that mean.
public enum Loss {
    /// 0.5 * log(2 pi), the Gaussian normalising constant per dimension.
    public static let halfLogTwoPi: Double = 0.918_938_533_204_672_7

    /// Keras's "mse": the mean of squared errors over the batch and the output dimensions.
    public static func meanSquaredError(
        predictions: UnsafePointer<Float>, targets: UnsafePointer<Float>, count: Int,
        gradient: UnsafeMutablePointer<Float>?
    ) -> Double {
        precondition(count > 0, "loss of an empty batch")
        var sum = 0.0
        let scale = Float(2.0 / Double(count))
        for i in 0..<count {
            let e = predictions[i] - targets[i]
            sum += Double(e * e)
            gradient?[i] = scale * e
        }
        return sum / Double(count)
    }

    /// The mean negative log-likelihood of `rows` targets (rows x D) under the Gaussian
    /// mixtures whose parameter rows ([mu K*D | sigma K*D | logits K]) are in `parameters`,
    /// diagonal covariance, including 0.5*log(2 pi) per dimension, computed in log space:
    ///
    ///   -log p(y) = -[LSE_k(logit_k + g_k) - LSE_k(logit_k)],
    ///   g_k = sum_d(-0.5 z^2 - log sigma - 0.5 log 2 pi),  z = (y - mu) / sigma.
    ///
    /// With responsibilities r = softmax(logit + g) and pi = softmax(logit), the gradient of
    /// one row's loss is dL/dlogit_k = pi_k - r_k, dL/dmu = -r_k z / sigma,
    /// dL/dsigma = r_k (1 - z^2) / sigma; the mean divides by rows.
    public static func mixtureNLL(
        layout: MixtureLayout, parameters: UnsafePointer<Float>, targets: UnsafePointer<Float>,
        rows: Int, gradient: UnsafeMutablePointer<Float>?
    ) -> Double {
        precondition(rows > 0, "loss of an empty batch")
        let k = layout.components
        let d = layout.dimension
        let width = layout.width
        let kd = k * d
        let scratchCount = 2 * k + kd
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: scratchCount) { scratch in
            let pis = scratch.baseAddress!  // logits, then exp(logit - max)
            let joint = pis + k  // logit - max + g, then exp(joint - max)
            let logSigma = joint + k  // log sigma, K*D values
            let constant = Float(Double(d) * halfLogTwoPi)
            let invRows = Float(1.0 / Double(rows))
            var total = 0.0
            for row in 0..<rows {
                let p = parameters + row * width
                let y = targets + row * d
                let mu = p
                let sigma = p + kd
                let logit = p + 2 * kd
                FastMath.log(sigma, into: logSigma, count: kd)
                var maxLogit = -Float.infinity
                for j in 0..<k { maxLogit = max(maxLogit, logit[j]) }
                var maxJoint = -Float.infinity
                for j in 0..<k {
                    var g: Float = -constant
                    for dd in 0..<d {
                        let z = (y[dd] - mu[j * d + dd]) / sigma[j * d + dd]
                        g -= 0.5 * z * z + logSigma[j * d + dd]
                    }
                    let v = (logit[j] - maxLogit) + g
                    pis[j] = logit[j]
                    joint[j] = v
                    maxJoint = max(maxJoint, v)
                }
                let sumPi = FastMath.expShifted(pis, count: k, shift: maxLogit)
                let sumJoint = FastMath.expShifted(joint, count: k, shift: maxJoint)
                // -log p = log sum_k e^(logit_k - max) - (maxJoint + log sum_k e^(joint_k - maxJoint)).
                total += Double(logf(sumPi)) - Double(maxJoint) - Double(logf(sumJoint))
                guard let gradient else { continue }
                let gr = gradient + row * width
                let invPi = 1 / sumPi
                let invJ = 1 / sumJoint
                for j in 0..<k {
                    let r = joint[j] * invJ
                    gr[2 * kd + j] = (pis[j] * invPi - r) * invRows
                    let rs = r * invRows
                    for dd in 0..<d {
                        let inv = 1 / sigma[j * d + dd]
                        let z = (y[dd] - mu[j * d + dd]) * inv
                        gr[j * d + dd] = -rs * z * inv
                        gr[kd + j * d + dd] = rs * (1 - z * z) * inv
                    }
                }
            }
            return total / Double(rows)
        }
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
