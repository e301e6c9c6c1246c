/// Which model a network is: a plain regression MLP or a mixture density network.
public enum ModelKind: String, Sendable, Codable, CaseIterable {
    /// Mean-squared-error regression: the head outputs D means.
    case mse
    /// Mixture density network: the head outputs [mu K*D | sigma K*D | logits K].
    case mdn
}

/// Why a network could not be rebuilt from tensors.
public enum NetworkError: Error, Equatable, CustomStringConvertible {
    /// A tensor the network needs is absent.
    case missingTensor(String)
    /// A tensor has the wrong shape.
    case badShape(name: String, shape: [Int], expected: String)
    /// The head's width does not fit the model kind, D and K.
    case headMismatch(width: Int, expected: Int)

    /// One readable line.
    public var description: String {
        switch self {
        case .missingTensor(let name): return "checkpoint is missing tensor '\(name)'"
        case .badShape(let name, let shape, let expected):
            return "tensor '\(name)' has shape \(shape), expected \(expected)"
        case .headMismatch(let width, let expected):
            return "output layer has width \(width), expected \(expected) for this model"
        }
    }
}

/// A trunk of ReLU Dense layers followed by a head: one linear Dense of width D (mse) or a
/// mixture head of width 2KD+K (mdn) whose sigma slice goes through ELU + 1 + epsilon.
///
/// The mixture head is one Dense layer equivalent to the tutorial's three (mus linear,
/// sigmas ELU+1+eps, pi linear, concatenated); each slice is Glorot-initialised with its
/// own fan_out, as three separate Keras layers would be.
public struct Network: Sendable, Equatable {
    /// mse or mdn.
    public let kind: ModelKind
    /// Hidden layers (ReLU).
    public var trunk: MLP
    /// Output layer (linear; the mdn sigma activation is applied by the network).
    public var head: Dense
    /// The mixture layout of the head's output (mdn only).
    public let layout: MixtureLayout?

    /// All Dense layers, input side first.
    public var layers: [Dense] { trunk.layers + [head] }
    /// Input dimension.
    public var inputDimension: Int { trunk.layers.first?.inputs ?? head.inputs }
    /// Target dimension D.
    public var outputDimension: Int { layout?.dimension ?? head.outputs }
    /// Hidden widths.
    public var hidden: [Int] { trunk.layers.map(\.outputs) }
    /// Width of one output row (D for mse, 2KD+K for mdn).
    public var outputWidth: Int { head.outputs }
    /// Trainable values in total.
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }

    /// A freshly initialised network (Keras initialisation: Glorot-uniform kernels, zero biases).
    public init(
        kind: ModelKind, inputDimension: Int = 1, hidden: [Int], outputDimension: Int = 1,
        mixtures: Int = 1, rng: inout SeededRNG
    ) {
        precondition(inputDimension >= 1 && outputDimension >= 1, "dimensions must be >= 1")
        precondition(hidden.allSatisfy { $0 >= 1 }, "hidden widths must be >= 1")
        precondition(mixtures >= 1, "a mixture needs at least one component")
        self.kind = kind
        var layers: [Dense] = []
        var width = inputDimension
        for h in hidden {
            layers.append(Dense(inputs: width, outputs: h, activation: .relu, rng: &rng))
            width = h
        }
        trunk = MLP(layers: layers)
        switch kind {
        case .mse:
            layout = nil
            head = Dense(inputs: width, outputs: outputDimension, activation: .linear, rng: &rng)
        case .mdn:
            let l = MixtureLayout(components: mixtures, dimension: outputDimension)
            layout = l
            var w = Matrix(rows: width, cols: l.width)
            Dense.glorotUniform(&w, columns: l.mu(0)..<l.sigma(0), rng: &rng)
            Dense.glorotUniform(&w, columns: l.sigma(0)..<l.logit(0), rng: &rng)
            Dense.glorotUniform(&w, columns: l.logit(0)..<l.width, rng: &rng)
            head = Dense(weights: w, bias: [Float](repeating: 0, count: l.width), activation: .linear)
        }
    }

    /// A network with given layers (the head must be linear).
    public init(kind: ModelKind, trunk: MLP, head: Dense, layout: MixtureLayout?) {
        precondition(head.activation == .linear, "the head is linear; the mdn sigma activation is applied by Network")
        precondition(kind == .mdn ? layout?.width == head.outputs : layout == nil, "layout does not match head")
        self.kind = kind
        self.trunk = trunk
        self.head = head
        self.layout = layout
    }

    /// The parameters as named tensors: "trunk.i.kernel" [in, out], "trunk.i.bias" [out],
    /// "head.kernel", "head.bias".
    public func namedTensors() -> [NamedTensor] {
        var out: [NamedTensor] = []
        for (i, l) in trunk.layers.enumerated() {
            out.append(NamedTensor(name: "trunk.\(i).kernel", shape: [l.inputs, l.outputs], values: l.weights.storage))
            out.append(NamedTensor(name: "trunk.\(i).bias", shape: [l.outputs], values: l.bias))
        }
        out.append(NamedTensor(name: "head.kernel", shape: [head.inputs, head.outputs], values: head.weights.storage))
        out.append(NamedTensor(name: "head.bias", shape: [head.outputs], values: head.bias))
        return out
    }

    /// Rebuilds a network from `namedTensors()` output; hidden widths come from the shapes.
    public init(kind: ModelKind, outputDimension: Int = 1, mixtures: Int = 1, tensors: [NamedTensor])
        throws(NetworkError)
    {
        var byName: [String: NamedTensor] = [:]
        for t in tensors { byName[t.name] = t }
        func dense(_ prefix: String, activation: Activation) throws(NetworkError) -> Dense {
            guard let k = byName["\(prefix).kernel"] else { throw .missingTensor("\(prefix).kernel") }
            guard let b = byName["\(prefix).bias"] else { throw .missingTensor("\(prefix).bias") }
            guard k.shape.count == 2, k.shape[0] >= 1, k.shape[1] >= 1 else {
                throw .badShape(name: k.name, shape: k.shape, expected: "[inputs, outputs]")
            }
            guard b.shape == [k.shape[1]] else {
                throw .badShape(name: b.name, shape: b.shape, expected: "[\(k.shape[1])]")
            }
            return Dense(
                weights: Matrix(rows: k.shape[0], cols: k.shape[1], storage: k.values), bias: b.values,
                activation: activation)
        }
        var layers: [Dense] = []
        while byName["trunk.\(layers.count).kernel"] != nil {
            let l = try dense("trunk.\(layers.count)", activation: .relu)
            if let prev = layers.last, prev.outputs != l.inputs {
                throw .badShape(
                    name: "trunk.\(layers.count).kernel", shape: [l.inputs, l.outputs], expected: "[\(prev.outputs), _]"
                )
            }
            layers.append(l)
        }
        let head = try dense("head", activation: .linear)
        if let prev = layers.last, prev.outputs != head.inputs {
            throw .badShape(name: "head.kernel", shape: [head.inputs, head.outputs], expected: "[\(prev.outputs), _]")
        }
        let layout: MixtureLayout? =
            kind == .mdn ? MixtureLayout(components: mixtures, dimension: outputDimension) : nil
        let expected = layout?.width ?? outputDimension
        guard head.outputs == expected else { throw .headMismatch(width: head.outputs, expected: expected) }
        self.init(kind: kind, trunk: MLP(layers: layers), head: head, layout: layout)
    }

    /// Columns of the output row that go through ELU + 1 + eps (the sigmas; empty for mse).
    var sigmaColumns: Range<Int> {
        guard let l = layout else { return 0..<0 }
        return l.sigma(0)..<l.logit(0)
    }

    /// Network output for `x` (n rows of inputDimension values): n*D means (mse) or n rows of
    /// `layout.width` mixture parameters with positive sigmas (mdn), row-major.
    public func predict(_ x: [Float]) -> [Float] {
        precondition(x.count % inputDimension == 0, "input holds a partial row")
        let n = x.count / inputDimension
        var out = [Float](repeating: 0, count: n * outputWidth)
        let chunk = NetworkWorkspace.chunkRows
        let ws = NetworkWorkspace(network: self, capacity: min(max(n, 1), chunk))
        x.withUnsafeBufferPointer { xp in
            out.withUnsafeMutableBufferPointer { op in
                var start = 0
                while start < n {
                    let rows = min(chunk, n - start)
                    ws.loadInputs(xp.baseAddress! + start * inputDimension, rows: rows)
                    let y = forward(rows: rows, workspace: ws)
                    Matrix.transpose(
                        y, rows: outputWidth, columns: rows, stride: ws.stride,
                        into: op.baseAddress! + start * outputWidth, destinationStride: outputWidth)
                    start += rows
                }
            }
        }
        return out
    }

    /// The network's own training loss (MSE for mse, mixture NLL for mdn) of `rows` output
    /// columns (feature-major, the workspace's stride) against the workspace's targets;
    /// writes dL/d(output) into `gradient` (same layout) when given.
    func loss(
        output: UnsafePointer<Float>, rows: Int, workspace ws: NetworkWorkspace,
        gradient: UnsafeMutablePointer<Float>?
    ) -> Double {
        let sum = lossSum(
            output: output, targets: ws.targets, rows: rows, batchRows: rows, stride: ws.stride, gradient: gradient)
        return sum / Double(kind == .mse ? rows * outputDimension : rows)
    }

    /// The training loss summed over `rows` output columns (`stride` apart) against `targets`;
    /// the gradient, when asked, is the one of the mean over a batch of `batchRows` rows.
    /// With `chunks`, also the sum over each run of `chunks.rows` columns.
    private func lossSum(
        output: UnsafePointer<Float>, targets: UnsafePointer<Float>, rows: Int, batchRows: Int, stride: Int,
        gradient: UnsafeMutablePointer<Float>?, chunks: Loss.Chunks? = nil
    ) -> Double {
        switch kind {
        case .mse:
            return Loss.squaredErrorSum(
                predictions: output, targets: targets, rows: rows, dimension: outputDimension, stride: stride,
                gradient: gradient, gradientScale: Float(2.0 / Double(batchRows * outputDimension)), chunks: chunks)
        case .mdn:
            return Loss.mixtureNLLSum(
                layout: layout!, parameters: output, targets: targets, rows: rows, stride: stride, gradient: gradient,
                gradientScale: Float(1.0 / Double(batchRows)), chunks: chunks)
        }
    }

    /// Forward pass of the `rows` input columns in `ws.input` (feature-major); returns the
    /// output block (outputWidth x rows, columns `ws.stride` apart) inside the workspace.
    func forward(rows: Int, workspace ws: NetworkWorkspace) -> UnsafeMutablePointer<Float> {
        forward(columns: 0..<rows, workspace: ws)
        return ws.outputs[trunk.layers.count]
    }

    /// Forward pass of the input columns `columns` of `ws.input`, into the same columns of
    /// every layer's output block. A column's values do not depend on the other columns or
    /// on how the batch is divided, so threads may each take a range of columns.
    func forward(columns: Range<Int>, workspace ws: NetworkWorkspace) {
        precondition(columns.upperBound <= ws.capacity, "columns \(columns) exceed workspace capacity \(ws.capacity)")
        if columns.isEmpty { return }
        let lo = columns.lowerBound
        let rows = columns.count
        var input = UnsafePointer(ws.input + lo)
        for (i, l) in trunk.layers.enumerated() {
            l.forward(featureMajor: input, rows: rows, stride: ws.stride, output: ws.outputs[i] + lo)
            input = UnsafePointer(ws.outputs[i] + lo)
        }
        let out = ws.outputs[trunk.layers.count] + lo
        head.forward(featureMajor: input, rows: rows, stride: ws.stride, output: out)
        if kind == .mdn {
            let sigmas = sigmaColumns
            Activation.eluPlusOne.apply(
                out + sigmas.lowerBound * ws.stride, rows: sigmas.count, stride: ws.stride, columns: 0..<rows)
        }
    }

    /// The summed training loss of the output columns `columns` (after `forward`) against the
    /// workspace's targets; writes each row's dL/d(output), divided by `batchRows` (the rows
    /// the batch's mean is over), into the same columns of `ws.outputGradient`. With
    /// `chunks`, also the sum over each run of `chunks.rows` columns.
    func lossSum(
        columns: Range<Int>, batchRows: Int, workspace ws: NetworkWorkspace, chunks: Loss.Chunks? = nil
    ) -> Double {
        let lo = columns.lowerBound
        return lossSum(
            output: ws.outputs[trunk.layers.count] + lo, targets: ws.targets + lo, rows: columns.count,
            batchRows: batchRows, stride: ws.stride, gradient: ws.outputGradient + lo, chunks: chunks)
    }

    /// Backward pass of the columns `columns` after `forward` and `lossSum` on them: from
    /// dL/d(output) in `ws.outputGradient`, each layer's dL/dz into `ws.deltas` (the head's in
    /// place). Column by column like `forward`; the parameter gradients, which sum over all
    /// columns, are `weightGradients`'s.
    func backwardDeltas(columns: Range<Int>, workspace ws: NetworkWorkspace) {
        if columns.isEmpty { return }
        let all = layers
        let last = all.count - 1
        let ld = ws.stride
        let lo = columns.lowerBound
        let rows = columns.count
        if kind == .mdn {
            let sigmas = sigmaColumns
            Activation.eluPlusOne.backward(
                output: ws.outputs[last] + lo + sigmas.lowerBound * ld,
                grad: ws.deltas[last] + lo + sigmas.lowerBound * ld, rows: sigmas.count, stride: ld,
                columns: 0..<rows)
        }
        // The head is linear, so its gradient is already dL/dz; each hidden layer's activation
        // is undone as the layer above writes dL/dx (fused for ReLU).
        for i in stride(from: last, through: 1, by: -1) {
            let l = all[i]
            let input = UnsafePointer(ws.outputs[i - 1] + lo)
            let below = all[i - 1].activation
            let gradInput = ws.deltas[i - 1] + lo
            l.inputGradients(
                input: input, rows: rows, stride: ld, gradZ: ws.deltas[i] + lo, gradInput: gradInput,
                reluBelow: below == .relu)
            if below != .relu {
                below.backward(output: input, grad: gradInput, rows: l.inputs, stride: ld, columns: 0..<rows)
            }
        }
    }

    /// Share `share` of `count` of dL/d(parameters) into `ws.gradients`, summed over the
    /// batch's `rows` columns (after `backwardDeltas` on all of them). The shares are
    /// disjoint and together give what one undivided call gives, bit for bit.
    func weightGradients(rows: Int, share: Int, of count: Int, workspace ws: NetworkWorkspace) {
        StepPlan.weightGradients(
            shapes: layers.map(\.shape), rows: rows, share: share, of: count, workspace: ws)
    }

    /// Backward pass after `forward` on the same rows, from dL/d(output) in
    /// `ws.outputGradient` (consumed); fills `ws.gradients` with dL/d(parameters).
    func backward(rows: Int, workspace ws: NetworkWorkspace) {
        backwardDeltas(columns: 0..<rows, workspace: ws)
        weightGradients(rows: rows, share: 0, of: 1, workspace: ws)
    }

    /// Calls `body` with every parameter tensor (kernel, bias, layer by layer) as mutable
    /// buffers at once, valid until it returns (for threads that update disjoint parts).
    mutating func withAllParameterBuffers<R>(_ body: ([UnsafeMutableBufferPointer<Float>]) -> R) -> R {
        // Each tensor is moved into an array of its own for the duration (O(1), no copy), so
        // that every buffer can be open at once without overlapping accesses to `self`.
        var tensors: [[Float]] = []
        for i in trunk.layers.indices {
            tensors.append([])
            swap(&tensors[tensors.count - 1], &trunk.layers[i].weights.storage)
            tensors.append([])
            swap(&tensors[tensors.count - 1], &trunk.layers[i].bias)
        }
        tensors.append([])
        swap(&tensors[tensors.count - 1], &head.weights.storage)
        tensors.append([])
        swap(&tensors[tensors.count - 1], &head.bias)
        defer {
            var t = 0
            for i in trunk.layers.indices {
                swap(&tensors[t], &trunk.layers[i].weights.storage)
                swap(&tensors[t + 1], &trunk.layers[i].bias)
                t += 2
            }
            swap(&tensors[t], &head.weights.storage)
            swap(&tensors[t + 1], &head.bias)
        }
        return Network.opening(&tensors, from: 0, opened: [], body)
    }

    /// Opens tensors[from...] one inside the other, then calls `body` with all of them.
    private static func opening<R>(
        _ tensors: inout [[Float]], from i: Int, opened: [UnsafeMutableBufferPointer<Float>],
        _ body: ([UnsafeMutableBufferPointer<Float>]) -> R
    ) -> R {
        if i == tensors.count { return body(opened) }
        var tensor: [Float] = []
        swap(&tensor, &tensors[i])
        defer { swap(&tensor, &tensors[i]) }
        return tensor.withUnsafeMutableBufferPointer { buffer in
            opening(&tensors, from: i + 1, opened: opened + [buffer], body)
        }
    }

    /// Calls `body` with each parameter tensor (kernel, bias, layer by layer) as a mutable buffer.
    mutating func withParameterBuffers(_ body: (Int, UnsafeMutableBufferPointer<Float>) -> Void) {
        var t = 0
        for i in trunk.layers.indices {
            trunk.layers[i].weights.storage.withUnsafeMutableBufferPointer { body(t, $0) }
            trunk.layers[i].bias.withUnsafeMutableBufferPointer { body(t + 1, $0) }
            t += 2
        }
        head.weights.storage.withUnsafeMutableBufferPointer { body(t, $0) }
        head.bias.withUnsafeMutableBufferPointer { body(t + 1, $0) }
    }
}

/// Scratch memory for forward and backward passes of up to `capacity` rows, plus the
/// parameter gradients (one flat buffer, laid out kernel, bias, layer by layer).
///
/// Activations are feature-major: each layer's output is a block of `outputs` rows of
/// `stride` floats, one column per data row. The stride is the capacity rounded up to 16
/// floats and made an odd multiple of 16, so that the rows of a block fall into different
/// L1 cache sets when the GEMM walks down a column panel.
final class NetworkWorkspace {
    /// Rows per forward pass when predicting or scoring many rows. 128, as a training batch:
    /// with 512 a block's row stride is 2 KB, so the GEMM's walk down a 16-column panel
    /// touches a new 4 KB page every two rows (64 pages per panel, the whole first-level
    /// TLB); `mdn_predict` went from 5.03 to 4.76 ms (0.86 to 0.91 of the roofline).
    static let chunkRows = 128

    let capacity: Int
    /// Distance between consecutive features of a block (>= capacity).
    let stride: Int
    /// The inputs of a batch (inputDimension x stride).
    let input: UnsafeMutablePointer<Float>
    /// The targets of a batch (outputDimension x stride).
    let targets: UnsafeMutablePointer<Float>
    /// Post-activation output of each layer (outputs x stride).
    let outputs: [UnsafeMutablePointer<Float>]
    /// dL/dz of each layer (its outputs x stride), input side first; the last is the
    /// network's output gradient.
    let deltas: [UnsafeMutablePointer<Float>]
    /// dL/d(output) (outputWidth x stride): where a loss writes its gradient.
    var outputGradient: UnsafeMutablePointer<Float> { deltas[deltas.count - 1] }
    /// The loss of a batch summed over each `StepPlan.lossChunk` columns, chunk c at
    /// c * `lineDoubles`.
    let lossChunks: UnsafeMutablePointer<Double>
    /// All parameter gradients, flat.
    let gradients: UnsafeMutablePointer<Float>
    let parameterCount: Int
    /// Where each tensor starts in `gradients`, in `withParameterBuffers` order: layer i's
    /// kernel at `2 * i`, its bias at `2 * i + 1`.
    let tensorOffsets: [Int]
    private let inputDimension: Int
    private let outputDimension: Int
    /// Every buffer above but `gradients`, for deallocation.
    private let blocks: [UnsafeMutablePointer<Float>]

    init(network: Network, capacity: Int) {
        precondition(capacity >= 1, "a workspace needs room for at least one row")
        self.capacity = capacity
        var s = (capacity + 15) / 16 * 16
        if (s / 16) % 2 == 0 { s += 16 }
        stride = s
        inputDimension = network.inputDimension
        outputDimension = network.outputDimension
        func block(_ height: Int) -> UnsafeMutablePointer<Float> {
            let p = NetworkWorkspace.allocateLines(Float.self, count: max(height, 1) * s)
            p.initialize(repeating: 0, count: max(height, 1) * s)
            return p
        }
        let layers = network.layers
        input = block(network.inputDimension)
        targets = block(network.outputDimension)
        outputs = layers.map { block($0.outputs) }
        deltas = layers.map { block($0.outputs) }
        blocks = [input, targets] + outputs + deltas
        var offsets: [Int] = []
        var off = 0
        for l in layers {
            offsets.append(off)
            off += l.weights.storage.count
            offsets.append(off)
            off += l.bias.count
        }
        tensorOffsets = offsets
        parameterCount = off
        gradients = NetworkWorkspace.allocateLines(Float.self, count: max(off, 1))
        gradients.initialize(repeating: 0, count: max(off, 1))
        let chunks = StepPlan.chunks(rows: capacity)
        lossChunks = NetworkWorkspace.allocateLines(Double.self, count: chunks * NetworkWorkspace.lineDoubles)
        lossChunks.initialize(repeating: 0, count: chunks * NetworkWorkspace.lineDoubles)
    }

    /// Doubles in a cache line: each loss chunk has a line of its own.
    static let lineDoubles = 8

    /// Memory for `count` values starting on a 64-byte cache line. With the stride a
    /// multiple of 16 floats and the threads' ranges starting on multiples of 16, no cache
    /// line is written by two threads in one phase of a step (no false sharing).
    static func allocateLines<T>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<T>.stride, alignment: 64)
            .bindMemory(to: T.self, capacity: count)
    }

    deinit {
        for b in blocks { b.deallocate() }
        gradients.deallocate()
        lossChunks.deallocate()
    }

    /// Copies `rows` row-major input rows into `input`, feature-major.
    func loadInputs(_ x: UnsafePointer<Float>, rows: Int) {
        Matrix.transpose(
            x, rows: rows, columns: inputDimension, stride: inputDimension, into: input, destinationStride: stride)
    }

    /// Copies `rows` row-major target rows into `targets`, feature-major.
    func loadTargets(_ y: UnsafePointer<Float>, rows: Int) {
        Matrix.transpose(
            y, rows: rows, columns: outputDimension, stride: outputDimension, into: targets, destinationStride: stride)
    }
}
