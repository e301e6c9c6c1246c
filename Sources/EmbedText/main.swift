import Foundation

// EmbedText INPUT OUTPUT NAME LABEL: writes OUTPUT, a Swift file declaring the constant
// `let NAME: String` holding INPUT's text (UTF-8), for build-tool plugins. LABEL names the
// input in the generated comments. Exits 1 with a one-line message on bad input.

/// The text as the body of a Swift string literal: backslash, quote and control characters
/// escaped, everything else as is.
func literal(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out
}

/// Writes `message` to standard error and exits with status 1.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("EmbedText: " + message + "\n").utf8))
    exit(1)
}

let arguments = CommandLine.arguments
guard arguments.count == 5 else { fail("usage: EmbedText INPUT OUTPUT NAME LABEL") }
let (input, output, name, label) = (arguments[1], arguments[2], arguments[3], arguments[4])
guard let data = FileManager.default.contents(atPath: input) else { fail("\(input): cannot read") }
guard let text = String(data: data, encoding: .utf8) else { fail("\(input): not UTF-8 text") }
let source = """
    // Generated at build time by EmbedText from \(label); edit that file, not this one.

    /// The text of \(label), embedded at build time.
    let \(name): String = "\(literal(text))"

    """
do {
    try Data(source.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
} catch {
    fail("\(output): cannot write: \(error.localizedDescription)")
}
