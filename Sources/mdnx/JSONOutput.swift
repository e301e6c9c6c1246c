import Foundation

/// JSON output shared by the commands: one compact object per line, keys sorted.
enum JSONOutput {
    /// Prints `record` as one line of JSON on standard output, paths' slashes as they are
    /// ("/", not "\/"). Throws `EncodingError` for a non-finite `Double` outside a `JSONNumber`
    /// (JSON has no NaN or infinities).
    static func printLine(_ record: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        Console.out(String(decoding: try encoder.encode(record), as: UTF8.self))
    }
}

/// A number for JSON, which has no infinities or NaN: those are written as `null`.
struct JSONNumber: Encodable, Equatable {
    /// The value.
    let value: Double

    /// Wraps `value`.
    init(_ value: Double) { self.value = value }

    /// Writes the value, or null when it is not finite.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if value.isFinite {
            try container.encode(value)
        } else {
            try container.encodeNil()
        }
    }
}
