import Foundation

/// The file operations theme lookup needs, so tests can give it an in-memory tree.
public protocol ThemeFileSystem: Sendable {
    /// Names of the entries in a directory, or nil when it is not a readable directory.
    func contentsOfDirectory(_ path: String) -> [String]?
    /// Whether a file or directory exists at `path`.
    func exists(_ path: String) -> Bool
    /// The text of a file.
    func readText(_ path: String) throws(ThemeError) -> String
}

/// The real file system.
public struct LocalFileSystem: ThemeFileSystem {
    /// Creates the real file system.
    public init() {}

    public func contentsOfDirectory(_ path: String) -> [String]? {
        try? FileManager.default.contentsOfDirectory(atPath: path)
    }

    public func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    public func readText(_ path: String) throws(ThemeError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(
                path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: path, reason: "not UTF-8 text")
        }
        return text
    }
}

/// A file system held in memory: paths to file contents; directories are implied by paths.
public struct InMemoryFileSystem: ThemeFileSystem {
    /// File contents by absolute path.
    public var files: [String: String]

    /// Creates a file system with `files`.
    public init(files: [String: String]) { self.files = files }

    public func contentsOfDirectory(_ path: String) -> [String]? {
        let prefix = path.hasSuffix("/") ? path : path + "/"
        let names = files.keys.filter { $0.hasPrefix(prefix) }.map {
            String($0.dropFirst(prefix.count).split(separator: "/")[0])
        }
        return names.isEmpty ? nil : Array(Set(names)).sorted()
    }

    public func exists(_ path: String) -> Bool {
        files[path] != nil || contentsOfDirectory(path) != nil
    }

    public func readText(_ path: String) throws(ThemeError) -> String {
        guard let text = files[path] else { throw .unreadable(path: path, reason: "no such file") }
        return text
    }
}
