#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a file could not be written; the description names the path.
public enum FileWriteError: Error, CustomStringConvertible, Equatable {
    /// The destination exists and overwriting was not asked for.
    case exists(path: String)
    /// The system refused (no such directory, permission denied, disk full, ...).
    case system(path: String, reason: String)

    public var description: String {
        switch self {
        case .exists(let path): return "\(path): file exists (use --force to overwrite)"
        case .system(let path, let reason): return "\(path): cannot write: \(reason)"
        }
    }
}

/// Writes files atomically: the bytes go to a temporary file in the same directory, which is
/// then linked (no overwrite) or renamed (overwrite) into place, so a reader never sees a
/// half-written file and a failure leaves nothing behind.
public enum AtomicFile {
    /// Writes `bytes` to `path`. Without `overwrite`, an existing file is never replaced
    /// (checked atomically with link(2)).
    public static func write(_ bytes: [UInt8], to path: String, overwrite: Bool = false) throws(FileWriteError) {
        let dir: String
        if let slash = path.lastIndex(of: "/") {
            dir = slash == path.startIndex ? "/" : String(path[..<slash])
        } else {
            dir = "."
        }
        let base = path.split(separator: "/").last.map(String.init) ?? path
        var template = Array("\(dir)/.\(base).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw .system(path: path, reason: errnoText()) }
        let tmp = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var ok = false
        defer { if !ok { unlink(tmp) } }

        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                systemWrite(fd, raw.baseAddress! + written, raw.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = errnoText()
                close(fd)
                throw .system(path: path, reason: reason)
            }
            written += n
        }
        fchmod(fd, 0o644)
        // Close even when fsync fails, so the descriptor is not leaked; report the first error.
        var failure = fsync(fd) == 0 ? nil : errnoText()
        if close(fd) != 0, failure == nil { failure = errnoText() }
        if let failure { throw .system(path: path, reason: failure) }

        if overwrite {
            guard rename(tmp, path) == 0 else { throw .system(path: path, reason: errnoText()) }
        } else {
            if link(tmp, path) != 0 {
                if errno == EEXIST { throw .exists(path: path) }
                throw .system(path: path, reason: errnoText())
            }
            unlink(tmp)
        }
        ok = true
    }

    /// Writes UTF-8 `text` to `path` (see `write(_:to:overwrite:)`).
    public static func write(text: String, to path: String, overwrite: Bool = false) throws(FileWriteError) {
        try write(Array(text.utf8), to: path, overwrite: overwrite)
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}

@inline(__always) private func systemWrite(_ fd: Int32, _ buf: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buf, count)
}
