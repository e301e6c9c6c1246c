import ArgumentParser

/// The value of `mdnx train --mixtures`: a number of components, or `auto` to choose it
/// from a ladder by validation NLL (`MixtureSearch`).
enum MixturesOption: Equatable, ExpressibleByArgument, CustomStringConvertible {
    /// Exactly this many components.
    case fixed(Int)
    /// Chosen by `MixtureSearch`.
    case auto

    /// The values of K `--mixtures` accepts.
    static let range = 1...1000

    /// Parses `auto` or a whole number in `range` (`--mixtures`' transform): throws
    /// `OptionValueError` naming the range otherwise.
    static func parse(_ text: String) throws(OptionValueError) -> MixturesOption {
        try parse(text, range: range)
    }

    /// `parse` with another range of K (the explorer's).
    static func parser(range: ClosedRange<Int>) -> @Sendable (String) throws -> MixturesOption {
        { text in try parse(text, range: range) }
    }

    /// Parses `auto` or a whole number in `range`.
    static func parse(_ text: String, range: ClosedRange<Int>) throws(OptionValueError) -> MixturesOption {
        guard let value = MixturesOption(argument: text), value.fixed.map(range.contains) ?? true else {
            throw OptionValueError(
                option: "--mixtures", expected: "an integer \(OptionValue.describe(range)), or auto", got: text)
        }
        return value
    }

    /// Parses `auto` or a whole number (not range-checked: see `parse`).
    init?(argument: String) {
        if argument == "auto" {
            self = .auto
        } else if let k = Int(argument) {
            self = .fixed(k)
        } else {
            return nil
        }
    }

    /// As a user would type it.
    var description: String {
        switch self {
        case .auto: return "auto"
        case .fixed(let k): return String(k)
        }
    }

    /// The fixed K, or nil for `auto`.
    var fixed: Int? {
        if case .fixed(let k) = self { return k }
        return nil
    }
}
