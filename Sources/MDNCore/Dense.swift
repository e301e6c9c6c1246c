/// A fully connected layer, y = activation(x W + b), with W stored inputs x outputs (as Keras).
public struct Dense: Sendable, Equatable {
    /// The kernel, inputs x outputs.
    public var weights: Matrix
    /// The bias, one per output.
    public var bias: [Float]
    /// Applied element-wise to every output.
    public var activation: Activation

    /// Number of inputs.
    public var inputs: Int { weights.rows }
    /// Number of outputs.
    public var outputs: Int { weights.cols }
    /// Inputs and outputs.
    var shape: LayerShape { LayerShape(inputs: inputs, outputs: outputs) }
    /// Number of trainable values.
    public var parameterCount: Int { weights.storage.count + bias.count }

    /// A layer with the given values.
    public init(weights: Matrix, bias: [Float], activation: Activation) {
        precondition(bias.count == weights.cols, "bias length \(bias.count) != outputs \(weights.cols)")
        self.weights = weights
        self.bias = bias
        self.activation = activation
    }

    /// Keras's default initialisation: Glorot-uniform kernel, zero bias.
    public init(inputs: Int, outputs: Int, activation: Activation, rng: inout SeededRNG) {
        precondition(inputs >= 1 && outputs >= 1, "a Dense layer needs at least one input and one output")
        var w = Matrix(rows: inputs, cols: outputs)
        Dense.glorotUniform(&w, columns: 0..<outputs, rng: &rng)
        self.init(weights: w, bias: [Float](repeating: 0, count: outputs), activation: activation)
    }

    /// Fills `columns` of `w` from U(-l, l), l = sqrt(6 / (fan_in + fan_out)) with fan_out the
    /// number of those columns (so a concatenation of Dense layers can be initialised slice by slice).
    public static func glorotUniform(_ w: inout Matrix, columns: Range<Int>, rng: inout SeededRNG) {
        let limit = (6.0 / Double(w.rows + columns.count)).squareRoot()
        for r in 0..<w.rows {
            for c in columns { w[r, c] = Float(rng.uniform(-limit, limit)) }
        }
    }

    /// Forward pass in feature-major layout: out (outputs x rows, columns `stride` apart) =
    /// activation(W^T x + b) for x (inputs x rows, same stride). The bias and a ReLU are
    /// applied as the GEMM stores its result.
    public func forward(
        featureMajor x: UnsafePointer<Float>, rows: Int, stride: Int, output: UnsafeMutablePointer<Float>
    ) {
        bias.withUnsafeBufferPointer { b in
            weights.storage.withUnsafeBufferPointer { w in
                GEMM.multiply(
                    m: outputs, n: rows, k: inputs, a: w.baseAddress!, lda: outputs, transposeA: true,
                    b: x, ldb: stride, transposeB: false, c: output, ldc: stride,
                    epilogue: .bias(b.baseAddress!, relu: activation == .relu))
            }
        }
        if activation == .eluPlusOne {
            activation.apply(output, rows: outputs, stride: stride, columns: 0..<rows)
        }
    }

    /// dL/dx (inputs x rows, feature-major) = W dZ for the `rows` columns at `gradZ`, passed
    /// back through the ReLU below when `reluBelow` (zeroed where x <= 0). Each column is
    /// computed on its own, so a range of columns gives the bits the whole batch gives there.
    public func inputGradients(
        input x: UnsafePointer<Float>, rows: Int, stride: Int, gradZ: UnsafePointer<Float>,
        gradInput: UnsafeMutablePointer<Float>, reluBelow: Bool
    ) {
        weights.storage.withUnsafeBufferPointer { w in
            GEMM.multiply(
                m: inputs, n: rows, k: outputs, a: w.baseAddress!, lda: outputs, transposeA: false,
                b: gradZ, ldb: stride, transposeB: false, c: gradInput, ldc: stride,
                epilogue: reluBelow ? .reluMask(x, ld: stride) : .none)
        }
    }

    /// Share `share` of `count` of dL/dW = x dZ^T and dL/db = row sums of dZ (x: inputs x
    /// rows, dZ: outputs x rows, feature-major, `stride` apart), both summed over all `rows`
    /// columns, for a layer of `inputs` inputs and `outputs` outputs (see `parameterShare`).
    /// Every value is one whole sum, computed as the undivided call computes it, so the
    /// shares together give its bits, whichever threads compute them.
    static func weightGradients(
        inputs: Int, outputs n: Int, input x: UnsafePointer<Float>, rows: Int, stride: Int,
        gradZ: UnsafePointer<Float>, gradWeights: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>,
        share: Int, of count: Int
    ) {
        let (kernel, bias) = parameterShare(share, of: count, inputs: inputs, outputs: n)
        if inputs == 1 {
            Dense.dotsAndRowSums(
                x, gradZ + bias.lowerBound * stride, rows: bias.count, columns: rows, stride: stride,
                dots: gradWeights + bias.lowerBound, sums: gradBias + bias.lowerBound)
            return
        }
        if !kernel.isEmpty {
            let first = kernel.lowerBound / n
            GEMM.multiply(
                m: kernel.count / n, n: n, k: rows, a: x + first * stride, lda: stride, transposeA: false,
                b: gradZ, ldb: stride, transposeB: true, c: gradWeights + kernel.lowerBound, ldc: n)
        }
        Dense.rowSums(
            gradZ + bias.lowerBound * stride, rows: bias.count, columns: rows, stride: stride,
            into: gradBias + bias.lowerBound)
    }

    /// Share `share` of `count` of a layer's parameters, as ranges of its kernel's flat
    /// storage (inputs x outputs) and of its bias. The kernel's share is whole rows (whole
    /// columns when the layer has one input, which the bias shares); every share starts on a
    /// multiple of 16 values of its tensor, so an element-wise pass over a share meets the
    /// same SIMD lanes as one over the tensor.
    static func parameterShare(_ share: Int, of count: Int, inputs: Int, outputs n: Int) -> (
        kernel: Range<Int>, bias: Range<Int>
    ) {
        precondition(count >= 1 && (0..<count).contains(share), "share \(share) of \(count)")
        let outs = Dense.share(share, of: count, length: n, multiple: 16)
        if inputs == 1 { return (outs, outs) }
        let ins = Dense.share(share, of: count, length: inputs, multiple: 16 / Dense.gcd(n, 16))
        return (ins.lowerBound * n..<ins.upperBound * n, outs)
    }

    /// Part `share` of `count` near-equal parts of 0..<length whose inner boundaries are
    /// multiples of `multiple` (so some parts may be empty when length is small).
    static func share(_ share: Int, of count: Int, length: Int, multiple: Int) -> Range<Int> {
        func boundary(_ t: Int) -> Int {
            if t == count { return length }
            return min(length, (t * length / count) / multiple * multiple)
        }
        return boundary(share)..<max(boundary(share), boundary(share + 1))
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    /// Array convenience: activation(x W + b) for a rows x inputs matrix.
    public func forward(_ x: Matrix) -> Matrix {
        precondition(x.cols == inputs, "input has \(x.cols) columns, layer expects \(inputs)")
        var out = Matrix(rows: x.rows, cols: outputs)
        for r in 0..<x.rows { for j in 0..<outputs { out[r, j] = bias[j] } }
        x.storage.withUnsafeBufferPointer { xp in
            weights.storage.withUnsafeBufferPointer { w in
                out.storage.withUnsafeMutableBufferPointer { op in
                    GEMM.multiply(
                        m: x.rows, n: outputs, k: inputs, a: xp.baseAddress!, lda: inputs, transposeA: false,
                        b: w.baseAddress!, ldb: outputs, transposeB: false, c: op.baseAddress!, ldc: outputs,
                        accumulate: true)
                    activation.apply(op.baseAddress!, rows: x.rows, stride: outputs, columns: 0..<outputs)
                }
            }
        }
        return out
    }

    /// A layer with one input: dots[i] = x . row i and sums[i] = the sum of row i over the
    /// first `columns` values (rows `stride` apart), in one pass over the rows. Each is summed
    /// as `GEMM.multiply` (its one-row dot products) and `rowSums` sum them, so the bits are
    /// theirs: 16 lanes at a time, the lanes as a tree, then the tail in order.
    static func dotsAndRowSums(
        _ x: UnsafePointer<Float>, _ m: UnsafePointer<Float>, rows: Int, columns: Int, stride: Int,
        dots: UnsafeMutablePointer<Float>, sums: UnsafeMutablePointer<Float>
    ) {
        let full = columns / 16 * 16
        let rx = UnsafeRawPointer(x)
        @inline(__always) func finish(_ i: Int, _ product: SIMD16<Float>, _ total: SIMD16<Float>) {
            let row = m + i * stride
            var d = FastMath.sum(product)
            var s = FastMath.sum(total)
            for p in full..<columns {
                d += x[p] * row[p]
                s += row[p]
            }
            dots[i] = d
            sums[i] = s
        }
        var i = 0
        // Two rows at once: four independent chains of additions instead of two.
        while i + 2 <= rows {
            let (w0, w1) = (UnsafeRawPointer(m + i * stride), UnsafeRawPointer(m + (i + 1) * stride))
            var (p0, p1, t0, t1) = (SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>())
            var j = 0
            while j < full {
                let xv = rx.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
                let v0 = w0.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
                let v1 = w1.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
                p0.addProduct(xv, v0)
                p1.addProduct(xv, v1)
                t0 += v0
                t1 += v1
                j += 16
            }
            finish(i, p0, t0)
            finish(i + 1, p1, t1)
            i += 2
        }
        while i < rows {
            let row = m + i * stride
            let raw = UnsafeRawPointer(row)
            var product = SIMD16<Float>()
            var total = SIMD16<Float>()
            var j = 0
            while j < full {
                let v = raw.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
                product.addProduct(rx.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self), v)
                total += v
                j += 16
            }
            finish(i, product, total)
            i += 1
        }
    }

    /// out[i] = sum of the first `columns` values of row i (rows `stride` apart), 16 lanes at
    /// a time, then the tail in order. Four rows go at once: each row's sum is one chain of
    /// dependent additions, and four independent chains keep the adder busy where one waited
    /// for its previous result (the sums, and so the bits, are the same).
    static func rowSums(
        _ m: UnsafePointer<Float>, rows: Int, columns: Int, stride: Int, into out: UnsafeMutablePointer<Float>
    ) {
        let full = columns / 16 * 16
        @inline(__always) func tail(_ s: Float, _ row: UnsafePointer<Float>) -> Float {
            var s = s
            for j in full..<columns { s += row[j] }
            return s
        }
        var i = 0
        while i + 4 <= rows {
            let (r0, r1, r2, r3) = (m + i * stride, m + (i + 1) * stride, m + (i + 2) * stride, m + (i + 3) * stride)
            let (w0, w1, w2, w3) = (
                UnsafeRawPointer(r0), UnsafeRawPointer(r1), UnsafeRawPointer(r2), UnsafeRawPointer(r3)
            )
            var (a0, a1, a2, a3) = (SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>())
            var j = 0
            while j < full {
                a0 += w0.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
                a1 += w1.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
                a2 += w2.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
                a3 += w3.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
                j += 16
            }
            out[i] = tail(FastMath.sum(a0), r0)
            out[i + 1] = tail(FastMath.sum(a1), r1)
            out[i + 2] = tail(FastMath.sum(a2), r2)
            out[i + 3] = tail(FastMath.sum(a3), r3)
            i += 4
        }
        while i < rows {
            let row = m + i * stride
            let raw = UnsafeRawPointer(row)
            var acc = SIMD16<Float>()
            var j = 0
            while j < full {
                acc += raw.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
                j += 16
            }
            out[i] = tail(FastMath.sum(acc), row)
            i += 1
        }
    }
}

/// A Dense layer's size, without its values.
struct LayerShape: Sendable, Equatable {
    let inputs: Int
    let outputs: Int
}
