import Foundation

/// JSON output shared by the commands: one compact object per line, keys sorted.
enum JSONOutput {
    /// Prints `object` as one line of JSON on standard output.
    static func printLine(_ object: [String: Any]) throws {
        let bytes = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        print(String(decoding: bytes, as: UTF8.self))
    }

    /// Prints the `Encodable` record `value` as one line of JSON on standard output, keys sorted.
    static func printLine<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// A number for JSON, which has no infinities or NaN: those become null.
    static func number(_ value: Double) -> Any { value.isFinite ? value : NSNull() }
}
