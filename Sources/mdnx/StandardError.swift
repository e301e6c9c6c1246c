import Foundation
import SafeText

/// Writes one line to standard error (progress and summaries, so stdout stays pure data).
/// Standard output is flushed first, so the two streams stay in order when they share a pipe.
/// The line goes through `SafeText.line`: paths and names in it cannot reach the terminal raw.
func printToStandardError(_ line: String) {
    Console.error(SafeText.line(line, limit: 2000))
}
