import Foundation

/// Writes one line to standard error (progress and summaries, so stdout stays pure data).
func printToStandardError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
