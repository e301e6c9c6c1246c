import Foundation
import MDNCoreTestSupport
import Testing

@testable import MDNCore
@testable import MDNIO

@Suite struct TrainingRecordingTests {
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("recording-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    /// A small network (1-8-out).
    static func network(_ kind: ModelKind, seed: UInt64) -> Network {
        var rng = SeededRNG(seed: seed)
        return Network(kind: kind, hidden: [8], mixtures: 3, rng: &rng)
    }

    /// A timeline of `epochs` epochs; epoch e's first weight is e / 8 (exact in half precision)
    /// and its other weights move by e / 64.
    static func timeline(_ kind: ModelKind, epochs: Int, normalizer: Normalizer = .identity()) -> ModelTimeline {
        let template = network(kind, seed: kind == .mse ? 1 : 2)
        var t = ModelTimeline(template: template, normalizer: normalizer, monitor: .valLoss, generation: 1)
        for e in 1...epochs {
            var net = template
            net.withParameterBuffers { _, w in for i in 0..<w.count { w[i] += Float(e) / 64 } }
            net.trunk.layers[0].weights.storage[0] = Float(e) / 8
            t.record(
                EpochReport(
                    epoch: e, loss: 1 / Double(e), valLoss: e % 2 == 0 ? 2 / Double(e) : nil,
                    learningRate: 1e-3 / Float(e), milliseconds: Double(e)),
                weights: HalfWeights(net))
        }
        return t
    }

    static func recording() -> TrainingRecording {
        var history = TrainingHistory()
        history.begin(timeline(.mse, epochs: 4))
        history.begin(
            timeline(.mdn, epochs: 6, normalizer: Normalizer(xMean: [1], xStd: [2], yMean: [-1], yStd: [0.5])))
        history.finish(.mse, .maxEpochs, restoredEpoch: nil)
        history.finish(.mdn, .earlyStopping, restoredEpoch: 5)
        return TrainingRecording(
            history: history, x: [0, 1, 2.5], y: [3, -4, 0.125], dataName: "spiral", xName: "age", yName: "höhe",
            equalAspect: true, seed: 7, preset: "tutorial")
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    @Test func roundTripKeepsEveryEpoch() throws {
        let r = Self.recording()
        try r.save(to: path("r.safetensors"))
        let back = try TrainingRecording.load(path: path("r.safetensors"))
        #expect(back.x == r.x && back.y == r.y)
        #expect(back.dataName == "spiral" && back.xName == "age" && back.yName == "höhe")
        #expect(back.equalAspect && back.seed == 7 && back.preset == "tutorial")
        for kind in ModelKind.allCases {
            let a = try #require(r.history[kind])
            let b = try #require(back.history[kind])
            #expect(b.template == a.template && b.normalizer == a.normalizer)
            #expect(b.monitor == a.monitor && b.generation == 1)
            #expect(b.stopReason == a.stopReason && b.restoredEpoch == a.restoredEpoch)
            #expect(b.count == a.count)
            for (x, y) in zip(a.entries, b.entries) {
                // Weights are half-precision values: exact in F32.
                #expect(x.weights == y.weights)
                #expect(y.report.epoch == x.report.epoch)
                // Losses are stored as F32.
                #expect(Float(y.report.loss) == Float(x.report.loss))
                #expect(y.report.valLoss.map(Float.init) == x.report.valLoss.map(Float.init))
                #expect(y.report.learningRate == x.report.learningRate)
                #expect(y.report.milliseconds == x.report.milliseconds)
            }
        }
        #expect(back.history.mdn?.restoredEpoch == 5)
    }

    @Test("the weights are stored as F16 (two bytes a value), everything else as F32")
    func weightsAreHalfPrecisionOnDisk() throws {
        let r = Self.recording()
        try r.save(to: path("h.safetensors"))
        let contents = try SafeTensors.read(path: path("h.safetensors"))
        #expect(contents.halfPrecision == ["mse.weights", "mdn.weights"])
        let bytes = try FileManager.default.attributesOfItem(atPath: path("h.safetensors"))[.size] as? Int ?? 0
        let weights = ModelKind.allCases.reduce(0) { n, kind in
            n + (r.history[kind]?.entries.filter { $0.weights != nil }.count ?? 0)
                * (r.history[kind]?.template.parameterCount ?? 0)
        }
        let asF32 = try SafeTensors.encode(SafeTensors.Contents(tensors: contents.tensors, metadata: contents.metadata))
        #expect(asF32.count - bytes == 2 * weights, "F16 saves two bytes per weight")
    }

    @Test func isNoClobberUnlessOverwriting() throws {
        let p = path("r.safetensors")
        try "mine".write(toFile: p, atomically: false, encoding: .utf8)
        #expect(throws: CheckpointError.write(.exists(path: p))) { try Self.recording().save(to: p) }
        #expect(try String(contentsOfFile: p, encoding: .utf8) == "mine")
        try Self.recording().save(to: p, overwrite: true)
        #expect(try TrainingRecording.load(path: p).history.epochCount == 6)
    }

    /// Contents with one change, decoded; the error's one-line description.
    func error(_ change: (inout SafeTensors.Contents) -> Void) -> String {
        var c = Self.recording().contents
        change(&c)
        do {
            _ = try TrainingRecording(contents: c, path: "r.safetensors")
            return "no error"
        } catch {
            return error.description
        }
    }

    static func replacing(_ name: String, shape: [Int], values: [Float]) -> (inout SafeTensors.Contents) -> Void {
        { c in
            if let i = c.tensors.firstIndex(where: { $0.name == name }) {
                c.tensors[i] = NamedTensor(name: name, shape: shape, values: values)
            }
        }
    }

    @Test func malformedRecordingsGetOneLineErrors() {
        let prefix = "r.safetensors: not an mdnx training recording: "
        #expect(error { $0.metadata["format"] = nil } == prefix + "metadata key 'format' is missing")
        #expect(
            error { $0.metadata["format"] = "mdnx-checkpoint/1" }
                == prefix + "format \"mdnx-checkpoint/1\" is not 'mdnx-history/1' (mdnx train --history writes them)")
        #expect(
            error { $0.metadata["models"] = "[\"mdn\",\"mdn\"]" }
                == prefix + "metadata 'models' is \"[\\\"mdn\\\",\\\"mdn\\\"]\", expected a JSON list of mse and/or mdn"
        )
        #expect(
            error { $0.metadata["models"] = "[\"gan\"]" } == prefix
                + "metadata 'models' names \"gan\"; models are mse and mdn")
        #expect(
            error { $0.metadata["mdn.epochs"] = "999999999" }
                == prefix + "metadata 'mdn.epochs' is \"999999999\", expected an integer in 0...100000")
        #expect(
            error { $0.metadata["mse.epochs"] = "5" } == prefix + "tensor 'mse.loss' has shape [4], expected [5]")
        #expect(
            error(Self.replacing("mse.weight_epochs", shape: [4], values: [1, 3, 2, 4]))
                == prefix + "mse.weight_epochs must increase within 1...4; entry 2 is 2.0")
        let count = Self.network(.mse, seed: 1).parameterCount
        #expect(
            error(
                Self.replacing(
                    "mse.weights", shape: [4, count], values: [.nan] + .init(repeating: 0, count: 4 * count - 1)))
                == prefix + "mse.weights holds non-finite values")
        #expect(
            error(Self.replacing("mse.weights", shape: [3, count], values: .init(repeating: 0, count: 3 * count)))
                == prefix + "tensor 'mse.weights' has shape [3, \(count)], expected [4, \(count)]")
        #expect(
            error { $0.tensors.removeAll { $0.name == "mdn.template.head.bias" } }.hasPrefix(
                prefix + "the mdn template: "))
        #expect(
            error(Self.replacing("data.y", shape: [2], values: [1, 2]))
                == prefix + "data.x has 3 values and data.y 2; they must match")
        #expect(
            error { $0.metadata["mdn.stop_reason"] = "bored\u{1B}[2J" }
                == prefix + "metadata 'mdn.stop_reason' is \"bored\\u{1B}[2J\", not a stop reason")
        #expect(error { $0.metadata["mdn.monitor"] = "accuracy" }.contains("expected loss or val_loss"))
        #expect(
            !error { $0.metadata["seed"] = String(repeating: "9", count: 500) }.contains(
                "99999999999999999999999999999999999999999999"))
    }

    @Test func notARecordingAtAll() throws {
        let csv = path("data.csv")
        try "x,y\n1,2\n".write(toFile: csv, atomically: false, encoding: .utf8)
        #expect(throws: TrainingRecordingError.self) { try TrainingRecording.load(path: csv) }
        #expect(throws: TrainingRecordingError.file(.noSuchFile(path: path("none")))) {
            try TrainingRecording.load(path: path("none"))
        }
        // A checkpoint is a safetensors file but not a recording.
        let net = Self.network(.mdn, seed: 3)
        let checkpoint = path("model.safetensors")
        try Checkpoint(network: net, preset: "default", epochs: 1, seed: 1).save(to: checkpoint)
        do {
            _ = try TrainingRecording.load(path: checkpoint)
            Issue.record("a checkpoint loaded as a recording")
        } catch {
            #expect(error.description.contains("format \"mdnx-checkpoint/1\" is not 'mdnx-history/1'"))
        }
    }

    /// Python's safetensors reads the file: tensor names, shapes and values as documented.
    @Test(
        .enabled(
            if: Python.hasSafetensors || Python.isCI,
            "needs python3 with safetensors and numpy (.ci/setup installs them; with CI set this fails instead)"))
    func pythonReadsTheDocumentedLayout() throws {
        try #require(Python.hasSafetensors, "python3 with safetensors + numpy is required when CI is set")
        let p = path("r.safetensors")
        try Self.recording().save(to: p)
        let script = """
            import sys, json, math
            from safetensors.numpy import load_file
            from safetensors import safe_open
            t = load_file(sys.argv[1])
            with safe_open(sys.argv[1], "np") as f:
                meta = f.metadata()
            print(json.dumps({"format": meta["format"], "models": json.loads(meta["models"]),
                "mdn_weights": list(t["mdn.weights"].shape), "mdn_epochs": t["mdn.weight_epochs"].tolist(),
                "first": float(t["mdn.weights"][2][0]), "val": [None if math.isnan(v) else v for v in t["mse.val_loss"].tolist()],
                "x": t["data.x"].tolist()}))
            """
        let r = Python.run(script, arguments: [p])
        try #require(r.status == 0, "python failed: \(r.error)")
        struct Report: Decodable {
            let format: String
            let models: [String]
            let mdnWeights: [Int]
            let mdnEpochs: [Float]
            let first: Float
            let val: [Float?]
            let x: [Float]
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let report = try decoder.decode(Report.self, from: Data(r.output.utf8))
        #expect(report.format == "mdnx-history/1" && report.models == ["mse", "mdn"])
        #expect(report.mdnWeights == [6, Self.network(.mdn, seed: 2).parameterCount])
        #expect(report.mdnEpochs == [1, 2, 3, 4, 5, 6])
        // Epoch 3's first weight is 3 / 8, exactly.
        #expect(report.first == 0.375)
        #expect(report.val == [nil, 1, nil, 0.5])
        #expect(report.x == [0, 1, 2.5])
    }
}
