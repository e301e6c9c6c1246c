import Foundation
import MDNCore
import MDNIO
import SafeText

/// The data a checkpoint says it was trained on: `mdnx train` stores a CSV file's path, or
/// the built-in set with its row count and seed ("spiral count=10000 seed=42"), under the
/// `data` metadata key, and the column names under `x_names` / `y_names`.
enum CheckpointData: Equatable {
    /// A built-in data set, regenerated from its count and seed.
    case builtin(DatasetName, count: Int, seed: UInt64)
    /// A CSV file, read with the checkpoint's column names.
    case csv(path: String)

    /// The source a `data` value names: "NAME count=N seed=S" for a built-in set, else a path.
    init(_ text: String) {
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        if parts.count == 3, let name = DatasetName(rawValue: String(parts[0])),
            parts[1].hasPrefix("count="), let count = Int(parts[1].dropFirst(6)), count >= 1,
            parts[2].hasPrefix("seed="), let seed = UInt64(parts[2].dropFirst(5))
        {
            self = .builtin(name, count: count, seed: seed)
        } else {
            self = .csv(path: text)
        }
    }

    /// The checkpoint's data (rows, a name for titles, and the built-in set they are), read
    /// from the stored path (as given, else next to the checkpoint at `modelPath`) with the
    /// checkpoint's column names.
    static func load(_ checkpoint: Checkpoint, modelPath: String) throws -> (
        Dataset, name: String, builtin: DatasetName?
    ) {
        switch try resolve(checkpoint, modelPath: modelPath) {
        case .builtin(let name, let count, let seed):
            return (name.generate(count: count, seed: seed), name.rawValue, name)
        case .csv(let found):
            let report = try CSVLoader.read(
                path: found, x: checkpoint.xNames.map { .name($0) }, y: checkpoint.yNames.map { .name($0) },
                dropMissing: true, minimumRows: 1)
            return (report.dataset, PlotCommand.fileName(found), nil)
        }
    }

    /// The checkpoint's data source, a CSV path resolved to where the file is (as given,
    /// else next to the checkpoint at `modelPath`); a one-line error when it records none or
    /// the file is not there.
    static func resolve(_ checkpoint: Checkpoint, modelPath: String) throws -> CheckpointData {
        guard let text = checkpoint.extra["data"], !text.isEmpty else {
            throw CheckpointDataError.notRecorded(model: modelPath)
        }
        let source = CheckpointData(text)
        guard case .csv(let path) = source else { return source }
        let found = candidates(path, modelPath: modelPath).first { FileManager.default.fileExists(atPath: $0) }
        guard let found else { throw CheckpointDataError.missing(model: modelPath, data: path) }
        return .csv(path: found)
    }

    /// Where to look for a stored data path: as given (absolute, or relative to the current
    /// directory), then relative to the checkpoint's directory.
    static func candidates(_ path: String, modelPath: String) -> [String] {
        guard !path.hasPrefix("/") else { return [path] }
        let directory = URL(fileURLWithPath: modelPath).deletingLastPathComponent()
        return [path, directory.appendingPathComponent(path).path]
    }
}

/// Why a checkpoint's data could not be used; one line naming the files.
enum CheckpointDataError: Error, CustomStringConvertible, Equatable {
    /// The checkpoint has no `data` metadata.
    case notRecorded(model: String)
    /// The recorded CSV file is not there.
    case missing(model: String, data: String)

    var description: String {
        switch self {
        case .notRecorded(let model):
            return "\(SafeText.path(model)) does not record the data it was trained on; give --data FILE "
                + "(--x COLUMN --y COLUMN) or --dataset spiral|bishop"
        case .missing(let model, let data):
            return "\(SafeText.path(model)) was trained on \(SafeText.path(data)), which is not there "
                + "(looked in the current directory and next to the checkpoint); give --data FILE"
        }
    }
}
