import MDNCore
import SafeIO

/// Why a checkpoint (a safetensors file) could not be read or written; each description
/// is one line naming the file and what is wrong.
public enum CheckpointError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The path does not exist.
    case noSuchFile(path: String)
    /// The file exists but could not be read.
    case unreadable(path: String, reason: String)
    /// The bytes break the safetensors format.
    case malformed(path: String, reason: String)
    /// A valid safetensors file that is not a usable mdnx checkpoint.
    case notACheckpoint(path: String, reason: String)
    /// Tensors or metadata that cannot be written (duplicate or reserved names).
    case invalidContents(reason: String)
    /// The file could not be written.
    case write(FileWriteError)

    public var description: String {
        switch self {
        case .noSuchFile(let path): return "\(path): no such file"
        case .unreadable(let path, let reason): return "\(path): cannot read: \(reason)"
        case .malformed(let path, let reason): return "\(path): not a valid safetensors file: \(reason)"
        case .notACheckpoint(let path, let reason): return "\(path): not an mdnx checkpoint: \(reason)"
        case .invalidContents(let reason): return "cannot write checkpoint: \(reason)"
        case .write(let error): return error.description
        }
    }
}
