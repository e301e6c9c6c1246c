import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A buffered, read-only `InputStream` over a file descriptor, for CSV.swift's `CSVReader`.
///
/// Foundation's file-backed `InputStream` on Linux reports `hasBytesAvailable == true` at
/// end of file, so CSV.swift's reader then fails with `cannotReadFile` on every file. This
/// stream answers `hasBytesAvailable` truthfully by reading ahead, and keeps the system's
/// reason for a real read failure (`failure`).
final class FileByteStream: InputStream {
    private let fd: Int32
    private var buffer: [UInt8]
    private var start = 0, end = 0
    private var atEnd = false
    private var status: Stream.Status = .notOpen
    /// The system's description of a read failure, if one happened.
    private(set) var failure: String?

    /// Opens `path` for reading; nil (with `errno` set) if the system refuses.
    init?(path: String, bufferSize: Int = 1 << 16) {
        let fd = systemOpen(path)
        guard fd >= 0 else { return nil }
        self.fd = fd
        buffer = [UInt8](repeating: 0, count: bufferSize)
        super.init(data: Data())
    }

    deinit { if status != .closed { systemClose(fd) } }

    override func open() { if status == .notOpen { status = .open } }

    override func close() {
        if status != .closed {
            systemClose(fd)
            status = .closed
        }
    }

    override var streamStatus: Stream.Status { status }

    override var streamError: Error? {
        failure.map { NSError(domain: NSPOSIXErrorDomain, code: Int(EIO), userInfo: [NSLocalizedDescriptionKey: $0]) }
    }

    override var hasBytesAvailable: Bool {
        if start < end { return true }
        refill()
        return start < end
    }

    override func read(_ out: UnsafeMutablePointer<UInt8>, maxLength: Int) -> Int {
        if start >= end { refill() }
        if failure != nil { return -1 }
        let n = Swift.min(maxLength, end - start)
        if n > 0 {
            buffer.withUnsafeBufferPointer { out.update(from: $0.baseAddress! + start, count: n) }
            start += n
        }
        return n
    }

    override func getBuffer(
        _ buffer: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>,
        length len: UnsafeMutablePointer<Int>
    ) -> Bool { false }

    private func refill() {
        guard !atEnd, failure == nil, status == .open else { return }
        while true {
            let n = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                status = .error
                return
            }
            start = 0
            end = n
            if n == 0 {
                atEnd = true
                status = .atEnd
            }
            return
        }
    }
}

// Free functions so the overridden methods' names (open, close, read) do not shadow them.
private func systemOpen(_ path: String) -> Int32 { open(path, O_RDONLY | O_CLOEXEC) }
private func systemClose(_ fd: Int32) { _ = close(fd) }
private func systemRead(_ fd: Int32, _ buf: UnsafeMutableRawPointer, _ count: Int) -> Int { read(fd, buf, count) }
