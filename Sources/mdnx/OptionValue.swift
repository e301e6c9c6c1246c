import MDNIO
import SafeText

/// Numeric option values, parsed and range-checked where they enter: each option's `@Option`
/// names one of these parsers as its `transform` (with `parsing: .unconditional`, so that a
/// negative value like `--count -5` is read as a value and refused with the range, rather
/// than taken for an option and reported as a missing value). Numbers follow
/// `DecimalNumber`'s rule, like CSV cells; integers are plain decimal integers.
///
/// A refused value throws `OptionValueError`, one line naming the option, the allowed range
/// and the value: `--count must be an integer from 1 to 10000000 (got -5)`.
enum OptionValue {
    /// An integer within `range`.
    static func integer(_ option: String, _ range: ClosedRange<Int>) -> @Sendable (String) throws -> Int {
        { text in
            let t = DecimalNumber.trimmed(Substring(text))
            guard let v = Int(t), range.contains(v) else {
                throw OptionValueError(option: option, expected: "an integer \(describe(range))", got: text)
            }
            return v
        }
    }

    /// A seed: an integer from 0 to 2^64 - 1.
    static func seed(_ option: String = "--seed") -> @Sendable (String) throws -> UInt64 {
        { text in
            guard let v = UInt64(DecimalNumber.trimmed(Substring(text))) else {
                throw OptionValueError(
                    option: option, expected: "an integer from 0 to \(UInt64.max)", got: text)
            }
            return v
        }
    }

    /// A float32 number within `range` (`DecimalNumber`'s rule).
    static func float(_ option: String, _ range: NumberRange) -> @Sendable (String) throws -> Float {
        { text in
            guard case .number(let v) = DecimalNumber.read(text), range.contains(Double(v)) else {
                throw OptionValueError(option: option, expected: "a number \(range.text)", got: text)
            }
            return v
        }
    }

    /// A number within `range` (`DecimalNumber`'s rule), as Double.
    static func double(_ option: String, _ range: NumberRange) -> @Sendable (String) throws -> Double {
        { text in Double(try float(option, range)(text)) }
    }

    /// "from 1 to 10000000", or "of at least 0" when there is no upper bound.
    static func describe(_ range: ClosedRange<Int>) -> String {
        range.upperBound == Int.max
            ? "of at least \(range.lowerBound)" : "from \(range.lowerBound) to \(range.upperBound)"
    }
}

/// The allowed values of a real-valued option: bounds that may be open or closed.
struct NumberRange: Sendable {
    /// Lower bound and whether it is allowed.
    var lower: Double
    var includesLower: Bool
    /// Upper bound (nil: up to `DecimalNumber.largest`) and whether it is allowed.
    var upper: Double?
    var includesUpper: Bool

    /// Greater than 0 (and finite).
    static let positive = NumberRange(lower: 0, includesLower: false, upper: nil, includesUpper: true)
    /// 0 or more (and finite).
    static let nonNegative = NumberRange(lower: 0, includesLower: true, upper: nil, includesUpper: true)
    /// A fraction: 0 up to but not including 1.
    static let fraction = NumberRange(lower: 0, includesLower: true, upper: 1, includesUpper: false)

    /// `lower...upper`.
    static func closed(_ range: ClosedRange<Double>) -> NumberRange {
        NumberRange(lower: range.lowerBound, includesLower: true, upper: range.upperBound, includesUpper: true)
    }

    /// Whether `v` is allowed.
    func contains(_ v: Double) -> Bool {
        let aboveLower = includesLower ? v >= lower : v > lower
        guard let upper else { return aboveLower }
        return aboveLower && (includesUpper ? v <= upper : v < upper)
    }

    /// "greater than 0", "from 0 to 1", "from 0 up to (not including) 1", "of at least 0".
    var text: String {
        let low = Self.format(lower)
        guard let upper else { return includesLower ? "of at least \(low)" : "greater than \(low)" }
        let high = Self.format(upper)
        switch (includesLower, includesUpper) {
        case (true, true): return "from \(low) to \(high)"
        case (true, false): return "from \(low) up to (not including) \(high)"
        case (false, true): return "greater than \(low) and at most \(high)"
        case (false, false): return "between \(low) and \(high) (both excluded)"
        }
    }

    /// 0.05, 20, 1e-06: the shortest text that reads back.
    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : "\(v)"
    }
}

/// A numeric option value outside its range, or not a number: one line naming the option,
/// what it takes and the value given (escaped and cut).
struct OptionValueError: Error, CustomStringConvertible, Equatable {
    /// The option, e.g. `--count`.
    let option: String
    /// What it takes, e.g. "an integer from 1 to 10000000".
    let expected: String
    /// The text given.
    let got: String

    var description: String {
        let shown =
            DecimalNumber.read(got) == .notANumber ? SafeText.quoted(got, limit: 40) : SafeText.echo(got, limit: 40)
        return "\(option) must be \(expected) (got \(shown))"
    }
}
