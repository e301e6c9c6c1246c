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
}
