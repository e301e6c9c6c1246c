import Foundation

/// A scratch file for targets whose code under test reads a path (the CSV reader streams
/// from a file): one per process, rewritten for every input.
public enum FuzzFile {
    /// The scratch path for this process: in memory (/dev/shm) where there is one.
    public static let path =
        (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm/" : NSTemporaryDirectory())
        + "mdnx-fuzz-\(getpid()).bin"

    /// Removes the scratch file when the process exits (registered on first use).
    private static let cleanup: Void = {
        atexit { unlink(FuzzFile.path) }
    }()

    /// Writes `bytes` to `path` (replacing it) and returns the path.
    public static func write(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        _ = cleanup
        guard let file = fopen(path, "wb") else { fatalError("cannot create \(path)") }
        if bytes.count > 0, fwrite(bytes.baseAddress!, 1, bytes.count, file) != bytes.count {
            fatalError("cannot write \(path)")
        }
        fclose(file)
        return path
    }
}
