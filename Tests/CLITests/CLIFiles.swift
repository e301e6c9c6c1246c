import Foundation

/// Small file helpers for the CLI tests: temporary directories with named files.
struct CLIFiles {
    /// The directory the files live in (fresh per test).
    let directory: URL

    /// A fresh temporary directory.
    init() throws { directory = try MDNXProcess.temporaryDirectory() }

    /// Absolute path of `name` inside the directory.
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Writes `text` (UTF-8, as given: no newline conversion) to `name`; returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        return path(name)
    }

    /// Writes raw bytes to `name`; returns its path.
    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        try Data(bytes).write(to: directory.appendingPathComponent(name))
        return path(name)
    }

    /// The bytes of `name` (nil if it does not exist).
    func bytes(_ name: String) -> Data? { FileManager.default.contents(atPath: path(name)) }

    /// Whether `name` exists.
    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }

    /// Runs `mdnx args...` in the directory.
    func run(_ args: [String]) throws -> MDNXProcess.Result { try MDNXProcess.run(args, in: directory) }

    /// Writes a bishop data set of `count` rows as `name` with the real binary.
    func bishop(_ name: String, count: Int, seed: Int = 3) throws {
        let r = try run(["data", "bishop", "--count", String(count), "--seed", String(seed), "--output", name])
        precondition(r.status == 0, "mdnx data failed: \(r.stderr)")
    }
}

extension MDNXProcess.Result {
    /// The line of standard error holding the error message ("Error: ..."; progress lines may
    /// come before it and usage hints after it), or the first line if there is none.
    var errorLine: String {
        let lines = stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return lines.first { $0.hasPrefix("Error: ") } ?? lines.first ?? ""
    }

    /// The non-empty lines of standard output.
    var outputLines: [String] { stdout.split(separator: "\n").map(String.init) }
}

/// A test failure with a message (for helpers that cannot use #require).
struct CLITestError: Error, CustomStringConvertible {
    let description: String
}

/// `text` parsed as one JSON object.
func jsonObject(_ text: String) throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
        throw CLITestError(description: "not a JSON object: \(text)")
    }
    return object
}
