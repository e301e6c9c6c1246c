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

    /// out (rows x outputs) = activation(x (rows x inputs) W + b).
    public func forward(_ x: UnsafePointer<Float>, rows: Int, output: UnsafeMutablePointer<Float>) {
        let n = outputs
        bias.withUnsafeBufferPointer { b in
            for r in 0..<rows { (output + r * n).update(from: b.baseAddress!, count: n) }
        }
        weights.storage.withUnsafeBufferPointer { w in
            GEMM.multiply(
                m: rows, n: n, k: inputs, a: x, lda: inputs, transposeA: false,
                b: w.baseAddress!, ldb: n, transposeB: false,
                c: output, ldc: n, accumulate: true)
        }
        activation.apply(output, rows: rows, stride: n, columns: 0..<n)
    }

    /// Backward pass. `gradOutput` (rows x outputs) holds dL/d(output) and is turned into
    /// dL/dz in place; writes dL/dW (inputs x outputs) and dL/db (overwritten), and dL/dx
    /// (rows x inputs) when `gradInput` is given.
    public func backward(
        input x: UnsafePointer<Float>, output y: UnsafePointer<Float>, rows: Int,
        gradOutput: UnsafeMutablePointer<Float>,
        gradWeights: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>,
        gradInput: UnsafeMutablePointer<Float>?
    ) {
        let n = outputs
        activation.backward(output: y, grad: gradOutput, rows: rows, stride: n, columns: 0..<n)
        // dW = x^T dZ, db = column sums of dZ, dx = dZ W^T.
        GEMM.multiply(
            m: inputs, n: n, k: rows, a: x, lda: inputs, transposeA: true,
            b: gradOutput, ldb: n, transposeB: false, c: gradWeights, ldc: n)
        Dense.columnSums(gradOutput, rows: rows, cols: n, into: gradBias)
        if let gradInput {
            weights.storage.withUnsafeBufferPointer { w in
                GEMM.multiply(
                    m: rows, n: inputs, k: n, a: gradOutput, lda: n, transposeA: false,
                    b: w.baseAddress!, ldb: n, transposeB: true, c: gradInput, ldc: inputs)
            }
        }
    }

    /// Array convenience: activation(x W + b) for a rows x inputs matrix.
    public func forward(_ x: Matrix) -> Matrix {
        precondition(x.cols == inputs, "input has \(x.cols) columns, layer expects \(inputs)")
        var out = Matrix(rows: x.rows, cols: outputs)
        x.storage.withUnsafeBufferPointer { xp in
            out.storage.withUnsafeMutableBufferPointer { op in
                forward(xp.baseAddress!, rows: x.rows, output: op.baseAddress!)
            }
        }
        return out
    }

    /// out[j] = sum over rows of m[r, j] (SIMD over 16 columns at a time).
    static func columnSums(_ m: UnsafePointer<Float>, rows: Int, cols: Int, into out: UnsafeMutablePointer<Float>) {
        let raw = UnsafeRawPointer(m)
        var j = 0
        while j + 16 <= cols {
            var acc = SIMD16<Float>()
            for r in 0..<rows { acc += raw.loadUnaligned(fromByteOffset: (r * cols + j) * 4, as: SIMD16<Float>.self) }
            UnsafeMutableRawPointer(out + j).storeBytes(of: acc, as: SIMD16<Float>.self)
            j += 16
        }
        while j < cols {
            var s: Float = 0
            for r in 0..<rows { s += m[r * cols + j] }
            out[j] = s
            j += 1
        }
    }
}
