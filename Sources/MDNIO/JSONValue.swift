/// Any JSON value, decoded with `JSONDecoder` (`Codable`, no `[String: Any]`), for formats
/// whose keys are data (the safetensors header names its tensors by key).
enum JSONValue: Decodable, Equatable, Sendable {
    case null
    case bool(Bool)
    /// A number written without a fraction or exponent that fits in Int.
    case integer(Int)
    /// Any other number.
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int.self) {
            self = .integer(i)
        } else if let d = try? c.decode(Double.self) {
            self = .number(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONValue].self))
        }
    }

    /// A list of whole numbers (2 or 2.0, not 2.5; magnitudes below 9e15), else nil.
    var integers: [Int]? {
        guard case .array(let values) = self else { return nil }
        var out: [Int] = []
        out.reserveCapacity(values.count)
        for v in values {
            switch v {
            case .integer(let i) where abs(i) < 9_000_000_000_000_000: out.append(i)
            case .number(let d) where d == d.rounded() && abs(d) < 9.0e15: out.append(Int(d))
            default: return nil
            }
        }
        return out
    }
}
