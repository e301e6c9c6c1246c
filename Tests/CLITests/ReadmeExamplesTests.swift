import Foundation
import Testing

/// The README's headless examples run as written, in order, from an empty directory: each
/// line of the code block under "## Headless commands" (its `# comment` dropped) is run
/// with the built `mdnx` and must succeed, and the files later lines use must appear.
@Suite struct ReadmeExamplesTests {
    /// The command lines of the README's "Headless commands" block, in order.
    static func examples() throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = readme.range(of: "## Headless commands") else { return [] }
        var lines: [String] = []
        var inBlock = false
        for line in readme[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("    mdnx ") {
                inBlock = true
                var command = String(line.dropFirst(4))
                if let hash = command.range(of: "  #") { command = String(command[..<hash.lowerBound]) }
                lines.append(command.trimmingCharacters(in: .whitespaces))
            } else if inBlock {
                break
            }
        }
        return lines
    }

    /// Splits a command line into arguments (the examples use no quotes).
    static func arguments(_ line: String) -> [String] { line.split(separator: " ").map(String.init) }

    @Test func everyExampleRunsInOrderFromAnEmptyDirectory() throws {
        let examples = try Self.examples()
        #expect(examples.count >= 10)
        // Nothing in the examples may need a shell: no brackets, pipes or quotes.
        #expect(examples.allSatisfy { !$0.contains("[") && !$0.contains("|") && !$0.contains("\"") })
        let dir = try MDNXProcess.temporaryDirectory()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        for line in examples {
            let args = Array(Self.arguments(line).dropFirst())
            let r = try MDNXProcess.run(args, in: dir)
            #expect(r.status == 0, "`\(line)` failed (\(r.status)): \(r.stderr.suffix(400))")
            if r.status != 0 { return }
        }
        let made = Set(try FileManager.default.contentsOfDirectory(atPath: dir.path))
        for file in [
            "spiral.csv", "spiral-mse.safetensors", "spiral-mdn.safetensors", "auto.safetensors", "spiral.svg",
            "slice.png", "run.safetensors", "training.gif",
        ] {
            #expect(made.contains(file), "\(file) was not written")
        }
    }
}
