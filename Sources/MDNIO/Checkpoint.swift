import Foundation
import MDNCore
import SafeText

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
        m["hidden"] = "[" + hidden.map(String.init).joined(separator: ",") + "]"
        if let k = mixtures { m["mixtures"] = String(k) }
        m["input_dimension"] = String(inputDimension)
        m["output_dimension"] = String(outputDimension)
        m["preset"] = preset
        m["epochs"] = String(epochs)
        m["seed"] = String(seed)
        m["normalizer"] = normalizer.jsonString()
        m["x_names"] = Checkpoint.jsonList(xNames)
        m["y_names"] = Checkpoint.jsonList(yNames)
        return m
    }

    /// Writes the checkpoint to `path` atomically (no-clobber unless `overwrite`). A model
    /// with a weight that is not finite (training diverged) is refused: nothing is written.
    public func save(to path: String, overwrite: Bool = false) throws(CheckpointError) {
        if let bad = tensors.first(where: { !$0.values.allSatisfy(\.isFinite) }) {
            throw .invalidContents(
                reason: "tensor \(SafeText.quoted(bad.name)) has values that are not finite (training diverged); "
                    + "\(SafeText.path(path)) was not written")
        }
        try SafeTensors.write(
            SafeTensors.Contents(tensors: tensors, metadata: metadata), to: path, overwrite: overwrite)
    }

    /// Reads and validates the checkpoint at `path`.
    public static func load(path: String) throws(CheckpointError) -> Checkpoint {
        let contents = try SafeTensors.read(path: path)
        return try Checkpoint(contents: contents, path: path)
    }

    /// Limits on the metadata, checked as it is read so that nothing derived from a file can
    /// overflow: mixtures within `MixtureLayout.componentRange`, dimensions within
    /// `MixtureLayout.dimensionRange`, hidden widths and layer counts below.
    public static let hiddenWidthRange: ClosedRange<Int> = 1...1_000_000
    /// The most hidden layers a checkpoint may declare.
    public static let maximumHiddenLayers = 1_000

    /// A checkpoint from decoded safetensors contents; `path` is used in error messages.
    public init(contents: SafeTensors.Contents, path: String) throws(CheckpointError) {
        let m = MetadataReader(metadata: contents.metadata, path: path)
        try m.checkFormat()
        let kind = try m.kind()
        let hidden = try m.hidden()
        let mixtures = kind == .mdn ? try m.int("mixtures", in: MixtureLayout.componentRange) : nil
        let inputDimension = try m.int("input_dimension", in: MixtureLayout.dimensionRange)
        let outputDimension = try m.int("output_dimension", in: MixtureLayout.dimensionRange)
        let epochs = try m.int("epochs", in: 0...Int.max)
        let seed = try m.seed()
        let normalizer = try m.normalizer(inputDimension: inputDimension, outputDimension: outputDimension)
        let xNames = try m.names("x_names", count: inputDimension)
        let yNames = try m.names("y_names", count: outputDimension)
        if let bad = contents.tensors.first(where: { !$0.values.allSatisfy(\.isFinite) }) {
            throw m.fail("tensor \(SafeText.quoted(bad.name)) has values that are not finite (a diverged model)")
        }
        self.init(
            kind: kind, hidden: hidden, mixtures: mixtures, inputDimension: inputDimension,
            outputDimension: outputDimension, preset: try m.value("preset"), epochs: epochs, seed: seed,
            normalizer: normalizer, xNames: xNames, yNames: yNames, mdnxVersion: try m.value("mdnx_version"),
            extra: contents.metadata.filter { !MetadataReader.known.contains($0.key) }, tensors: contents.tensors)
    }

    /// `names` as a JSON list of strings (`["a","b \"c\""]`); cannot fail, unlike an encoder.
    static func jsonList(_ names: [String]) -> String {
        "[" + names.map(jsonString).joined(separator: ",") + "]"
    }

    /// One JSON string literal: quotes, backslashes and control characters escaped.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// Reads and checks checkpoint metadata, one key at a time; every error names the key and
/// shows the value through `SafeText` (escaped, cut).
private struct MetadataReader {
    /// The keys a checkpoint defines; others are kept in `Checkpoint.extra`.
    static let known: Set<String> = [
        "format", "mdnx_version", "kind", "hidden", "mixtures", "input_dimension",
        "output_dimension", "preset", "epochs", "seed", "normalizer", "x_names", "y_names",
    ]

    let metadata: [String: String]
    let path: String

    func fail(_ reason: String) -> CheckpointError { .notACheckpoint(path: path, reason: reason) }

    /// "metadata 'key' is "value", expected ...".
    func wrong(_ key: String, _ text: String, expected: String) -> CheckpointError {
        fail("metadata '\(key)' is \(SafeText.quoted(text)), expected \(expected)")
    }

    func checkFormat() throws(CheckpointError) {
        guard let format = metadata["format"] else {
            throw fail("no mdnx metadata (the 'format' key is missing); checkpoints come from mdnx train")
        }
        guard format == Checkpoint.format else {
            throw fail(
                "format \(SafeText.quoted(format)) is not \"\(Checkpoint.format)\" "
                    + "(written by a newer or different program?)")
        }
    }

    func value(_ key: String) throws(CheckpointError) -> String {
        guard let v = metadata[key] else { throw fail("metadata key '\(key)' is missing") }
        return v
    }

    func int(_ key: String, in range: ClosedRange<Int>) throws(CheckpointError) -> Int {
        let text = try value(key)
        guard let v = Int(text), range.contains(v) else {
            let bound =
                range.upperBound == Int.max
                ? ">= \(range.lowerBound)" : "from \(range.lowerBound) to \(range.upperBound)"
            throw wrong(key, text, expected: "an integer \(bound)")
        }
        return v
    }

    func kind() throws(CheckpointError) -> ModelKind {
        let text = try value("kind")
        guard let kind = ModelKind(rawValue: text) else { throw wrong("kind", text, expected: "mse or mdn") }
        return kind
    }

    func hidden() throws(CheckpointError) -> [Int] {
        let text = try value("hidden")
        let widths = Checkpoint.hiddenWidthRange
        guard let hidden = try? JSONDecoder().decode([Int].self, from: Data(text.utf8)),
            hidden.count <= Checkpoint.maximumHiddenLayers, hidden.allSatisfy({ widths.contains($0) })
        else {
            throw wrong(
                "hidden", text,
                expected: "a JSON list of at most \(Checkpoint.maximumHiddenLayers) widths "
                    + "from \(widths.lowerBound) to \(widths.upperBound)")
        }
        return hidden
    }

    func seed() throws(CheckpointError) -> UInt64 {
        let text = try value("seed")
        guard let seed = UInt64(text) else { throw wrong("seed", text, expected: "an unsigned integer") }
        return seed
    }

    func normalizer(inputDimension: Int, outputDimension: Int) throws(CheckpointError) -> Normalizer {
        let text = try value("normalizer")
        guard let normalizer = Normalizer(json: text),
            normalizer.inputDimension == inputDimension, normalizer.outputDimension == outputDimension
        else {
            throw fail(
                "metadata 'normalizer' is not a valid normaliser for \(inputDimension) input and "
                    + "\(outputDimension) target column\(outputDimension == 1 ? "" : "s")")
        }
        return normalizer
    }

    func names(_ key: String, count: Int) throws(CheckpointError) -> [String] {
        let text = try value(key)
        guard let list = try? JSONDecoder().decode([String].self, from: Data(text.utf8)), list.count == count else {
            throw wrong(key, text, expected: "a JSON list of \(count) name\(count == 1 ? "" : "s")")
        }
        return list
    }
}
