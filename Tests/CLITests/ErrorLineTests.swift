import Foundation
import Testing

/// Every user-facing error path of every command produces exactly one line on standard
/// error, without control bytes: bad flags and values, missing and hostile files, paths and
/// names full of escape sequences (issue 10). Each case names the text the line must hold.
@Suite struct ErrorLineTests {
    static let esc = "\u{1B}[2J\u{07}"

    /// (arguments, expected status, text the message contains).
    static let cases: [([String], Int32, String)] = [
        (["train", "--no-such-flag"], 64, "Unknown option '--no-such-flag'"),
        (["train\(esc)"], 64, #"Unexpected argument 'train\u{1B}[2J\u{7}'"#),
        (["train", "--dataset", "moons\(esc)"], 64, #"The value 'moons\u{1B}[2J\u{7}' is invalid for '--dataset"#),
        (["train", "--data", "a\(esc).csv", "--x", "x", "--y", "y"], 1, #"a\u{1B}[2J\u{7}.csv: no such file"#),
        (["train", "--data", "abc.csv"], 1, #"abc.csv: choose the input and target columns"#),
        (["train", "--data", "d.csv", "--x", "q\(esc)", "--y", "y"], 1, #"no column named "q\u{1B}[2J\u{7}""#),
        (["train", "--data", "d.csv", "--x", "x", "--y", "y", "--holdout", "100000"], 1, "--holdout 100000"),
        (["train", "--dataset", "spiral", "--save", "no\(esc)/m.safetensors"], 1, #"no\u{1B}[2J\u{7}/m.safetensors"#),
        (["train", "--epochs", "0"], 64, "--epochs must be an integer from 1 to 1000000 (got 0)"),
        (["train", "--learning-rate", "fast\(esc)"], 64, #"(got "fast\u{1B}[2J\u{7}")"#),
        (["data"], 64, "Missing expected argument '<name>'"),
        (["data", "spiral", "--count", "abc"], 64, #"--count must be an integer from 1 to 10000000 (got "abc")"#),
        (["data", "spiral", "--jitter", "nan"], 64, "--jitter must be a number of at least 0"),
        (["data", "spiral", "-o", "d.csv"], 1, "d.csv: file exists (use --force to overwrite)"),
        (["sample", "--model", "m.safetensors", "--grid", "0:1:\(esc)"], 64, #"0:1:\u{1B}[2J\u{7}"#),
        (["sample", "--model", "n\nope", "--grid", "0:1:3"], 1, #"n\nope: no such file"#),
        (["sample", "--model", "d.csv", "--grid", "0:1:3"], 1, "d.csv: not a safetensors file"),
        (["sample", "--model", "m.safetensors", "--grid", "0:1:3", "--params", "--summary"], 64, "cannot be combined"),
        (["eval", "--model", "m.safetensors", "--data", "none.csv"], 1, "none.csv: no such file"),
        (["eval", "--model", "m.safetensors", "--data", "d.csv", "--x", "z\(esc)"], 1, #""z\u{1B}[2J\u{7}""#),
        (["plot", "--view", "nope"], 64, "The value 'nope' is invalid for '--view"),
        (["plot", "--theme", "no\(esc)such"], 1, #"no theme "no\u{1B}[2J\u{7}such""#),
        (["plot", "--model", "d.csv"], 1, "d.csv: not a safetensors file"),
        (["plot", "--width", "0"], 64, "--width must be an integer from 1 to 20000 (got 0)"),
        (["plot", "-o", "x.gif\(esc)"], 1, #"unknown export format '.gif\u{1B}[2j\u{7}'"#),
        (["plot", "-o", "d.csv.svg", "--width", "10"], 1, "--width must be from 64"),
        (["explore", "--export-format", "g\(esc)if"], 64, #"g\u{1B}[2J\u{7}if"#),
        (["explore", "--export-dir", "missing\(esc)"], 1, #"--export-dir missing\u{1B}[2J\u{7}: cannot write"#),
        (["explore", "--fps", "0"], 64, "--fps must be an integer from 1 to 120 (got 0)"),
        (["explore", "--mixtures", "1000"], 64, "--mixtures must be an integer from 1 to 64, or auto (got 1000)"),
        (["explore", "--pace", "0"], 64, "--pace must be a number greater than 0 and at most 1000 (got 0)"),
        (["bench", "--json", "extra"], 64, "Unexpected argument 'extra'"),
    ]

    @Test func everyErrorIsOneLineWithoutControlBytes() throws {
        let files = try CheckpointFileErrorTests.trainedModel()
        try files.write("abc.csv", "a,b,c\n1,2,3\n")  // no obvious x and y columns
        for (args, status, expected) in Self.cases {
            let r = try files.run(args)
            let message = HostileInputTests.expectOneLineError(r, status: status)
            #expect(message.contains(expected), "\(args): \(message)")
            #expect(r.stdout.isEmpty, "\(args): \(r.stdout)")
        }
    }

    /// The explorer's own refusal (no terminal) is one line too.
    @Test func explorerWithoutATerminal() throws {
        let r = try MDNXProcess.run(["explore", "--dataset", "bishop"])
        #expect(r.status != 0)
        #expect(r.stderr.hasSuffix("\n") && r.stderr.dropLast().allSatisfy { $0 != "\n" })
        #expect(r.stderr.contains("the explorer needs a terminal"))
    }
}
