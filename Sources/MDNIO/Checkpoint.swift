import Foundation
import MDNCore

/// A trained model on disk: the network's tensors plus what is needed to use them (model
/// kind, widths, K, D, the data normalisation, column names) and how it was trained
/// (preset, epochs, seed), stored as a safetensors file whose `__metadata__` holds the
/// fields below as strings. Python's `safetensors` loads it directly.
///
/// Metadata keys: `format` ("mdnx-checkpoint/1"), `mdnx_version`, `kind` ("mse"/"mdn"),
/// `hidden` (JSON list), `mixtures` (mdn only), `input_dimension`, `output_dimension`,
/// `preset`, `epochs`, `seed`, `normalizer` (JSON), `x_names`, `y_names` (JSON lists); any
/// other keys are kept in `extra`, among them `validation_rmse` (an mse model's predictive
/// sigma, see `Predictor`) and `mixtures_auto`, `mixtures_best`, `mixtures_ladder` (K chosen
/// by `mdnx train --mixtures auto`).
public struct Checkpoint: Sendable, Equatable {
    /// The format tag written to and required in `format`.
    public static let format = "mdnx-checkpoint/1"
    /// The version string this build writes into `mdnx_version`.
    public static let writerVersion = "0.1.0"

    /// mse or mdn.
    public var kind: ModelKind
    /// Hidden layer widths.
    public var hidden: [Int]
    /// Mixture components K (mdn; nil for mse).
    public var mixtures: Int?
    /// Input dimension.
    public var inputDimension: Int
    /// Target dimension D.
    public var outputDimension: Int
    /// Training preset name ("tutorial", "default", ...).
    public var preset: String
    /// Epochs trained.
    public var epochs: Int
    /// The seed of the run.
    public var seed: UInt64
    /// The normalisation the network was trained in (identity if none).
    public var normalizer: Normalizer
    /// Input column names.
    public var xNames: [String]
    /// Target column names.
    public var yNames: [String]
    /// The mdnx version that wrote the file.
    public var mdnxVersion: String
    /// Other metadata, kept as is (final losses, data source, ...).
    public var extra: [String: String]
    /// The network parameters.
    public var tensors: [NamedTensor]

    /// A checkpoint; names default to x, y (x1.., y1.. for several columns).
    public init(
        kind: ModelKind, hidden: [Int], mixtures: Int?, inputDimension: Int = 1, outputDimension: Int = 1,
        preset: String, epochs: Int, seed: UInt64, normalizer: Normalizer? = nil,
        xNames: [String]? = nil, yNames: [String]? = nil, mdnxVersion: String = Checkpoint.writerVersion,
        extra: [String: String] = [:], tensors: [NamedTensor]
    ) {
        precondition(kind == .mse || (mixtures ?? 0) >= 1, "an mdn checkpoint needs mixtures >= 1")
        self.kind = kind
        self.hidden = hidden
        self.mixtures = kind == .mdn ? mixtures : nil
        self.inputDimension = inputDimension
        self.outputDimension = outputDimension
        self.preset = preset
        self.epochs = epochs
        self.seed = seed
        self.normalizer = normalizer ?? .identity(inputDimension: inputDimension, outputDimension: outputDimension)
        let names = Dataset(x: [], y: [], inputDimension: inputDimension, outputDimension: outputDimension)
        self.xNames = xNames ?? names.xNames
        self.yNames = yNames ?? names.yNames
        self.mdnxVersion = mdnxVersion
        self.extra = extra
        self.tensors = tensors
    }

    /// The mixture layout of the network's output (mdn only).
    public var layout: MixtureLayout? {
        guard kind == .mdn, let k = mixtures else { return nil }
        return MixtureLayout(components: k, dimension: outputDimension)
    }

    /// The safetensors metadata map for this checkpoint.
    public var metadata: [String: String] {
        var m = extra
        m["format"] = Checkpoint.format
        m["mdnx_version"] = mdnxVersion
        m["kind"] = kind.rawValue
        m["hidden"] = Checkpoint.json(hidden)
        if let k = mixtures { m["mixtures"] = String(k) }
        m["input_dimension"] = String(inputDimension)
        m["output_dimension"] = String(outputDimension)
        m["preset"] = preset
        m["epochs"] = String(epochs)
        m["seed"] = String(seed)
        m["normalizer"] = normalizer.jsonString()
        m["x_names"] = Checkpoint.json(xNames)
        m["y_names"] = Checkpoint.json(yNames)
        return m
    }

    /// Writes the checkpoint to `path` atomically (no-clobber unless `overwrite`).
    public func save(to path: String, overwrite: Bool = false) throws(CheckpointError) {
        try SafeTensors.write(
            SafeTensors.Contents(tensors: tensors, metadata: metadata), to: path, overwrite: overwrite)
    }

    /// Reads and validates the checkpoint at `path`.
    public static func load(path: String) throws(CheckpointError) -> Checkpoint {
        let contents = try SafeTensors.read(path: path)
        return try Checkpoint(contents: contents, path: path)
    }

    /// A checkpoint from decoded safetensors contents; `path` is used in error messages.
    public init(contents: SafeTensors.Contents, path: String) throws(CheckpointError) {
        let m = contents.metadata
        func fail(_ reason: String) -> CheckpointError { .notACheckpoint(path: path, reason: reason) }
        guard let format = m["format"] else {
            throw fail("no mdnx metadata (the 'format' key is missing); checkpoints come from mdnx train")
        }
        guard format == Checkpoint.format else {
            throw fail("format '\(format)' is not '\(Checkpoint.format)' (written by a newer or different program?)")
        }
        func value(_ key: String) throws(CheckpointError) -> String {
            guard let v = m[key] else { throw fail("metadata key '\(key)' is missing") }
            return v
        }
        func int(_ key: String, minimum: Int) throws(CheckpointError) -> Int {
            let text = try value(key)
            guard let v = Int(text), v >= minimum else {
                throw fail("metadata '\(key)' is '\(text)', expected an integer >= \(minimum)")
            }
            return v
        }
        func strings(_ key: String, count: Int) throws(CheckpointError) -> [String] {
            let text = try value(key)
            guard let list = try? JSONDecoder().decode([String].self, from: Data(text.utf8)), list.count == count else {
                throw fail(
                    "metadata '\(key)' is '\(text)', expected a JSON list of \(count) name\(count == 1 ? "" : "s")")
            }
            return list
        }
        let kindText = try value("kind")
        guard let kind = ModelKind(rawValue: kindText) else {
            throw fail("metadata 'kind' is '\(kindText)', expected mse or mdn")
        }
        let hiddenText = try value("hidden")
        guard let hidden = try? JSONDecoder().decode([Int].self, from: Data(hiddenText.utf8)),
            hidden.allSatisfy({ $0 >= 1 })
        else {
            throw fail("metadata 'hidden' is '\(hiddenText)', expected a JSON list of positive widths")
        }
        let mixtures = kind == .mdn ? try int("mixtures", minimum: 1) : nil
        let inputDimension = try int("input_dimension", minimum: 1)
        let outputDimension = try int("output_dimension", minimum: 1)
        let epochs = try int("epochs", minimum: 0)
        let seedText = try value("seed")
        guard let seed = UInt64(seedText) else {
            throw fail("metadata 'seed' is '\(seedText)', expected an unsigned integer")
        }
        let normalizerText = try value("normalizer")
        guard let normalizer = Normalizer(json: normalizerText),
            normalizer.inputDimension == inputDimension, normalizer.outputDimension == outputDimension
        else {
            throw fail(
                "metadata 'normalizer' is not a valid normaliser for \(inputDimension) input and "
                    + "\(outputDimension) target column\(outputDimension == 1 ? "" : "s")")
        }
        let xNames = try strings("x_names", count: inputDimension)
        let yNames = try strings("y_names", count: outputDimension)
        let known: Set<String> = [
            "format", "mdnx_version", "kind", "hidden", "mixtures", "input_dimension",
            "output_dimension", "preset", "epochs", "seed", "normalizer", "x_names", "y_names",
        ]
        self.init(
            kind: kind, hidden: hidden, mixtures: mixtures, inputDimension: inputDimension,
            outputDimension: outputDimension, preset: try value("preset"), epochs: epochs, seed: seed,
            normalizer: normalizer, xNames: xNames, yNames: yNames, mdnxVersion: try value("mdnx_version"),
            extra: m.filter { !known.contains($0.key) }, tensors: contents.tensors)
    }

    private static func json<T: Encodable>(_ value: T) -> String {
        String(decoding: try! JSONEncoder().encode(value), as: UTF8.self)
    }
}
