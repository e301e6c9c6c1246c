/// Adam with Keras's defaults and Keras's update rule.
///
/// Per step t (from 1): m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
/// alpha = lr * sqrt(1 - b2^t) / (1 - b1^t); w -= alpha * m / (sqrt(v) + eps), with eps
/// added to the UN-corrected sqrt(v) (PyTorch adds it after bias correction instead). The
/// division is a reciprocal estimate refined by a Newton step (within 2 ulp; 2% of an MDN
/// epoch faster than the divide, `mdnx bench --only mdn_epoch`).
public struct Adam: Sendable {
    /// Learning rate (changed by schedules between steps).
    public var learningRate: Float
    /// First-moment decay.
    public let beta1: Float
    /// Second-moment decay.
    public let beta2: Float
    /// Added to sqrt(v).
    public let epsilon: Float
    /// Steps taken so far.
    public private(set) var step: Int = 0
    private var m: [Float]
    private var v: [Float]
    /// beta1^t and beta2^t, kept in Double.
    private var beta1Power: Double = 1
    private var beta2Power: Double = 1

    /// Adam for `parameterCount` values (Keras defaults: lr 1e-3, 0.9, 0.999, 1e-7).
    public init(
        parameterCount: Int, learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
        epsilon: Float = 1e-7
    ) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        m = [Float](repeating: 0, count: parameterCount)
        v = [Float](repeating: 0, count: parameterCount)
    }

    /// Starts a step: advances t and returns alpha for it.
    mutating func beginStep() -> Float {
        step += 1
        beta1Power *= Double(beta1)
        beta2Power *= Double(beta2)
        return Float(Double(learningRate) * (1 - beta2Power).squareRoot() / (1 - beta1Power))
    }

    /// Updates `weights` from `gradient`, using moments at `offset` of the flat state. With
    /// `average`, also blends the new weights into that moving average in the same pass:
    /// average = momentum * average + (1 - momentum) * weights.
    mutating func update(
        _ weights: UnsafeMutableBufferPointer<Float>, gradient: UnsafePointer<Float>,
        offset: Int, alpha: Float, average: UnsafeMutablePointer<Float>? = nil, momentum: Float = 0
    ) {
        let rule = rule(alpha: alpha, momentum: momentum)
        withMoments { m, v in
            rule.apply(
                weights.baseAddress!, count: weights.count, gradient: gradient, m: m + offset, v: v + offset,
                average: average)
        }
    }

    /// Calls `body` with the first and second moments (flat, in parameter order), for
    /// `Rule.apply` on parts of the parameters (from several threads, on disjoint parts).
    mutating func withMoments<R>(_ body: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>) -> R) -> R {
        m.withUnsafeMutableBufferPointer { mb in
            v.withUnsafeMutableBufferPointer { vb in body(mb.baseAddress!, vb.baseAddress!) }
        }
    }

    /// The update of the current step (after `beginStep`, which gave `alpha`).
    func rule(alpha: Float, momentum: Float = 0) -> Rule {
        Rule(beta1: beta1, beta2: beta2, epsilon: epsilon, alpha: alpha, momentum: momentum)
    }

    /// One step's update, applied to any run of parameters: each value by itself, so a run
    /// split at multiples of 8 (its SIMD lanes) gives the bits of the whole run.
    struct Rule: Sendable {
        let beta1: Float
        let beta2: Float
        let epsilon: Float
        let alpha: Float
        /// The moving average's decay (0: the average becomes the weights).
        let momentum: Float

        /// Updates `count` weights and their moments (and the moving average, when given)
        /// from `gradient`; all pointers point at the run's first value.
        func apply(
            _ w: UnsafeMutablePointer<Float>, count n: Int, gradient: UnsafePointer<Float>,
            m mp: UnsafeMutablePointer<Float>, v vp: UnsafeMutablePointer<Float>,
            average: UnsafeMutablePointer<Float>?
        ) {
            let b1 = beta1
            let b2 = beta2
            let c1 = 1 - beta1
            let c2 = 1 - beta2
            let eps = epsilon
            let alpha = alpha
            var i = 0
            let rw = UnsafeMutableRawPointer(w)
            let rm = UnsafeMutableRawPointer(mp)
            let rv = UnsafeMutableRawPointer(vp)
            let rg = UnsafeRawPointer(gradient)
            let ra = average.map { UnsafeMutableRawPointer($0) }
            let keep = momentum
            let blend = 1 - momentum
            while i + 8 <= n {
                let o = i * 4
                let g = rg.loadUnaligned(fromByteOffset: o, as: SIMD8<Float>.self)
                let mm = b1 * rm.loadUnaligned(fromByteOffset: o, as: SIMD8<Float>.self) + c1 * g
                let vv = b2 * rv.loadUnaligned(fromByteOffset: o, as: SIMD8<Float>.self) + c2 * (g * g)
                rm.storeBytes(of: mm, toByteOffset: o, as: SIMD8<Float>.self)
                rv.storeBytes(of: vv, toByteOffset: o, as: SIMD8<Float>.self)
                let ww = rw.loadUnaligned(fromByteOffset: o, as: SIMD8<Float>.self)
                let updated = ww - (mm * alpha) * FastMath.reciprocal(FastMath.sqrt(vv) + eps)
                rw.storeBytes(of: updated, toByteOffset: o, as: SIMD8<Float>.self)
                if let ra {
                    let av = ra.loadUnaligned(fromByteOffset: o, as: SIMD8<Float>.self)
                    ra.storeBytes(of: keep * av + blend * updated, toByteOffset: o, as: SIMD8<Float>.self)
                }
                i += 8
            }
            while i < n {
                let g = gradient[i]
                mp[i] = b1 * mp[i] + c1 * g
                vp[i] = b2 * vp[i] + c2 * g * g
                w[i] -= alpha * mp[i] / (vp[i].squareRoot() + eps)
                if let average { average[i] = keep * average[i] + blend * w[i] }
                i += 1
            }
        }
    }

    /// One step over a flat parameter array with its gradient (convenience, tests).
    public mutating func step(_ weights: inout [Float], gradient: [Float]) {
        precondition(weights.count == gradient.count && weights.count == m.count, "Adam: size mismatch")
        let alpha = beginStep()
        weights.withUnsafeMutableBufferPointer { w in
            gradient.withUnsafeBufferPointer { g in update(w, gradient: g.baseAddress!, offset: 0, alpha: alpha) }
        }
    }
}
