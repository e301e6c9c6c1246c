import SafeText

/// The properties every fuzz target checks on what the code under test returns or throws.
public enum FuzzCheck {
    /// The longest error message accepted (the messages cut every echoed value).
    public static let maximumMessageLength = 2_000

    /// Traps (so libFuzzer records a crash with the input) unless `message` is one line
    /// without control characters and at most `maximumMessageLength` characters.
    public static func oneLine(_ message: String, _ context: String) {
        if message.unicodeScalars.contains(where: SafeText.needsEscape) {
            fatalError("\(context): control character in message: \(SafeText.echo(message, limit: 300))")
        }
        if message.count > maximumMessageLength {
            fatalError("\(context): message of \(message.count) characters: \(SafeText.echo(message, limit: 300))")
        }
    }

    /// Traps unless every value is finite.
    public static func finite(_ values: [Float], _ context: String) {
        if let bad = values.first(where: { !$0.isFinite }) { fatalError("\(context): non-finite value \(bad)") }
    }
}
