import Foundation

/// A fresh temporary directory for one test, removed when the value is released.
final class TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "mdnx-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` as UTF-8 to `name` in the directory and returns the full path.
    func file(_ name: String, _ text: String) -> String {
        bytes(name, Array(text.utf8))
    }

    /// Writes raw bytes to `name` in the directory and returns the full path.
    func bytes(_ name: String, _ bytes: [UInt8]) -> String {
        let p = path + "/" + name
        precondition(FileManager.default.createFile(atPath: p, contents: Data(bytes)), "cannot create \(p)")
        return p
    }
}

/// `n` data lines "i,2i" (i = 1...n), each ending in "\n".
func numberedRows(_ n: Int, from start: Int = 1) -> String {
    (start..<(start + n)).map { "\($0),\(2 * $0)\n" }.joined()
}
