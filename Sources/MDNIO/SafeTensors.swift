import Foundation
import MDNCore
import SafeIO
import SafeText

/// The safetensors file format (Hugging Face): an 8-byte little-endian header length N, N
/// bytes of JSON header `{"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin,
/// end]}, ..., "__metadata__": {string: string}}` padded with spaces so the data starts on
/// an 8-byte boundary, then the raw little-endian tensor bytes (offsets are relative to the
/// start of the data section).
///
/// We write F32 tensors, contiguous in the order given, and F16 for the tensors named in
/// `Contents.halfPrecision` (values that are half-precision numbers already, such as a
/// recording's weights). Reading is strict, as the reference implementation is: the header
/// must start with `{`, offsets must lie inside the data section, tensors must not overlap
/// and must cover it with no gaps, and each tensor's byte count must match its shape and
/// dtype. F32, F64, F16 and BF16 tensors are read (converted to Float). A file whose ninth byte is not `{` is "not a safetensors file" (a CSV or a text
/// file given by mistake), whatever its first eight bytes say.
public enum SafeTensors {
    /// A decoded file: tensors in data order, and the string metadata.
    public struct Contents: Sendable, Equatable {
        /// The tensors, in the order their bytes appear in the file.
        public var tensors: [NamedTensor]
        /// The `__metadata__` map (empty if absent).
        public var metadata: [String: String]
        /// The tensors stored as F16 (IEEE half precision, half the bytes): written so when
        /// every value is exactly a half-precision number (else writing fails); filled in
        /// with the F16 tensors of a file read.
        public var halfPrecision: Set<String>

        /// Contents from tensors and metadata; `halfPrecision` names the tensors to store as F16.
        public init(tensors: [NamedTensor], metadata: [String: String] = [:], halfPrecision: Set<String> = []) {
            self.tensors = tensors
            self.metadata = metadata
            self.halfPrecision = halfPrecision
        }

        /// The tensor called `name`, if present.
        public subscript(name: String) -> NamedTensor? { tensors.first { $0.name == name } }
    }

    /// Largest header we accept (the reference implementation's limit): 100 MB.
    public static let maximumHeaderLength = 100_000_000

    /// Every dtype the format defines, with its size in bytes.
    static let dtypeSizes: [String: Int] = [
        "BOOL": 1, "U8": 1, "I8": 1, "F8_E5M2": 1, "F8_E4M3": 1, "I16": 2, "U16": 2, "F16": 2,
        "BF16": 2, "I32": 4, "U32": 4, "F32": 4, "F64": 8, "I64": 8, "U64": 8,
    ]

    /// The dtypes mdnx converts to Float.
    static let readableDtypes: Set<String> = ["F32", "F64", "F16", "BF16"]

    // MARK: - Writing

    /// The file bytes for `contents`. Throws for duplicate names or the reserved name
    /// `__metadata__`.
    public static func encode(_ contents: Contents) throws(CheckpointError) -> [UInt8] {
        var header = HeaderRecord(metadata: contents.metadata.isEmpty ? nil : contents.metadata)
        var offset = 0
        for t in contents.tensors {
            if t.name == "__metadata__" { throw .invalidContents(reason: "tensor name '__metadata__' is reserved") }
            if header.tensors[t.name] != nil {
                throw .invalidContents(reason: "two tensors are named \(SafeText.quoted(t.name))")
            }
            let half = contents.halfPrecision.contains(t.name)
            if half, let v = t.values.first(where: { !$0.isNaN && Float(Float16($0)) != $0 }) {
                throw .invalidContents(
                    reason: "tensor \(SafeText.quoted(t.name)) holds \(v), not a half-precision number")
            }
            let size = t.values.count * (half ? 2 : 4)
            header.tensors[t.name] = TensorRecord(
                dtype: half ? "F16" : "F32", shape: t.shape, dataOffsets: [offset, offset + size])
            offset += size
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var json: [UInt8]
        do {
            json = Array(try encoder.encode(header))
        } catch {
            throw .invalidContents(reason: "cannot encode the header: \(SafeText.echo(String(describing: error)))")
        }
        while json.count % 8 != 0 { json.append(0x20) }
        var bytes = [UInt8]()
        bytes.reserveCapacity(8 + json.count + offset)
        var n = UInt64(json.count).littleEndian
        withUnsafeBytes(of: &n) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: json)
        for t in contents.tensors {
            if contents.halfPrecision.contains(t.name) {
                for v in t.values {
                    var le = Float16(v).bitPattern.littleEndian
                    withUnsafeBytes(of: &le) { bytes.append(contentsOf: $0) }
                }
            } else {
                for v in t.values {
                    var le = v.bitPattern.littleEndian
                    withUnsafeBytes(of: &le) { bytes.append(contentsOf: $0) }
                }
            }
        }
        return bytes
    }

    /// Writes `contents` to `path` atomically (no-clobber unless `overwrite`).
    public static func write(_ contents: Contents, to path: String, overwrite: Bool = false) throws(CheckpointError) {
        let bytes = try encode(contents)
        do {
            try AtomicFile.write(bytes, to: path, overwrite: overwrite)
        } catch {
            throw .write(error)
        }
    }

    // MARK: - Reading

    /// Reads and validates the safetensors file at `path`.
    public static func read(path: String) throws(CheckpointError) -> Contents {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .noSuchFile(path: path)
        }
        if isDirectory.boolValue { throw .unreadable(path: path, reason: "is a directory") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "permission denied or I/O error")
        }
        return try decode([UInt8](data), path: path)
    }

    /// Decodes and validates file bytes; `path` is only used in error messages.
    public static func decode(_ bytes: [UInt8], path: String) throws(CheckpointError) -> Contents {
        let reader = Reader(bytes: bytes, path: path)
        let headerLength = try reader.headerLength()
        let header = try reader.header(length: headerLength)
        let dataStart = 8 + headerLength
        let dataLength = bytes.count - dataStart
        let metadata = try reader.metadata(header["__metadata__"])
        var entries: [Entry] = []
        for (name, value) in header where name != "__metadata__" {
            entries.append(try reader.entry(name: name, value, dataLength: dataLength))
        }
        entries.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        try reader.checkCoverage(entries, dataLength: dataLength)
        var tensors: [NamedTensor] = []
        tensors.reserveCapacity(entries.count)
        for e in entries { tensors.append(try reader.tensor(e, dataStart: dataStart)) }
        return Contents(
            tensors: tensors, metadata: metadata, halfPrecision: Set(entries.filter { $0.dtype == "F16" }.map(\.name)))
    }

    /// One tensor's header entry, checked against the data section.
    struct Entry {
        let name: String
        let dtype: String
        let shape: [Int]
        let begin: Int
        let end: Int
    }

    /// The checks and conversions of `decode`, one step each; errors name the file.
    private struct Reader {
        let bytes: [UInt8]
        let path: String

        func bad(_ reason: String) -> CheckpointError { .malformed(path: path, reason: reason) }

        /// The header length N from the first 8 bytes, after checking that the file looks like
        /// safetensors at all (its ninth byte opens the JSON header).
        func headerLength() throws(CheckpointError) -> Int {
            guard bytes.count >= 8 else {
                throw bad(
                    "truncated: \(bytes.count) byte\(bytes.count == 1 ? "" : "s"), shorter than the 8-byte header length"
                )
            }
            if bytes.count > 8 && bytes[8] != UInt8(ascii: "{") {
                throw .notSafeTensors(path: path, start: Array(bytes.prefix(24)))
            }
            var length: UInt64 = 0
            for i in 0..<8 { length |= UInt64(bytes[i]) << (8 * UInt64(i)) }
            guard length <= UInt64(maximumHeaderLength) else {
                throw bad("header length \(length) is larger than the limit of \(maximumHeaderLength) bytes")
            }
            let headerLength = Int(length)
            guard headerLength <= bytes.count - 8 else {
                throw bad("header length \(headerLength) runs past the end of the file (\(bytes.count) bytes)")
            }
            guard headerLength > 0 else { throw bad("header is not a JSON object") }
            return headerLength
        }

        /// The JSON header as an object.
        func header(length: Int) throws(CheckpointError) -> [String: JSONValue] {
            let value: JSONValue
            do {
                value = try JSONDecoder().decode(JSONValue.self, from: Data(bytes[8..<(8 + length)]))
            } catch {
                throw bad("header is not valid JSON")
            }
            guard case .object(let header) = value else { throw bad("header is not a JSON object") }
            return header
        }

        /// The `__metadata__` map: strings only.
        func metadata(_ value: JSONValue?) throws(CheckpointError) -> [String: String] {
            guard let value else { return [:] }
            guard case .object(let map) = value else { throw bad("__metadata__ is not an object") }
            var metadata: [String: String] = [:]
            for (key, v) in map {
                guard case .string(let s) = v else {
                    throw bad("__metadata__ value for \(SafeText.quoted(key)) is not a string")
                }
                metadata[key] = s
            }
            return metadata
        }

        /// One tensor's entry: dtype known, shape and offsets valid, byte count matching.
        func entry(name: String, _ value: JSONValue, dataLength: Int) throws(CheckpointError) -> Entry {
            let tensor = "tensor \(SafeText.quoted(name))"
            guard case .object(let info) = value else { throw bad("\(tensor) is not an object") }
            guard case .string(let dtype)? = info["dtype"] else { throw bad("\(tensor) has no dtype") }
            guard let size = dtypeSizes[dtype] else {
                throw bad("\(tensor) has unknown dtype \(SafeText.quoted(dtype))")
            }
            guard let shape = info["shape"]?.integers, shape.allSatisfy({ $0 >= 0 }) else {
                throw bad("\(tensor) has no valid shape (a list of non-negative integers)")
            }
            guard let offsets = info["data_offsets"]?.integers, offsets.count == 2 else {
                throw bad("\(tensor) has no valid data_offsets (two integers)")
            }
            let (begin, end) = (offsets[0], offsets[1])
            guard begin >= 0, begin <= end, end <= dataLength else {
                throw bad(
                    "\(tensor) data_offsets [\(begin), \(end)] are outside the data section (\(dataLength) bytes)")
            }
            let shapeText = SafeText.echo("\(shape)")
            var elements = 1
            for d in shape {
                let (m, overflow) = elements.multipliedReportingOverflow(by: d)
                guard !overflow else { throw bad("\(tensor) shape \(shapeText) is too large") }
                elements = m
            }
            let (needed, overflow) = elements.multipliedReportingOverflow(by: size)
            guard !overflow, needed == end - begin else {
                throw bad(
                    "\(tensor) of shape \(shapeText) and dtype \(dtype) needs \(overflow ? "too many" : String(needed)) "
                        + "bytes, but its data_offsets [\(begin), \(end)] span \(end - begin)")
            }
            return Entry(name: name, dtype: dtype, shape: shape, begin: begin, end: end)
        }

        /// Tensors sorted by offset cover the data section exactly, without overlaps or gaps.
        func checkCoverage(_ entries: [Entry], dataLength: Int) throws(CheckpointError) {
            var covered = 0
            var previous: Entry? = nil
            for e in entries {
                if e.begin < covered, let p = previous {
                    throw bad(
                        "tensors \(SafeText.quoted(p.name)) [\(p.begin), \(p.end)] and \(SafeText.quoted(e.name)) "
                            + "[\(e.begin), \(e.end)] overlap")
                }
                if e.begin > covered { throw bad("data bytes [\(covered), \(e.begin)] belong to no tensor") }
                covered = e.end
                previous = e
            }
            if covered != dataLength { throw bad("data bytes [\(covered), \(dataLength)] belong to no tensor") }
        }

        /// The tensor's values as Float (F32, F64 and BF16; other dtypes are refused).
        func tensor(_ e: Entry, dataStart: Int) throws(CheckpointError) -> NamedTensor {
            guard readableDtypes.contains(e.dtype) else {
                throw .notACheckpoint(
                    path: path,
                    reason: "tensor \(SafeText.quoted(e.name)) has dtype \(e.dtype); mdnx reads F32, F64, F16 and BF16")
            }
            let start = dataStart + e.begin
            let values = bytes.withUnsafeBytes { raw -> [Float] in
                let base = raw.baseAddress! + start
                switch e.dtype {
                case "F64": return SafeTensors.floats(base, count: (e.end - e.begin) / 8, as: UInt64.self)
                case "BF16": return SafeTensors.floats(base, count: (e.end - e.begin) / 2, as: UInt16.self)
                case "F16": return SafeTensors.halves(base, count: (e.end - e.begin) / 2)
                default: return SafeTensors.floats(base, count: (e.end - e.begin) / 4, as: UInt32.self)
                }
            }
            return NamedTensor(name: e.name, shape: e.shape, values: values)
        }
    }

    /// `count` little-endian IEEE half-precision values at `base`, as Float (exactly).
    static func halves(_ base: UnsafeRawPointer, count: Int) -> [Float] {
        (0..<count).map { i in
            Float(Float16(bitPattern: UInt16(littleEndian: base.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))))
        }
    }

    /// `count` little-endian values of the given width at `base`, as Float: UInt32 is F32,
    /// UInt64 is F64 (rounded to Float), UInt16 is BF16 (the top half of an F32).
    static func floats<Bits: FixedWidthInteger & UnsignedInteger>(
        _ base: UnsafeRawPointer, count: Int, as: Bits.Type
    ) -> [Float] {
        let width = MemoryLayout<Bits>.size
        return (0..<count).map { i in
            let bits = Bits(littleEndian: base.loadUnaligned(fromByteOffset: width * i, as: Bits.self))
            switch width {
            case 8: return Float(Double(bitPattern: UInt64(bits)))
            case 2: return Float(bitPattern: UInt32(bits) << 16)
            default: return Float(bitPattern: UInt32(bits))
            }
        }
    }
}

/// The header as written: tensors by name, and the metadata map under `__metadata__`.
private struct HeaderRecord: Encodable {
    var metadata: [String: String]?
    var tensors: [String: TensorRecord] = [:]

    init(metadata: [String: String]?) { self.metadata = metadata }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: NameKey.self)
        if let metadata { try container.encode(metadata, forKey: NameKey("__metadata__")) }
        for (name, record) in tensors { try container.encode(record, forKey: NameKey(name)) }
    }
}

/// One tensor's header entry as written.
private struct TensorRecord: Encodable {
    let dtype: String
    let shape: [Int]
    let dataOffsets: [Int]

    enum CodingKeys: String, CodingKey {
        case dtype, shape
        case dataOffsets = "data_offsets"
    }
}

/// A coding key made from any string (tensor names).
private struct NameKey: CodingKey {
    let stringValue: String
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    var intValue: Int? { nil }
    init?(intValue: Int) { nil }
}
