/// Losses with hand-derived gradients. Each returns the mean loss over the batch and, when
/// given a buffer, writes dL/d(prediction) for that mean.
///
/// Predictions, targets and gradients are feature-major, as the network computes them:
/// value c of row r sits at `c * stride + r` (for one output column, a plain array of rows).
/// Eight rows go through the SIMD lanes together; each row's loss is added to the total in
/// row order, so the result does not depend on how rows are grouped into calls.
public enum Loss {
    /// 0.5 * log(2 pi), the Gaussian normalising constant per dimension.
    public static let halfLogTwoPi: Double = 0.918_938_533_204_672_7

    /// Keras's "mse": the mean of squared errors over `count` predictions in one contiguous
    /// array (one output column, or any layout the targets share).
    public static func meanSquaredError(
        predictions: UnsafePointer<Float>, targets: UnsafePointer<Float>, count: Int,
        gradient: UnsafeMutablePointer<Float>?
    ) -> Double {
        meanSquaredError(
            predictions: predictions, targets: targets, rows: count, dimension: 1, stride: count, gradient: gradient)
    }

    /// Keras's "mse" over `rows` rows of `dimension` feature-major columns (`stride` apart):
    /// the mean over rows and columns of (prediction - target)^2.
    public static func meanSquaredError(
        predictions: UnsafePointer<Float>, targets: UnsafePointer<Float>, rows: Int, dimension: Int, stride: Int,
        gradient: UnsafeMutablePointer<Float>?
    ) -> Double {
        let count = rows * dimension
        return squaredErrorSum(
            predictions: predictions, targets: targets, rows: rows, dimension: dimension, stride: stride,
            gradient: gradient, gradientScale: Float(2.0 / Double(count))) / Double(count)
    }

    /// The sum over `rows` rows of `dimension` feature-major columns of (prediction -
    /// target)^2; the gradient, when asked, is each error times `gradientScale` (2 / n for
    /// the mean over n values).
    public static func squaredErrorSum(
        predictions: UnsafePointer<Float>, targets: UnsafePointer<Float>, rows: Int, dimension: Int, stride: Int,
        gradient: UnsafeMutablePointer<Float>?, gradientScale scale: Float, chunks: Chunks? = nil
    ) -> Double {
        precondition(rows > 0 && dimension > 0, "loss of an empty batch")
        precondition(stride >= rows, "stride must be >= rows")
        if let chunks {
            for c in 0..<chunks.count(rows: rows) { chunks.sums[c * chunks.spacing] = 0 }
        }
        var sum = 0.0
        for d in 0..<dimension {
            let p = predictions + d * stride
            let t = targets + d * stride
            let g = gradient.map { $0 + d * stride }
            for i in 0..<rows {
                let e = p[i] - t[i]
                sum += Double(e * e)
                chunks?.sums[i / chunks!.rows * chunks!.spacing] += Double(e * e)
                g?[i] = scale * e
            }
        }
        return sum
    }

    /// Where a loss also leaves its sum over each run of `rows` rows (the first run's sum at
    /// `sums`, the next `spacing` values on): the same sums that calls on each run would
    /// return, in one pass.
    public struct Chunks {
        /// The first run's sum.
        public let sums: UnsafeMutablePointer<Double>
        /// Rows per run.
        public let rows: Int
        /// Doubles from one run's sum to the next.
        public let spacing: Int

        /// A layout of run sums.
        public init(sums: UnsafeMutablePointer<Double>, rows: Int, spacing: Int) {
            precondition(rows >= 1 && spacing >= 1, "runs of at least one row, sums at least one apart")
            self.sums = sums
            self.rows = rows
            self.spacing = spacing
        }

        /// Runs in `rows` rows.
        func count(rows total: Int) -> Int { (total + rows - 1) / rows }
    }

    /// The mean negative log-likelihood of `rows` targets (D feature-major columns) under the
    /// Gaussian mixtures whose parameters ([mu K*D | sigma K*D | logits K], each a
    /// feature-major column of the `parameters` block, `stride` apart) are given; diagonal
    /// covariance, including 0.5*log(2 pi) per dimension, computed in log space:
    ///
    ///   -log p(y) = -[LSE_k(logit_k + g_k) - LSE_k(logit_k)],
    ///   g_k = sum_d(-0.5 z^2 - log sigma - 0.5 log 2 pi),  z = (y - mu) / sigma.
    ///
    /// With responsibilities r = softmax(logit + g) and pi = softmax(logit), the gradient of
    /// one row's loss is dL/dlogit_k = pi_k - r_k, dL/dmu = -r_k z / sigma,
    /// dL/dsigma = r_k (1 - z^2) / sigma; the mean divides by rows. The gradient has the
    /// parameters' layout.
    public static func mixtureNLL(
        layout: MixtureLayout, parameters: UnsafePointer<Float>, targets: UnsafePointer<Float>,
        rows: Int, stride: Int, gradient: UnsafeMutablePointer<Float>?
    ) -> Double {
        mixtureNLLSum(
            layout: layout, parameters: parameters, targets: targets, rows: rows, stride: stride, gradient: gradient,
            gradientScale: Float(1.0 / Double(rows))) / Double(rows)
    }

    /// The sum of the `rows` rows' negative log-likelihoods (see `mixtureNLL`); the gradient,
    /// when asked, is each row's times `gradientScale` (1 / n for the mean over n rows).
    public static func mixtureNLLSum(
        layout: MixtureLayout, parameters: UnsafePointer<Float>, targets: UnsafePointer<Float>,
        rows: Int, stride: Int, gradient: UnsafeMutablePointer<Float>?, gradientScale invRows: Float,
        chunks: Chunks? = nil
    ) -> Double {
        precondition(rows > 0, "loss of an empty batch")
        precondition(stride >= rows, "stride must be >= rows")
        let width = layout.width
        let d = layout.dimension
        let kd = layout.components * d
        let k = layout.components
        // Scratch per 8-row block: z and 1/sigma (K*D vectors each), exp(logit - max) and the
        // joint terms (K vectors each); then a padded copy of a last, partial block (its
        // parameters, targets and gradient, 8 lanes each).
        let vectors = 2 * kd + 2 * k + 2 * width + d
        return withUnsafeTemporaryAllocation(of: SIMD8<Float>.self, capacity: vectors) { scratch in
            let s = scratch.baseAddress!
            let z = s
            let invSigma = s + kd
            let pis = s + 2 * kd
            let joint = pis + k
            var total = 0.0
            var chunk = 0.0
            // Each row's loss into the total and, with `chunks`, into its run's sum.
            @inline(__always) func add(_ loss: Float, row: Int) {
                total += Double(loss)
                guard let chunks else { return }
                chunk += Double(loss)
                if (row + 1) % chunks.rows == 0 || row + 1 == rows {
                    chunks.sums[row / chunks.rows * chunks.spacing] = chunk
                    chunk = 0
                }
            }
            var r0 = 0
            while r0 + 8 <= rows {
                let losses = mixtureBlock(
                    layout, parameters + r0, targets + r0, stride: stride, gradient: gradient.map { $0 + r0 },
                    invRows: invRows, z: z, invSigma: invSigma, pis: pis, joint: joint)
                for lane in 0..<8 { add(losses[lane], row: r0 + lane) }
                r0 += 8
            }
            if r0 < rows {
                // The last rows, padded to 8 lanes with a standard normal at y = 0.
                let lanes = rows - r0
                let tail = UnsafeMutableRawPointer(joint + k).bindMemory(to: Float.self, capacity: 8 * (2 * width + d))
                let tp = tail
                let ty = tail + 8 * width
                let tg = ty + 8 * d
                for c in 0..<width {
                    let padding: Float = c >= kd && c < 2 * kd ? 1 : 0
                    for i in 0..<8 { tp[c * 8 + i] = i < lanes ? parameters[c * stride + r0 + i] : padding }
                }
                for c in 0..<d {
                    for i in 0..<8 { ty[c * 8 + i] = i < lanes ? targets[c * stride + r0 + i] : 0 }
                }
                let losses = mixtureBlock(
                    layout, tp, ty, stride: 8, gradient: gradient == nil ? nil : tg, invRows: invRows,
                    z: z, invSigma: invSigma, pis: pis, joint: joint)
                for lane in 0..<lanes { add(losses[lane], row: r0 + lane) }
                if let gradient {
                    for c in 0..<width {
                        for i in 0..<lanes { gradient[c * stride + r0 + i] = tg[c * 8 + i] }
                    }
                }
            }
            return total
        }
    }

    /// -log p(y) of the eight rows (columns) at p, y, and their gradient scaled by
    /// `invRows` when asked.
    @inline(__always)
    static func mixtureBlock(
        _ layout: MixtureLayout, _ p: UnsafePointer<Float>, _ y: UnsafePointer<Float>, stride: Int,
        gradient: UnsafeMutablePointer<Float>?, invRows: Float,
        z: UnsafeMutablePointer<SIMD8<Float>>, invSigma: UnsafeMutablePointer<SIMD8<Float>>,
        pis: UnsafeMutablePointer<SIMD8<Float>>, joint: UnsafeMutablePointer<SIMD8<Float>>
    ) -> SIMD8<Float> {
        let k = layout.components
        let d = layout.dimension
        let kd = k * d
        let rp = UnsafeRawPointer(p)
        let ry = UnsafeRawPointer(y)
        let rowBytes = stride &* 4
        @inline(__always) func load(_ column: Int) -> SIMD8<Float> {
            rp.loadUnaligned(fromByteOffset: column &* rowBytes, as: SIMD8<Float>.self)
        }
        @inline(__always) func target(_ column: Int) -> SIMD8<Float> {
            ry.loadUnaligned(fromByteOffset: column &* rowBytes, as: SIMD8<Float>.self)
        }
        @inline(__always) func store(_ v: SIMD8<Float>, _ column: Int, _ base: UnsafeMutablePointer<Float>) {
            UnsafeMutableRawPointer(base).storeBytes(of: v, toByteOffset: column &* rowBytes, as: SIMD8<Float>.self)
        }
        var maxLogit = SIMD8<Float>(repeating: -.infinity)
        for j in 0..<k {
            let l = load(2 * kd + j)
            maxLogit = maxLogit.replacing(with: l, where: l .> maxLogit)
        }
        // The joint terms leave out the constant 0.5 log(2 pi) per dimension (added back to
        // the loss) and, with one dimension, log sigma: exp(logit - max + h) / sigma is
        // summed instead, which spares a log per component. The largest exp is 1 and 1 /
        // sigma lies in (0, 1 / epsilon], so the sum neither underflows nor overflows; the
        // terms it loses to underflow are e^-71 or less of it. With more dimensions the
        // product of 1 / sigma could overflow, so the log sigmas stay in the exponent.
        var maxJoint = SIMD8<Float>(repeating: -.infinity)
        for j in 0..<k {
            var g = SIMD8<Float>()
            for dd in 0..<d {
                let c = j * d + dd
                let sigma = load(kd + c)
                let inv = 1 / sigma
                let zc = (target(dd) - load(c)) * inv
                z[c] = zc
                invSigma[c] = inv
                g -= 0.5 * zc * zc
                if d > 1 { g -= FastMath.log(sigma) }
            }
            let logitShifted = load(2 * kd + j) - maxLogit
            pis[j] = logitShifted
            let v = logitShifted + g
            joint[j] = v
            maxJoint = maxJoint.replacing(with: v, where: v .> maxJoint)
        }
        var sumPi = SIMD8<Float>()
        var sumJoint = SIMD8<Float>()
        for j in 0..<k {
            let e = FastMath.exp(pis[j])
            pis[j] = e
            sumPi += e
            var f = FastMath.exp(joint[j] - maxJoint)
            if d == 1 { f *= invSigma[j] }
            joint[j] = f
            sumJoint += f
        }
        // -log p = log sum_k e^(logit_k - max) - (maxJoint + log sum_k e^(joint_k - maxJoint)
        // [/ sigma_k] - D/2 log(2 pi)).
        let constant = Float(Double(d) * halfLogTwoPi)
        let loss = FastMath.log(sumPi) - maxJoint - FastMath.log(sumJoint) + constant
        if let gradient {
            let invPi = invRows / sumPi
            let invJ = 1 / sumJoint
            for j in 0..<k {
                let r = joint[j] * invJ
                store(pis[j] * invPi - r * invRows, 2 * kd + j, gradient)
                let rs = r * invRows
                for dd in 0..<d {
                    let c = j * d + dd
                    let zc = z[c]
                    let inv = invSigma[c]
                    store(-rs * zc * inv, c, gradient)
                    store(rs * (1 - zc * zc) * inv, kd + c, gradient)
                }
            }
        }
        return loss
    }
}
