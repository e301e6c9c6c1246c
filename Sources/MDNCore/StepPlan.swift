/// How a training step is divided among threads so that its result does not depend on how
/// many there are.
///
/// A step has two phases. First each thread takes a range of the batch's columns (starting
/// on a multiple of 16): the forward pass, the loss and its gradient, and every layer's
/// dL/dz for those columns. No column's values depend on another column, and the GEMM and
/// the element-wise kernels compute each value by the same operations wherever the range
/// starts (a range that starts on a multiple of 16 meets the same SIMD lanes and the same
/// tail as the whole batch). Then, once every column is done, each thread takes a share of
/// every parameter tensor: its gradient (each value one whole sum over the batch, computed
/// as one thread would) and its Adam update (element-wise, from a 16-value boundary). The
/// batch loss is summed per 16 columns and the chunks are added in order. So every thread
/// count gives the bits of one thread (`StepPlanTests`, `TrainerTests` check it).
enum StepPlan {
    /// Columns whose losses are summed together before the chunks are added in order.
    static let lossChunk = 16
    /// The fewest columns worth a thread's share of the first phase.
    static let minimumColumns = 32

    /// Loss chunks of a batch of `rows` columns.
    static func chunks(rows: Int) -> Int { (rows + lossChunk - 1) / lossChunk }

    /// The most threads a batch of `rows` columns is divided among.
    static func maxParts(rows: Int) -> Int { max(1, rows / minimumColumns) }

    /// Part `t` of `parts` of the batch's columns (boundaries on multiples of 16).
    static func columns(_ t: Int, of parts: Int, rows: Int) -> Range<Int> {
        Dense.share(t, of: parts, length: rows, multiple: lossChunk)
    }

    /// The first phase for `columns` (which start on a multiple of `lossChunk`): forward
    /// pass, each chunk's summed loss into `ws.lossChunks`, and every layer's dL/dz, for a
    /// batch of `batchRows` rows.
    static func deltas(_ net: Network, columns: Range<Int>, batchRows: Int, workspace ws: NetworkWorkspace) {
        precondition(columns.lowerBound % lossChunk == 0, "a range of columns starts on a multiple of \(lossChunk)")
        if columns.isEmpty { return }
        net.forward(columns: columns, workspace: ws)
        _ = net.lossSum(
            columns: columns, batchRows: batchRows, workspace: ws,
            chunks: Loss.Chunks(
                sums: ws.lossChunks + columns.lowerBound / lossChunk * NetworkWorkspace.lineDoubles, rows: lossChunk,
                spacing: NetworkWorkspace.lineDoubles))
        net.backwardDeltas(columns: columns, workspace: ws)
    }

    /// Share `share` of `count` of every layer's parameter gradients (layers of `shapes`,
    /// input side first) into `ws.gradients`, summed over the batch's `rows` columns.
    static func weightGradients(
        shapes: [LayerShape], rows: Int, share: Int, of count: Int, workspace ws: NetworkWorkspace
    ) {
        for (i, l) in shapes.enumerated() {
            Dense.weightGradients(
                inputs: l.inputs, outputs: l.outputs, input: i == 0 ? ws.input : ws.outputs[i - 1], rows: rows,
                stride: ws.stride, gradZ: ws.deltas[i], gradWeights: ws.gradients + ws.tensorOffsets[2 * i],
                gradBias: ws.gradients + ws.tensorOffsets[2 * i + 1], share: share, of: count)
        }
    }

    /// The second phase for share `share` of `count`: the share's parameter gradients, then
    /// the optimizer's update of those parameters (and of their moving average).
    static func update(_ step: SharedStep, rows: Int, share: Int, of count: Int) {
        let ws = step.workspace
        weightGradients(shapes: step.shapes, rows: rows, share: share, of: count, workspace: ws)
        guard let p = step.parameters else { preconditionFailure("the second phase needs the parameters") }
        for (i, l) in step.shapes.enumerated() {
            let (kernel, bias) = Dense.parameterShare(share, of: count, inputs: l.inputs, outputs: l.outputs)
            for (t, run) in [(2 * i, kernel), (2 * i + 1, bias)] where !run.isEmpty {
                let at = ws.tensorOffsets[t] + run.lowerBound
                p.rule.apply(
                    p.weights[t].baseAddress! + run.lowerBound, count: run.count, gradient: ws.gradients + at,
                    m: p.m + at, v: p.v + at, average: p.average.map { $0 + at })
            }
        }
    }

    /// The batch's mean loss: its chunks' sums added in column order, over `rows`.
    static func meanLoss(rows: Int, workspace ws: NetworkWorkspace) -> Double {
        var total = 0.0
        for c in 0..<chunks(rows: rows) { total += ws.lossChunks[c * NetworkWorkspace.lineDoubles] }
        return total / Double(rows)
    }

    /// Runs `body(t)` for t in 0..<parts: part 0 here, the others posted to `workers` (a
    /// part no worker has started is run here too); returns when all have run.
    static func run(parts: Int, workers: [StepWorker], _ body: @escaping @Sendable (Int) -> Void) {
        precondition(parts >= 1 && parts - 1 <= workers.count, "\(parts) parts need \(parts - 1) workers")
        let jobs = (1..<parts).map { t in workers[t - 1].post { body(t) } }
        body(0)
        for job in jobs { job.finish() }
    }
}

/// What the threads that share a step work on: the workspace, the parameters, the
/// optimizer's moments and the moving average, and the step's update rule.
///
/// `@unchecked` because the compiler cannot see what makes it safe: these are raw pointers
/// (not Sendable) into memory the trainer owns and keeps open for the step. What does: in
/// each phase of a step (`StepPlan`) the threads write disjoint parts (their own columns
/// and loss chunks; then their own share of every gradient, parameter, moment and average
/// tensor) and read only what they or the previous phase wrote. The trainer's writes
/// before `post` (the gathered batch) reach a helper through the mutex that hands the job
/// over; a phase ends only when every job's `finish()` has returned, and the job's release
/// store of `done` and the acquire load in `finish()` order each job's writes before what
/// follows.
final class SharedStep: @unchecked Sendable {
    /// The parameters' memory and the update, for the second phase.
    struct Parameters {
        let weights: [UnsafeMutableBufferPointer<Float>]
        let m: UnsafeMutablePointer<Float>
        let v: UnsafeMutablePointer<Float>
        let average: UnsafeMutablePointer<Float>?
        let rule: Adam.Rule
    }

    let workspace: NetworkWorkspace
    let shapes: [LayerShape]
    /// Nil in the first phase.
    let parameters: Parameters?

    init(workspace: NetworkWorkspace, shapes: [LayerShape], parameters: Parameters? = nil) {
        self.workspace = workspace
        self.shapes = shapes
        self.parameters = parameters
    }
}

/// What the threads that share a validation pass work on: the network, the rows, a
/// workspace per thread and a sum per chunk.
///
/// `@unchecked` for the reason `SharedStep` is: the workspaces and the sums are reached
/// through references and pointers the compiler cannot check. Thread t uses only
/// `workspaces[t]` and writes only its own chunks' sums; the network and the rows are
/// values no thread changes; the hand-over and `finish()` order the writes as for a step.
final class SharedValidation: @unchecked Sendable {
    let network: Network
    let dataset: Dataset
    let workspaces: [NetworkWorkspace]
    let sums: UnsafeMutablePointer<Double>

    init(network: Network, dataset: Dataset, workspaces: [NetworkWorkspace], sums: UnsafeMutablePointer<Double>) {
        self.network = network
        self.dataset = dataset
        self.workspaces = workspaces
        self.sums = sums
    }
}
