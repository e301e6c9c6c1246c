import Foundation

/// Runs python3 scripts for cross-checks against reference packages (`safetensors`, and
/// scipy + `properscoring` for the probabilistic scores).
public enum Python {
    /// Whether CI is set (then missing Python is a failure, not a skip).
    public static let isCI = ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty && $0 != "0" } ?? false

    /// Whether python3 can import safetensors and numpy here.
    public static let hasSafetensors: Bool = run("import safetensors, numpy", arguments: []).status == 0

    /// Whether python3 can import scipy, numpy and properscoring (references for the scores).
    public static let hasScoringReferences: Bool = run("import scipy, numpy, properscoring", arguments: []).status == 0

    /// Runs `python3 -c script args...`; status 127 if python3 cannot be started.
    public static func run(_ script: String, arguments: [String]) -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { return (127, "", "cannot start python3: \(error)") }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: outData, as: UTF8.self),
            String(decoding: errData, as: UTF8.self)
        )
    }
}
