import Foundation
import MDNCore
import SafeIO
import SafeText

/// A recorded training on disk (`mdnx train --history FILE`): the `TrainingHistory` (every
/// epoch's losses, learning rate and weights of each model) with the data it was trained on,
/// so that `mdnx plot --animate` can redraw any epoch without the original files.
///
/// The file is a safetensors file (Python's `safetensors` loads it). Tensors, F32 except
/// the weights (F16):
/// - `data.x`, `data.y` `[n]`: the training data, in the data's units;
/// - per model `m` (`mse`, `mdn`): `m.template.<name>` (the network before training, as in a
///   checkpoint: `trunk.i.kernel`, `trunk.i.bias`, `head.kernel`, `head.bias`);
///   `m.weights` `[kept, parameters]` (each kept epoch's weights, F16, in
///   `Network.withParameterBuffers` order; files written before F16 hold them widened
///   exactly to F32, and read the same); `m.weight_epochs`
///   `[kept]` (their epochs, increasing); `m.loss`, `m.val_loss` (NaN: not measured),
///   `m.learning_rate`, `m.milliseconds` `[epochs]` (losses in the training units).
///
/// Metadata: `format` ("mdnx-history/1"), `mdnx_version`, `models` (JSON list), `data_name`,
/// `x_name`, `y_name`, `equal_aspect` ("true"/"false"), `seed`, `preset`, and per model
/// `m.epochs`, `m.mixtures` (mdn), `m.normalizer` (JSON, as in checkpoints), `m.monitor`,
/// `m.generation`, `m.stop_reason` and `m.restored_epoch` (when training ended).
///
/// Reading is strict and bounded: the file at most `maximumBytes`, at most `maximumEpochs`
/// epochs per model, shapes that agree with each other and with the template, finite
/// weights. Epochs without kept weights (a thinned recording) take the nearest earlier
/// kept epoch's, as `ModelTimeline.network(atEpoch:)` does.
public struct TrainingRecording: Sendable, Equatable {
    /// The format tag written to and required in `format`.
    public static let format = "mdnx-history/1"
    /// Largest file read: 1 GiB (the default preset's full run on the spiral is ~80 MB).
    public static let maximumBytes = 1 << 30
    /// Most epochs per model read.
    public static let maximumEpochs = 100_000
    /// Most data rows read.
    public static let maximumRows = 10_000_000

    /// The recorded models.
    public var history: TrainingHistory
    /// The data's x values (one column), in the data's units.
    public var x: [Float]
    /// The data's y values (one column), in the data's units.
    public var y: [Float]
    /// The data's name for titles ("spiral", a CSV file name).
    public var dataName: String
    /// Column names.
    public var xName: String
    /// Column names.
    public var yName: String
    /// x and y share a unit (the built-in spiral): plots keep their aspect.
    public var equalAspect: Bool
    /// The run's seed.
    public var seed: UInt64
    /// The preset's name.
    public var preset: String

    /// A recording.
    public init(
        history: TrainingHistory, x: [Float], y: [Float], dataName: String, xName: String = "x", yName: String = "y",
        equalAspect: Bool = false, seed: UInt64 = 42, preset: String = "default"
    ) {
        precondition(x.count == y.count, "a recording's data needs one y per x")
        self.history = history
        self.x = x
        self.y = y
        self.dataName = dataName
        self.xName = xName
        self.yName = yName
        self.equalAspect = equalAspect
        self.seed = seed
        self.preset = preset
    }

    // MARK: - Writing

    /// The safetensors contents of this recording.
    public var contents: SafeTensors.Contents {
        var tensors = [
            NamedTensor(name: "data.x", shape: [x.count], values: x),
            NamedTensor(name: "data.y", shape: [y.count], values: y),
        ]
        var m: [String: String] = [
            "format": Self.format, "mdnx_version": Checkpoint.writerVersion, "data_name": dataName,
            "x_name": xName, "y_name": yName, "equal_aspect": equalAspect ? "true" : "false", "seed": String(seed),
            "preset": preset,
        ]
        var models: [String] = []
        for timeline in [history.mse, history.mdn].compactMap({ $0 }) {
            let p = timeline.kind.rawValue
            models.append(p)
            tensors += timeline.template.namedTensors().map {
                NamedTensor(name: "\(p).template.\($0.name)", shape: $0.shape, values: $0.values)
            }
            let kept = timeline.entries.filter { $0.weights != nil }
            let count = timeline.template.parameterCount
            tensors.append(
                NamedTensor(
                    name: "\(p).weights", shape: [kept.count, count],
                    values: kept.flatMap { $0.weights!.values.map(Float.init) }))
            tensors.append(
                NamedTensor(
                    name: "\(p).weight_epochs", shape: [kept.count], values: kept.map { Float($0.report.epoch) }))
            let reports = timeline.entries.map(\.report)
            let columns: [(String, (EpochReport) -> Float)] = [
                ("loss", { Float($0.loss) }), ("val_loss", { $0.valLoss.map(Float.init) ?? .nan }),
                ("learning_rate", { $0.learningRate }), ("milliseconds", { Float($0.milliseconds) }),
            ]
            for (name, value) in columns {
                tensors.append(NamedTensor(name: "\(p).\(name)", shape: [reports.count], values: reports.map(value)))
            }
            m["\(p).epochs"] = String(reports.count)
            if let k = timeline.mixtures { m["\(p).mixtures"] = String(k) }
            m["\(p).normalizer"] = timeline.normalizer.jsonString()
            m["\(p).monitor"] = timeline.monitor.rawValue
            m["\(p).generation"] = String(timeline.generation)
            if let reason = timeline.stopReason { m["\(p).stop_reason"] = reason.rawValue }
            if let e = timeline.restoredEpoch { m["\(p).restored_epoch"] = String(e) }
        }
        m["models"] = "[" + models.map { "\"\($0)\"" }.joined(separator: ",") + "]"
        // The kept weights are half-precision numbers already: F16 on disk, half the bytes.
        return SafeTensors.Contents(
            tensors: tensors, metadata: m, halfPrecision: Set(models.map { "\($0).weights" }))
    }

    /// Writes the recording to `path` atomically (no-clobber unless `overwrite`).
    public func save(to path: String, overwrite: Bool = false) throws(CheckpointError) {
        try SafeTensors.write(contents, to: path, overwrite: overwrite)
    }

    // MARK: - Reading

    /// Reads and validates the recording at `path`.
    public static func load(path: String) throws(TrainingRecordingError) -> TrainingRecording {
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) > maximumBytes {
            throw .notARecording(
                path: path, reason: "the file has \(info.st_size) bytes; a recording has at most \(maximumBytes)")
        }
        let contents: SafeTensors.Contents
        do { contents = try SafeTensors.read(path: path) } catch { throw .file(error) }
        return try TrainingRecording(contents: contents, path: path)
    }

    /// A recording from decoded safetensors contents; `path` names the file in errors.
    public init(contents: SafeTensors.Contents, path: String) throws(TrainingRecordingError) {
        let reader = RecordingReader(contents: contents, path: path)
        let format = try reader.value("format")
        guard format == Self.format else {
            throw reader.fail(
                "format \(RecordingReader.shown(format)) is not '\(Self.format)' (mdnx train --history writes them)")
        }
        let x = try reader.vector("data.x", maximum: Self.maximumRows)
        let y = try reader.vector("data.y", maximum: Self.maximumRows)
        guard x.count == y.count else {
            throw reader.fail("data.x has \(x.count) values and data.y \(y.count); they must match")
        }
        let models = try reader.models()
        var history = TrainingHistory(byteBudget: Int.max / 2)
        for kind in models { try reader.timeline(kind, into: &history) }
        let seedText = try reader.value("seed")
        guard let seed = UInt64(seedText) else {
            throw reader.fail("metadata 'seed' is \(RecordingReader.shown(seedText)), expected an unsigned integer")
        }
        self.init(
            history: history, x: x, y: y, dataName: try reader.value("data_name"), xName: try reader.value("x_name"),
            yName: try reader.value("y_name"), equalAspect: try reader.value("equal_aspect") == "true", seed: seed,
            preset: try reader.value("preset"))
    }
}

/// Why a recorded training could not be read; one line naming the file and the problem.
public enum TrainingRecordingError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The safetensors container could not be read (missing, unreadable, malformed).
    case file(CheckpointError)
    /// A valid safetensors file that is not a usable recording.
    case notARecording(path: String, reason: String)

    public var description: String {
        switch self {
        case .file(let e): return e.description
        case .notARecording(let path, let reason):
            return "\(SafeText.path(path)): not an mdnx training recording: \(SafeText.line(reason))"
        }
    }
}

/// Checked access to a recording's tensors and metadata.
struct RecordingReader {
    let contents: SafeTensors.Contents
    let path: String

    /// The error for `reason`.
    func fail(_ reason: String) -> TrainingRecordingError { .notARecording(path: path, reason: reason) }

    /// `text` quoted for a message: control characters escaped, cut after 40 characters.
    static func shown(_ text: String) -> String {
        let cut = text.count > 40 ? String(text.prefix(40)) + "..." : text
        return String(reflecting: cut)
    }

    /// The metadata value of `key`.
    func value(_ key: String) throws(TrainingRecordingError) -> String {
        guard let v = contents.metadata[key] else { throw fail("metadata key '\(key)' is missing") }
        return v
    }

    /// The integer metadata value of `key`, in `range`.
    func int(_ key: String, in range: ClosedRange<Int>) throws(TrainingRecordingError) -> Int {
        let text = try value(key)
        guard let v = Int(text), range.contains(v) else {
            throw fail("metadata '\(key)' is \(Self.shown(text)), expected an integer in \(range)")
        }
        return v
    }

    /// The tensor `name`, which must exist with `shape`.
    func tensor(_ name: String, shape: [Int]) throws(TrainingRecordingError) -> [Float] {
        guard let t = contents[name] else { throw fail("tensor '\(name)' is missing") }
        guard t.shape == shape else { throw fail("tensor '\(name)' has shape \(t.shape), expected \(shape)") }
        return t.values
    }

    /// The one-dimensional tensor `name`, with at most `maximum` values.
    func vector(_ name: String, maximum: Int) throws(TrainingRecordingError) -> [Float] {
        guard let t = contents[name] else { throw fail("tensor '\(name)' is missing") }
        guard t.shape.count == 1, t.shape[0] <= maximum else {
            throw fail("tensor '\(name)' has shape \(t.shape), expected one dimension of at most \(maximum)")
        }
        return t.values
    }

    /// The `models` list: mse and/or mdn, each once, at least one.
    func models() throws(TrainingRecordingError) -> [ModelKind] {
        let text = try value("models")
        guard let names = try? JSONDecoder().decode([String].self, from: Data(text.utf8)), !names.isEmpty,
            Set(names).count == names.count
        else { throw fail("metadata 'models' is \(Self.shown(text)), expected a JSON list of mse and/or mdn") }
        var kinds: [ModelKind] = []
        for name in names {
            guard let kind = ModelKind(rawValue: name) else {
                throw fail("metadata 'models' names \(Self.shown(name)); models are mse and mdn")
            }
            kinds.append(kind)
        }
        return kinds
    }

    /// Reads model `kind`'s timeline and begins, records and finishes it in `history`.
    func timeline(_ kind: ModelKind, into history: inout TrainingHistory) throws(TrainingRecordingError) {
        let p = kind.rawValue
        let epochs = try int("\(p).epochs", in: 0...TrainingRecording.maximumEpochs)
        let mixtures = kind == .mdn ? try int("\(p).mixtures", in: 1...10_000) : 1
        let prefix = "\(p).template."
        let templateTensors = contents.tensors.filter { $0.name.hasPrefix(prefix) }.map {
            NamedTensor(name: String($0.name.dropFirst(prefix.count)), shape: $0.shape, values: $0.values)
        }
        let template: Network
        do {
            template = try Network(kind: kind, outputDimension: 1, mixtures: mixtures, tensors: templateTensors)
        } catch {
            throw fail("the \(p) template: \(error.description)")
        }
        guard template.inputDimension == 1 else {
            throw fail("the \(p) template takes \(template.inputDimension) inputs; a recording has one x")
        }
        let normalizerText = try value("\(p).normalizer")
        guard let normalizer = Normalizer(json: normalizerText), normalizer.inputDimension == 1,
            normalizer.outputDimension == 1
        else { throw fail("metadata '\(p).normalizer' is not a normaliser for one x and one y") }
        let monitorText = try value("\(p).monitor")
        guard let monitor = Monitor(rawValue: monitorText) else {
            throw fail("metadata '\(p).monitor' is \(Self.shown(monitorText)), expected loss or val_loss")
        }
        let generation = try int("\(p).generation", in: 0...Int(Int32.max))
        let loss = try tensor("\(p).loss", shape: [epochs])
        let valLoss = try tensor("\(p).val_loss", shape: [epochs])
        let rates = try tensor("\(p).learning_rate", shape: [epochs])
        let milliseconds = try tensor("\(p).milliseconds", shape: [epochs])
        let keptEpochs = try vector("\(p).weight_epochs", maximum: epochs)
        let count = template.parameterCount
        let weights = try tensor("\(p).weights", shape: [keptEpochs.count, count])
        guard weights.allSatisfy(\.isFinite) else { throw fail("\(p).weights holds non-finite values") }
        var previous = 0
        var kept: [Int: HalfWeights] = [:]
        for (i, value) in keptEpochs.enumerated() {
            let e = Int(exactly: value) ?? 0
            guard e > previous && e <= epochs else {
                throw fail("\(p).weight_epochs must increase within 1...\(epochs); entry \(i) is \(value)")
            }
            previous = e
            kept[e] = HalfWeights(values: weights[(i * count)..<((i + 1) * count)].map(Float16.init))
        }
        if epochs > 0 && kept.isEmpty { throw fail("\(p) has \(epochs) epochs but no weights") }
        history.begin(
            ModelTimeline(template: template, normalizer: normalizer, monitor: monitor, generation: generation))
        // Epochs before the first kept one start from the template.
        var current = HalfWeights(template)
        for i in 0..<epochs {
            if let w = kept[i + 1] { current = w }
            let report = EpochReport(
                epoch: i + 1, loss: Double(loss[i]), valLoss: valLoss[i].isNaN ? nil : Double(valLoss[i]),
                learningRate: rates[i], milliseconds: Double(milliseconds[i]))
            history.record(kind, report, weights: current)
        }
        if let reasonText = contents.metadata["\(p).stop_reason"] {
            guard let reason = StopReason(rawValue: reasonText) else {
                throw fail("metadata '\(p).stop_reason' is \(Self.shown(reasonText)), not a stop reason")
            }
            let restoredKey = "\(p).restored_epoch"
            let restored = contents.metadata[restoredKey] == nil ? nil : try int(restoredKey, in: 1...max(1, epochs))
            history.finish(kind, reason, restoredEpoch: restored)
        }
    }
}
