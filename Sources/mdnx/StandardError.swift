import Foundation

/// Writes one line to standard error (progress and summaries, so stdout stays pure data).
/// Standard output is flushed first, so the two streams stay in order when they share a pipe.
func printToStandardError(_ line: String) {
    fflush(nil)
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
