import ArgumentParser
import Foundation
import MDNIO
import SafeIO
import SafeText
import TermPlot

/// How every `mdnx` failure reaches the user: one line on standard error, `Error: ` and a
/// message with control characters escaped and its length bounded (`SafeText`), then a
/// non-zero exit. The one place that prints errors, so no path can print raw input or
/// several lines: ArgumentParser's own messages (unknown options, bad values, validation)
/// are folded into one line with a pointer to the command's help, range errors from
/// `OptionValue` are shown as themselves, and "file exists" errors say how to overwrite.
enum ErrorReport {
    /// The line printed for `error` (without "Error: "), given ArgumentParser's short message
    /// and full message (which holds the usage hint for parse and validation errors).
    static func line(for error: any Error, message: String, fullMessage: String) -> String {
        var text = optionValueMessage(message) ?? message
        // ArgumentParser lists many allowed values on bullet lines; keep them on the line.
        text = text.replacingOccurrences(of: ":\n  - ", with: ": ").replacingOccurrences(of: "\n  - ", with: ", ")
        if existsWithoutForce(error) { text += " (use --force to overwrite)" }
        if let help = helpHint(fullMessage) { text += " (see '\(help)')" }
        return SafeText.line(text)
    }

    /// ArgumentParser's "The value 'V' is invalid for '--opt <v>': REASON" with an
    /// `OptionValueError` reason ("--opt must be ... (got V)"): just the reason.
    static func optionValueMessage(_ message: String) -> String? {
        guard message.hasPrefix("The value '"), let marker = message.range(of: "' is invalid for '--") else {
            return nil
        }
        let rest = message[marker.upperBound...]
        guard let close = rest.range(of: "': ") else { return nil }
        let option = "--" + rest[..<close.lowerBound].prefix { $0 != " " }
        let reason = rest[close.upperBound...]
        return reason.hasPrefix(option + " must be ") ? String(reason) : nil
    }

    /// Whether `error` is (or wraps) "file exists": the commands that write have `--force`.
    static func existsWithoutForce(_ error: any Error) -> Bool {
        switch error {
        case FileWriteError.exists: return true
        case CheckpointError.write(.exists): return true
        case ExportError.write(.exists): return true
        default: return false
        }
    }

    /// "mdnx train --help" from the full message's "See 'mdnx train --help' for more
    /// information." line, if there is one.
    static func helpHint(_ fullMessage: String) -> String? {
        guard let see = fullMessage.range(of: "See '"), let end = fullMessage[see.upperBound...].range(of: "'")
        else { return nil }
        let hint = fullMessage[see.upperBound..<end.lowerBound]
        return hint.hasSuffix("--help") ? String(hint) : nil
    }
}

extension MDNX {
    /// Parses and runs the command; every error goes through `ErrorReport` (one line on
    /// standard error); help and version requests print as ArgumentParser prints them.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            report(error)
        }
    }

    /// Prints `error` as `ErrorReport` says and exits with ArgumentParser's exit code.
    static func report(_ error: any Error) -> Never {
        let code = exitCode(for: error)
        if code == .success || error is ExitCode || error is CleanExit {
            exit(withError: error)
        }
        let text = ErrorReport.line(for: error, message: message(for: error), fullMessage: fullMessage(for: error))
        fflush(nil)
        FileHandle.standardError.write(Data(("Error: " + text + "\n").utf8))
        Foundation.exit(code.rawValue)
    }
}
