import SafeText

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a file could not be written; the description is one line naming the path (escaped
/// and cut by `SafeText`). It does not say how to overwrite: that depends on the program
/// (`mdnx` commands add "use --force"; the explorer never overwrites).
public enum FileWriteError: Error, CustomStringConvertible, Equatable {
    /// The destination exists and overwriting was not asked for.
    case exists(path: String)
    /// The system refused (no such directory, permission denied, disk full, ...).
    case system(path: String, reason: String)

    public var description: String {
        switch self {
        case .exists(let path): return "\(SafeText.path(path)): file exists"
        case .system(let path, let reason): return "\(SafeText.path(path)): cannot write: \(SafeText.line(reason))"
        }
    }
}

/// Writes files atomically: the bytes go to a temporary file in the same directory, which is
/// then linked (no overwrite) or renamed (overwrite) into place, so a reader never sees a
/// half-written file and a failure leaves nothing behind.
///
/// Modes: a new file gets 0666 minus the process's umask, as `open(2)` gives; a replaced
/// file keeps its permission bits (setuid and setgid are dropped). Overwriting a symbolic
/// link to a file replaces the file it points to (the link stays); a dangling link is
/// refused either way. The temporary name is short and fixed in length (`.mdnx-` and 12 random
/// characters), so any valid destination name works, up to the system's 255 bytes.
public enum AtomicFile {
    /// Writes `bytes` to `path`. Without `overwrite`, an existing file (or symbolic link,
    /// even a dangling one) is never replaced (checked atomically with link(2)).
    public static func write(_ bytes: [UInt8], to path: String, overwrite: Bool = false) throws(FileWriteError) {
        let target = overwrite ? try resolvedTarget(path) : path
        let existingMode = overwrite ? regularFileMode(target) : nil
        let (fd, tmp) = try createTemporary(in: directory(of: target), for: path)
        var ok = false
        defer { if !ok { unlink(tmp) } }
        // The replaced file's mode before any byte is written, so a 0600 file's new contents
        // are never readable by others, not even for a moment.
        if let existingMode, fchmod(fd, existingMode) != 0 {
            let reason = errnoText()
            close(fd)
            throw .system(path: path, reason: reason)
        }
        try writeAll(bytes, to: fd, path: path)
        // Close even when fsync fails, so the descriptor is not leaked; report the first error.
        var failure = fsync(fd) == 0 ? nil : errnoText()
        if close(fd) != 0, failure == nil { failure = errnoText() }
        if let failure { throw .system(path: path, reason: failure) }

        if overwrite {
            guard rename(tmp, target) == 0 else { throw .system(path: path, reason: errnoText()) }
        } else {
            if link(tmp, path) != 0 {
                if errno == EEXIST {
                    throw isDanglingLink(path) ? .system(path: path, reason: danglingReason) : .exists(path: path)
                }
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

    /// Throws the error `write(_:to:overwrite:)` would throw for `path` because of the file
    /// system as it is now (something in the way without `overwrite`, a directory, a dangling
    /// symbolic link, a name that is too long, a missing or read-only directory), so a long
    /// run can fail before it starts. The write itself stays atomic and checks again.
    public static func check(_ path: String, overwrite: Bool) throws(FileWriteError) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let nameLimit = max(pathconf(directory(of: path), Int32(_PC_NAME_MAX)), 14)
        if name.utf8.count > nameLimit { throw .system(path: path, reason: String(cString: strerror(ENAMETOOLONG))) }
        var st = stat()
        if lstat(path, &st) == 0 {
            if isDanglingLink(path) { throw .system(path: path, reason: danglingReason) }
            var targetStat = stat()
            if stat(path, &targetStat) == 0, (targetStat.st_mode & S_IFMT) == S_IFDIR {
                throw .system(path: path, reason: "is a directory")
            }
            if !overwrite { throw .exists(path: path) }
            try checkDirectory(directory(of: try resolvedTarget(path)), for: path)
        } else {
            try checkDirectory(directory(of: path), for: path)
        }
    }

    /// `directory` exists, is a directory, and the process may create files in it (for
    /// an output directory given up front, like the explorer's export directory); errors
    /// name `path`, the directory itself unless given.
    public static func checkDirectory(_ directory: String, for path: String? = nil) throws(FileWriteError) {
        let path = path ?? directory
        var st = stat()
        guard stat(directory, &st) == 0 else { throw .system(path: path, reason: errnoText()) }
        guard (st.st_mode & S_IFMT) == S_IFDIR else {
            throw .system(path: path, reason: String(cString: strerror(ENOTDIR)))
        }
        guard access(directory, W_OK | X_OK) == 0 else { throw .system(path: path, reason: errnoText()) }
    }

    /// The file an overwrite replaces: `path` itself, or the file a symbolic link at `path`
    /// points to (followed to the end); a dangling link is an error.
    static func resolvedTarget(_ path: String) throws(FileWriteError) -> String {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK else { return path }
        guard let resolved = realpath(path, nil) else { throw .system(path: path, reason: danglingReason) }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Why a dangling symbolic link is refused (overwriting or not: there is no file to
    /// replace, and writing through it would create a file elsewhere).
    static let danglingReason = "a symbolic link to a file that does not exist"

    /// Whether `path` is a symbolic link whose target does not exist.
    static func isDanglingLink(_ path: String) -> Bool {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK else { return false }
        return stat(path, &st) != 0
    }

    /// The permission bits (and sticky bit; not setuid or setgid) of the regular file at
    /// `path`, nil if there is none.
    static func regularFileMode(_ path: String) -> mode_t? {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return st.st_mode & 0o1777
    }

    /// The directory part of `path` ("." for a bare name, "/" for a file at the root).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Creates `directory/.mdnx-XXXXXXXXXXXX` exclusively with mode 0666 (the kernel applies
    /// the umask); returns the descriptor and the name. `path` names the destination in errors.
    static func createTemporary(in directory: String, for path: String) throws(FileWriteError) -> (Int32, String) {
        let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
        for _ in 0..<100 {
            let suffix = String(decoding: (0..<12).map { _ in letters.randomElement()! }, as: UTF8.self)
            let tmp = "\(directory)/.mdnx-\(suffix)"
            let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 { return (fd, tmp) }
            if errno != EEXIST { throw .system(path: path, reason: errnoText()) }
        }
        throw .system(path: path, reason: "cannot create a temporary file in \(SafeText.path(directory))")
    }

    /// Writes every byte to `fd` (retrying on EINTR); closes it on failure.
    private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(FileWriteError) {
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
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}

@inline(__always) private func systemWrite(_ fd: Int32, _ buf: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buf, count)
}
