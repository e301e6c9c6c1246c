import MDNCore
import SafeIO
import SafeText

/// Why a checkpoint (a safetensors file) could not be read or written; each description
/// is one line naming the file and what is wrong.
public enum CheckpointError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The path does not exist.
    case noSuchFile(path: String)
    /// The file exists but could not be read.
    case unreadable(path: String, reason: String)
    /// The file does not look like safetensors at all (a CSV or text file given by mistake);
    /// `start` holds its first bytes, for the message.
    case notSafeTensors(path: String, start: [UInt8])
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
        case .noSuchFile(let path): return "\(SafeText.path(path)): no such file"
        case .unreadable(let path, let reason): return "\(SafeText.path(path)): cannot read: \(SafeText.line(reason))"
        case .notSafeTensors(let path, let start):
            return "\(SafeText.path(path)): not a safetensors file (mdnx checkpoints come from mdnx train)"
                + CheckpointError.startHint(start)
        case .malformed(let path, let reason):
            return "\(SafeText.path(path)): not a valid safetensors file: \(SafeText.line(reason))"
        case .notACheckpoint(let path, let reason):
            return "\(SafeText.path(path)): not an mdnx checkpoint: \(SafeText.line(reason))"
        case .invalidContents(let reason): return "cannot write checkpoint: \(SafeText.line(reason))"
        case .write(let error): return error.description
        }
    }

    /// `; it starts with "x,y\n1.5,2…"` when the first bytes are printable UTF-8 text.
    private static func startHint(_ start: [UInt8]) -> String {
        guard let text = String(validating: start, as: UTF8.self), !text.isEmpty,
            text.unicodeScalars.allSatisfy({ $0.value >= 0x20 || $0 == "\n" || $0 == "\r" || $0 == "\t" })
        else { return "" }
        return "; it starts with \"\(SafeText.excerpt(text, limit: 20))\""
    }
}
