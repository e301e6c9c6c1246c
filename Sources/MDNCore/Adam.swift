/// Adam with Keras's defaults and Keras's update rule.
///
/// Per step t (from 1): m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
/// alpha = lr * sqrt(1 - b2^t) / (1 - b1^t); w -= alpha * m / (sqrt(v) + eps), with eps
/// added to the UN-corrected sqrt(v) (PyTorch adds it after bias correction instead). The
/// division is a reciprocal estimate refined by a Newton step (within 2 ulp; 2% of an MDN
/// epoch faster than the divide, `mdnx bench --only mdn_epoch`), and the moments are
/// fused multiply-adds.
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

    /// One step's update, applied to any run of parameters: each value by itself, by the
    /// same SIMD operations wherever it sits in a run (a run's last 1-7 values go through
    /// the same lanes, masked), so any split of a tensor gives the bits of the whole.
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
            let rg = UnsafeRawPointer(gradient)
            var i = 0
            while i + 8 <= n {
                update(
                    rg.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self), w: w + i, m: mp + i, v: vp + i,
                    average: average.map { $0 + i }, lanes: 8)
                i += 8
            }
            if i < n {
                var g = SIMD8<Float>()
                for lane in 0..<(n - i) { g[lane] = gradient[i + lane] }
                update(g, w: w + i, m: mp + i, v: vp + i, average: average.map { $0 + i }, lanes: n - i)
            }
        }

        /// The update of `lanes` (1...8) consecutive values from the gradients in g's first
        /// lanes: m = b1 m + (1-b1) g and v = b2 v + (1-b2) g^2 (each a fused multiply-add),
        /// w -= alpha m / (sqrt(v) + eps) (the reciprocal as `FastMath.reciprocal`), then the
        /// average. Lanes past `lanes` are neither read nor written.
        @inline(__always)
        func update(
            _ g: SIMD8<Float>, w: UnsafeMutablePointer<Float>, m: UnsafeMutablePointer<Float>,
            v: UnsafeMutablePointer<Float>, average: UnsafeMutablePointer<Float>?, lanes: Int
        ) {
            @inline(__always) func load(_ p: UnsafeMutablePointer<Float>) -> SIMD8<Float> {
                if lanes == 8 { return UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self) }
                var x = SIMD8<Float>()
                for lane in 0..<lanes { x[lane] = p[lane] }
                return x
            }
            @inline(__always) func store(_ x: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
                if lanes == 8 {
                    UnsafeMutableRawPointer(p).storeBytes(of: x, as: SIMD8<Float>.self)
                } else {
                    for lane in 0..<lanes { p[lane] = x[lane] }
                }
            }
            let mm = (SIMD8(repeating: 1 - beta1) * g).addingProduct(SIMD8(repeating: beta1), load(m))
            let vv = (SIMD8(repeating: beta2) * load(v)).addingProduct(SIMD8(repeating: 1 - beta2) * g, g)
            store(mm, m)
            store(vv, v)
            let q = FastMath.reciprocal(FastMath.sqrt(vv) + epsilon)
            let updated = load(w).addingProduct(mm * SIMD8(repeating: -alpha), q)
            store(updated, w)
            if let average {
                store((momentum * load(average)).addingProduct(SIMD8(repeating: 1 - momentum), updated), average)
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
