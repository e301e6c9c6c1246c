import Foundation
import SafeIO

/// Early checks on an output path, so a long run fails before it starts rather than at the
/// end (the write itself stays atomic and no-clobber; this only catches the usual mistakes).
enum OutputCheck {
    /// Throws the error the final write would throw if `path` exists (without `force`), is
    /// a directory, or sits in a directory that is missing or not writable.
    static func ensureWritable(_ path: String, force: Bool) throws(FileWriteError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw .system(path: path, reason: "is a directory") }
            if !force { throw .exists(path: path) }
        }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        if access(directory, W_OK) != 0 {
            throw .system(path: path, reason: String(cString: strerror(errno)))
        }
        var parentIsDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: directory, isDirectory: &parentIsDirectory)
            || !parentIsDirectory.boolValue
        {
            throw .system(path: path, reason: String(cString: strerror(ENOTDIR)))
        }
    }
}
