import SafeIO

/// Early checks on an output path, so a long run fails before it starts rather than at the
/// end (the write itself stays atomic and no-clobber; this only catches the usual mistakes).
enum OutputCheck {
    /// Throws the error the final write would throw if `path` exists (without `force`; a
    /// dangling symbolic link counts), is a directory, is a dangling link (with `force`), has
    /// a name that is too long, or sits in a directory that is missing or not writable.
    static func ensureWritable(_ path: String, force: Bool) throws(FileWriteError) {
        try AtomicFile.check(path, overwrite: force)
    }
}
