import Foundation
import Testing

@testable import SafeIO

@Suite struct AtomicFileTests {
    let dir: String = {
        let d = NSTemporaryDirectory() + "mdnx-atomic-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }()

    @Test func writesNewFileAndRefusesOverwrite() throws {
        let path = dir + "/a.txt"
        try AtomicFile.write(text: "one", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "one")
        #expect(throws: FileWriteError.exists(path: path)) {
            try AtomicFile.write(text: "two", to: path)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "one")
        try AtomicFile.write(text: "three", to: path, overwrite: true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "three")
        // No temporary files left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["a.txt"])
    }

    @Test func missingDirectoryIsAClearError() {
        let path = dir + "/no/such/dir/out.svg"
        do {
            try AtomicFile.write(text: "x", to: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "\(path): cannot write: No such file or directory")
        }
    }

    /// The mode of `path`'s permission bits.
    func mode(_ path: String) -> mode_t {
        var st = stat()
        precondition(stat(path, &st) == 0, "no \(path)")
        return st.st_mode & 0o7777
    }

    /// Issue 10: --force over a 0600 file left a 0644 file.
    @Test func overwriteKeepsTheReplacedFilesMode() throws {
        let path = dir + "/secret.csv"
        try AtomicFile.write(text: "one", to: path)
        chmod(path, 0o600)
        try AtomicFile.write(text: "two", to: path, overwrite: true)
        #expect(mode(path) == 0o600)
        chmod(path, 0o640)
        try AtomicFile.write(text: "three", to: path, overwrite: true)
        #expect(mode(path) == 0o640)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "three")
    }

    /// Issue 10: new files ignored the umask (always 0644). The process's umask is read from
    /// /proc (changing it here would race with other tests); `CLITests` runs mdnx under
    /// `umask 077` too.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/status")))
    func newFilesHonourTheUmask() throws {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("Umask:") })
        let mask = try #require(mode_t(line.dropFirst(6).trimmingCharacters(in: .whitespaces), radix: 8))
        let path = dir + "/new.txt"
        try AtomicFile.write(text: "x", to: path)
        #expect(mode(path) == 0o666 & ~mask)
    }

    /// Issue 10: names of 245-255 bytes failed ("File name too long": the temporary name
    /// added 12 bytes to the destination's).
    @Test func longestValidNamesWork() throws {
        for length in [245, 250, 255] {
            let path = dir + "/" + String(repeating: "n", count: length - 4) + ".csv"
            try AtomicFile.write(text: "x", to: path)
            try AtomicFile.write(text: "y", to: path, overwrite: true)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "y")
        }
        // One byte too many is the system's error, named clearly.
        let tooLong = dir + "/" + String(repeating: "n", count: 256)
        #expect(throws: FileWriteError.system(path: tooLong, reason: "File name too long")) {
            try AtomicFile.write(text: "x", to: tooLong)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).allSatisfy { !$0.hasPrefix(".mdnx-") })
    }

    /// A dangling symbolic link is never replaced or written through, with or without
    /// overwrite: there is no file to replace ("use --force" would not help).
    @Test func symbolicLinks() throws {
        let dangling = dir + "/dangling.csv"
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: dir + "/missing.csv")
        let refused = FileWriteError.system(path: dangling, reason: "a symbolic link to a file that does not exist")
        for overwrite in [false, true] {
            #expect(throws: refused) { try AtomicFile.write(text: "x", to: dangling, overwrite: overwrite) }
            #expect(throws: refused) { try AtomicFile.check(dangling, overwrite: overwrite) }
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/missing.csv"))
        // A link to a file: overwrite replaces the file it points to, and keeps the link.
        let real = dir + "/real.csv"
        let link = dir + "/link.csv"
        try AtomicFile.write(text: "old", to: real)
        chmod(real, 0o600)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        try AtomicFile.write(text: "new", to: link, overwrite: true)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real)
        #expect(try String(contentsOfFile: real, encoding: .utf8) == "new")
        #expect(mode(real) == 0o600)
    }

    @Test func pathsInMessagesAreEscaped() {
        let error = FileWriteError.system(path: "out\u{1B}[2J.csv", reason: "Permission denied")
        #expect(error.description == "out\\u{1B}[2J.csv: cannot write: Permission denied")
        #expect(FileWriteError.exists(path: "a\nb").description == "a\\nb: file exists")
    }
}
