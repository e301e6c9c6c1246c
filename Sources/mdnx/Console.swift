import Foundation
import Synchronization

/// Where the commands' lines go: standard output and standard error, or, for the model that
/// `mdnx train --model both` trains on a second thread, a buffer held until the first model
/// is done (`HeldOutput`), so that each model's lines read as one block, in the same order as
/// when the models train one after the other.
enum Console {
    /// The held output of the current thread, if its lines are being held.
    @TaskLocal static var held: HeldOutput?

    /// Writes `text` and `terminator` to standard output (or holds them).
    static func out(_ text: String, terminator: String = "\n") {
        if let held, held.hold(.standardOutput, text + terminator) { return }
        print(text, terminator: terminator)
    }

    /// Writes one line to standard error, standard output flushed first (or holds it).
    static func error(_ line: String) {
        if let held, held.hold(.standardError, line + "\n") { return }
        fflush(nil)
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// Lines held for later: `hold` keeps them until `release()`, which writes them in order;
/// after that, lines pass straight through.
final class HeldOutput: Sendable {
    /// A stream a held line goes to.
    enum Stream: Sendable {
        case standardOutput, standardError
    }

    private struct State {
        var released = false
        var lines: [(Stream, String)] = []
    }

    private let state = Mutex(State())

    /// An output that holds lines until released.
    init() {}

    /// Keeps `text` for `stream`; false once released (the caller writes it itself).
    func hold(_ stream: Stream, _ text: String) -> Bool {
        state.withLock { s in
            if s.released { return false }
            s.lines.append((stream, text))
            return true
        }
    }

    /// Writes the held lines in order and lets later lines through.
    func release() {
        state.withLock { s in
            for (stream, text) in s.lines {
                switch stream {
                case .standardOutput:
                    print(text, terminator: "")
                case .standardError:
                    fflush(nil)
                    FileHandle.standardError.write(Data(text.utf8))
                }
            }
            fflush(nil)
            s.lines.removeAll()
            s.released = true
        }
    }
}
