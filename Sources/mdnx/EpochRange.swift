import ArgumentParser

/// `mdnx plot --animate --epochs A:B`: the first and last epoch to show, 1-based and
/// inclusive; `A:` runs to the last recorded epoch, `:B` starts at the first.
struct EpochRange: ExpressibleByArgument, Equatable {
    /// The option's text.
    let text: String
    /// The first epoch (1 when omitted).
    let first: Int
    /// The last epoch (nil: the last recorded one).
    let last: Int?

    /// The range `text` describes; throws `.notAnEpochRange` unless it is A:B, A: or :B with
    /// 1 <= A <= B.
    init(parsing text: String) throws(ArgumentValueError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !(parts[0].isEmpty && parts[1].isEmpty) else { throw .notAnEpochRange }
        let first = parts[0].isEmpty ? 1 : Int(parts[0])
        let last = parts[1].isEmpty ? nil : Int(parts[1])
        guard let first, first >= 1, parts[1].isEmpty || (last.map { $0 >= first } ?? false) else {
            throw .notAnEpochRange
        }
        self.text = text
        self.first = first
        self.last = last
    }

    /// The range `argument` describes, or nil (see `init(parsing:)`).
    init?(argument: String) {
        guard let range = try? EpochRange(parsing: argument) else { return nil }
        self = range
    }

    /// The range within `available` recorded epochs (the last one when `last` is nil).
    func resolved(available: Int) -> ClosedRange<Int> { first...max(first, last ?? available) }

    var defaultValueDescription: String { text }
}
