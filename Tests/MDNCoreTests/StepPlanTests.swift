import Testing

@testable import MDNCore

/// The pieces that make a step shared by threads give one thread's bits: the ranges, the
/// GEMM and the network on parts of a batch, and the optimizer on parts of a tensor.
@Suite struct StepPlanTests {
    @Test("shares cover the range in order, without overlap, with inner boundaries on the multiple")
    func sharesPartitionTheRange() {
        for length in [0, 1, 15, 16, 33, 60, 100, 128, 513] {
            for count in 1...5 {
                for multiple in [1, 4, 16] {
                    let parts = (0..<count).map { Dense.share($0, of: count, length: length, multiple: multiple) }
                    #expect(parts.first!.lowerBound == 0)
                    #expect(parts.last!.upperBound == length)
                    for i in parts.indices.dropFirst() {
                        #expect(parts[i - 1].upperBound == parts[i].lowerBound, "\(length) \(count) \(multiple)")
                    }
                    for p in parts.dropFirst() where !p.isEmpty {
                        #expect(p.lowerBound % multiple == 0)
                    }
                    #expect(parts.map(\.count).reduce(0, +) == length)
                }
            }
        }
    }

    @Test("a layer's parameter shares cover its kernel and bias, each starting on 16 values")
    func parameterSharesCoverTheTensors() {
        for (inputs, outputs) in [(1, 128), (128, 128), (128, 60), (128, 1), (40, 24), (24, 9), (7, 3)] {
            for count in 1...4 {
                var kernel = Set<Int>()
                var bias = Set<Int>()
                for t in 0..<count {
                    let (k, b) = Dense.parameterShare(t, of: count, inputs: inputs, outputs: outputs)
                    #expect(k.isEmpty || k.lowerBound % 16 == 0, "\(inputs)x\(outputs) share \(t) of \(count)")
                    #expect(b.isEmpty || b.lowerBound % 16 == 0)
                    #expect(k.isEmpty || inputs == 1 || k.lowerBound % outputs == 0, "whole kernel rows")
                    #expect(kernel.isDisjoint(with: k) && bias.isDisjoint(with: b))
                    kernel.formUnion(k)
                    bias.formUnion(b)
                }
                #expect(kernel == Set(0..<(inputs * outputs)))
                #expect(bias == Set(0..<outputs))
            }
        }
    }

    @Test("GEMM on column or row ranges starting on 16 gives the whole product's bits there")
    func gemmRangesAreBitIdentical() {
        let stride = 144
        for (m, n, k) in [(128, 128, 128), (60, 128, 128), (128, 100, 60), (1, 128, 128), (128, 48, 1), (37, 128, 5)] {
            for transposeB in [false, true] {
                let a = randomFloats(m * k, seed: UInt64(m * 7 + k))
                let b = randomFloats(max(k, n) * stride, seed: UInt64(n * 13 + k))
                let bias = randomFloats(m, seed: 99)
                func product(rows: Range<Int>, columns: Range<Int>) -> [Float] {
                    var c = [Float](repeating: .nan, count: m * stride)
                    a.withUnsafeBufferPointer { ap in
                        b.withUnsafeBufferPointer { bp in
                            bias.withUnsafeBufferPointer { bb in
                                c.withUnsafeMutableBufferPointer { cp in
                                    // B is k x n (stride apart) or, transposed, n x k.
                                    let bStart = transposeB ? columns.lowerBound * stride : columns.lowerBound
                                    GEMM.multiply(
                                        m: rows.count, n: columns.count, k: k, a: ap.baseAddress! + rows.lowerBound * k,
                                        lda: k, transposeA: false, b: bp.baseAddress! + bStart, ldb: stride,
                                        transposeB: transposeB,
                                        c: cp.baseAddress! + rows.lowerBound * stride + columns.lowerBound, ldc: stride,
                                        epilogue: .bias(bb.baseAddress! + rows.lowerBound, relu: true))
                                }
                            }
                        }
                    }
                    return c
                }
                let whole = product(rows: 0..<m, columns: 0..<n)
                for count in 2...3 {
                    var byColumns = [Float](repeating: .nan, count: m * stride)
                    var byRows = [Float](repeating: .nan, count: m * stride)
                    for t in 0..<count {
                        let cols = Dense.share(t, of: count, length: n, multiple: 16)
                        let rows = Dense.share(t, of: count, length: m, multiple: 1)
                        if !cols.isEmpty {
                            let part = product(rows: 0..<m, columns: cols)
                            for i in 0..<m { for j in cols { byColumns[i * stride + j] = part[i * stride + j] } }
                        }
                        if !rows.isEmpty {
                            let part = product(rows: rows, columns: 0..<n)
                            for i in rows { for j in 0..<n { byRows[i * stride + j] = part[i * stride + j] } }
                        }
                    }
                    for i in 0..<m {
                        for j in 0..<n {
                            let w = whole[i * stride + j].bitPattern
                            #expect(
                                byColumns[i * stride + j].bitPattern == w, "\(m)x\(n)x\(k) t\(transposeB) (\(i),\(j))")
                            #expect(byRows[i * stride + j].bitPattern == w, "\(m)x\(n)x\(k) t\(transposeB) (\(i),\(j))")
                        }
                    }
                }
            }
        }
    }

    @Test(
        "the network's step in column ranges and parameter shares gives the whole batch's gradients",
        arguments: [ModelKind.mse, .mdn])
    func networkPartsGiveTheWholeBatchsBits(kind: ModelKind) {
        var rng = SeededRNG(seed: 11)
        let net = Network(kind: kind, hidden: [40, 24], mixtures: 3, rng: &rng)
        let rows = 100
        let x = randomFloats(rows, seed: 1, scale: 3)
        let y = randomFloats(rows, seed: 2, scale: 3)
        func gradients(parts: Int) -> (gradients: [Float], loss: Double) {
            let ws = NetworkWorkspace(network: net, capacity: rows)
            x.withUnsafeBufferPointer { ws.loadInputs($0.baseAddress!, rows: rows) }
            y.withUnsafeBufferPointer { ws.loadTargets($0.baseAddress!, rows: rows) }
            for t in 0..<parts {
                StepPlan.deltas(
                    net, columns: StepPlan.columns(t, of: parts, rows: rows), batchRows: rows, workspace: ws)
            }
            for t in 0..<parts { net.weightGradients(rows: rows, share: t, of: parts, workspace: ws) }
            return (
                Array(UnsafeBufferPointer(start: ws.gradients, count: ws.parameterCount)),
                StepPlan.meanLoss(rows: rows, workspace: ws)
            )
        }
        let one = gradients(parts: 1)
        // Independently: the loss as the network's own mean over the batch.
        let ws = NetworkWorkspace(network: net, capacity: rows)
        x.withUnsafeBufferPointer { ws.loadInputs($0.baseAddress!, rows: rows) }
        y.withUnsafeBufferPointer { ws.loadTargets($0.baseAddress!, rows: rows) }
        let mean = net.loss(output: net.forward(rows: rows, workspace: ws), rows: rows, workspace: ws, gradient: nil)
        #expect(abs(one.loss - mean) <= 1e-12 * max(1, abs(mean)))
        for parts in 2...3 {
            let many = gradients(parts: parts)
            #expect(many.gradients.map(\.bitPattern) == one.gradients.map(\.bitPattern), "\(parts) parts")
            #expect(many.loss.bitPattern == one.loss.bitPattern)
        }
    }

    @Test("the optimizer's update on runs split anywhere gives the whole run's bits")
    func adamRunsAreBitIdentical() {
        let n = 61
        let g = randomFloats(n, seed: 5)
        var whole = Adam(parameterCount: n, learningRate: 1e-2)
        var split = whole
        var w1 = randomFloats(n, seed: 6)
        var w2 = w1
        var avg1 = [Float](repeating: 0.5, count: n)
        var avg2 = avg1
        for _ in 0..<3 {
            let alpha = whole.beginStep()
            _ = split.beginStep()
            let rule = whole.rule(alpha: alpha, momentum: 0.9)
            g.withUnsafeBufferPointer { gp in
                whole.withMoments { m, v in
                    rule.apply(&w1, count: n, gradient: gp.baseAddress!, m: m, v: v, average: &avg1)
                }
                split.withMoments { m, v in
                    w2.withUnsafeMutableBufferPointer { w in
                        avg2.withUnsafeMutableBufferPointer { a in
                            // Splits off the 8-value lanes too: a run's last values go through
                            // the same (masked) lanes.
                            for run in [0..<16, 16..<21, 21..<24, 24..<35, 35..<n] {
                                rule.apply(
                                    w.baseAddress! + run.lowerBound, count: run.count,
                                    gradient: gp.baseAddress! + run.lowerBound, m: m + run.lowerBound,
                                    v: v + run.lowerBound, average: a.baseAddress! + run.lowerBound)
                            }
                        }
                    }
                }
            }
        }
        #expect(w1.map(\.bitPattern) == w2.map(\.bitPattern))
        #expect(avg1.map(\.bitPattern) == avg2.map(\.bitPattern))
    }

    @Test("all parameter buffers at once are the network's tensors, and writes land in the network")
    func allParameterBuffersAreTheTensors() {
        var rng = SeededRNG(seed: 3)
        var net = Network(kind: .mdn, hidden: [8, 8], mixtures: 2, rng: &rng)
        let before = net.namedTensors().map(\.values)
        net.withAllParameterBuffers { buffers in
            #expect(buffers.map { Array($0) } == before)
            for b in buffers { for i in b.indices { b[i] += 1 } }
        }
        #expect(net.namedTensors().map(\.values) == before.map { $0.map { $0 + 1 } })
    }
}
