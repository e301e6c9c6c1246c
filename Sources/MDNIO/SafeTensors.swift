import Foundation
import MDNCore
import SafeIO

/// The safetensors file format (Hugging Face): an 8-byte little-endian header length N, N
/// bytes of JSON header `{"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin,
/// end]}, ..., "__metadata__": {string: string}}` padded with spaces so the data starts on
/// an 8-byte boundary, then the raw little-endian tensor bytes (offsets are relative to the
/// start of the data section).
///
/// We write F32 tensors, contiguous in the order given. Reading is strict, as the reference
/// implementation is: offsets must lie inside the data section, tensors must not overlap and
/// must cover it with no gaps, and each tensor's byte count must match its shape and dtype.
/// F32, F64 and BF16 tensors are read (converted to Float).
public enum SafeTensors {
    /// A decoded file: tensors in data order, and the string metadata.
    public struct Contents: Sendable, Equatable {
        /// The tensors, in the order their bytes appear in the file.
        public var tensors: [NamedTensor]
        /// The `__metadata__` map (empty if absent).
        public var metadata: [String: String]

        /// Contents from tensors and metadata.
        public init(tensors: [NamedTensor], metadata: [String: String] = [:]) {
            self.tensors = tensors
            self.metadata = metadata
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

    /// The file bytes for `contents`. Throws for duplicate names or the reserved name
    /// `__metadata__`.
    public static func encode(_ contents: Contents) throws(CheckpointError) -> [UInt8] {
        var header: [String: Any] = [:]
        var offset = 0
        for t in contents.tensors {
            if t.name == "__metadata__" { throw .invalidContents(reason: "tensor name '__metadata__' is reserved") }
            if header[t.name] != nil { throw .invalidContents(reason: "two tensors are named '\(t.name)'") }
            let size = t.values.count * 4
            header[t.name] =
                ["dtype": "F32", "shape": t.shape, "data_offsets": [offset, offset + size]] as [String: Any]
            offset += size
        }
        if !contents.metadata.isEmpty { header["__metadata__"] = contents.metadata }
        var json: [UInt8]
        do {
            json = Array(try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]))
        } catch {
            throw .invalidContents(reason: "cannot encode the header: \(error)")
        }
        while json.count % 8 != 0 { json.append(0x20) }
        var bytes = [UInt8]()
        bytes.reserveCapacity(8 + json.count + offset)
        var n = UInt64(json.count).littleEndian
        withUnsafeBytes(of: &n) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: json)
        for t in contents.tensors {
            for v in t.values {
                var le = v.bitPattern.littleEndian
                withUnsafeBytes(of: &le) { bytes.append(contentsOf: $0) }
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
        func bad(_ reason: String) -> CheckpointError { .malformed(path: path, reason: reason) }
        guard bytes.count >= 8 else {
            throw bad(
                "truncated: \(bytes.count) byte\(bytes.count == 1 ? "" : "s"), shorter than the 8-byte header length")
        }
        var length: UInt64 = 0
        for i in 0..<8 { length |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard length <= UInt64(maximumHeaderLength) else {
            throw bad("header length \(length) is larger than the limit of \(maximumHeaderLength) bytes")
        }
        let headerLength = Int(length)
        guard 8 + headerLength <= bytes.count else {
            throw bad("header length \(headerLength) runs past the end of the file (\(bytes.count) bytes)")
        }
        let headerBytes = bytes[8..<(8 + headerLength)]
        guard headerLength > 0, headerBytes.first == UInt8(ascii: "{") else {
            throw bad("header is not a JSON object")
        }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(headerBytes), options: [])
        } catch {
            throw bad("header is not valid JSON")
        }
        guard let header = parsed as? [String: Any] else { throw bad("header is not a JSON object") }
        let dataStart = 8 + headerLength
        let dataLength = bytes.count - dataStart

        var metadata: [String: String] = [:]
        if let raw = header["__metadata__"] {
            guard let map = raw as? [String: Any] else { throw bad("__metadata__ is not an object") }
            for (k, v) in map {
                guard let s = v as? String else { throw bad("__metadata__ value for '\(k)' is not a string") }
                metadata[k] = s
            }
        }

        struct Entry {
            let name: String
            let dtype: String
            let shape: [Int]
            let begin: Int
            let end: Int
        }
        var entries: [Entry] = []
        for (name, raw) in header where name != "__metadata__" {
            guard let info = raw as? [String: Any] else { throw bad("tensor '\(name)' is not an object") }
            guard let dtype = info["dtype"] as? String else { throw bad("tensor '\(name)' has no dtype") }
            guard let size = dtypeSizes[dtype] else { throw bad("tensor '\(name)' has unknown dtype '\(dtype)'") }
            guard let shapeRaw = info["shape"] as? [Any], let shape = integers(shapeRaw), shape.allSatisfy({ $0 >= 0 })
            else { throw bad("tensor '\(name)' has no valid shape (a list of non-negative integers)") }
            guard let offRaw = info["data_offsets"] as? [Any], let off = integers(offRaw), off.count == 2 else {
                throw bad("tensor '\(name)' has no valid data_offsets (two integers)")
            }
            let (begin, end) = (off[0], off[1])
            guard begin >= 0, begin <= end, end <= dataLength else {
                throw bad(
                    "tensor '\(name)' data_offsets [\(begin), \(end)] are outside the data section "
                        + "(\(dataLength) bytes)")
            }
            var elements = 1
            for d in shape {
                let (m, overflow) = elements.multipliedReportingOverflow(by: d)
                guard !overflow else { throw bad("tensor '\(name)' shape \(shape) is too large") }
                elements = m
            }
            let (needed, overflow) = elements.multipliedReportingOverflow(by: size)
            guard !overflow, needed == end - begin else {
                throw bad(
                    "tensor '\(name)' of shape \(shape) and dtype \(dtype) needs \(overflow ? "too many" : String(needed)) "
                        + "bytes, but its data_offsets [\(begin), \(end)] span \(end - begin)")
            }
            entries.append(Entry(name: name, dtype: dtype, shape: shape, begin: begin, end: end))
        }
        entries.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        var covered = 0
        var previous: Entry? = nil
        for e in entries {
            if e.begin < covered, let p = previous {
                throw bad("tensors '\(p.name)' [\(p.begin), \(p.end)] and '\(e.name)' [\(e.begin), \(e.end)] overlap")
            }
            if e.begin > covered { throw bad("data bytes [\(covered), \(e.begin)] belong to no tensor") }
            covered = e.end
            previous = e
        }
        if covered != dataLength { throw bad("data bytes [\(covered), \(dataLength)] belong to no tensor") }

        var tensors: [NamedTensor] = []
        tensors.reserveCapacity(entries.count)
        for e in entries {
            guard e.dtype == "F32" || e.dtype == "F64" || e.dtype == "BF16" else {
                throw .notACheckpoint(
                    path: path, reason: "tensor '\(e.name)' has dtype \(e.dtype); mdnx reads F32, F64 and BF16")
            }
            let values = bytes.withUnsafeBytes { raw -> [Float] in
                let base = raw.baseAddress! + dataStart + e.begin
                switch e.dtype {
                case "F64":
                    return (0..<((e.end - e.begin) / 8)).map {
                        Float(
                            Double(
                                bitPattern: UInt64(
                                    littleEndian: base.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self))))
                    }
                case "BF16":
                    return (0..<((e.end - e.begin) / 2)).map {
                        Float(
                            bitPattern: UInt32(
                                UInt16(littleEndian: base.loadUnaligned(fromByteOffset: 2 * $0, as: UInt16.self))) << 16
                        )
                    }
                default:
                    return (0..<((e.end - e.begin) / 4)).map {
                        Float(
                            bitPattern: UInt32(
                                littleEndian: base.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self)))
                    }
                }
            }
            tensors.append(NamedTensor(name: e.name, shape: e.shape, values: values))
        }
        return Contents(tensors: tensors, metadata: metadata)
    }

    /// JSON numbers that are whole (2 or 2.0; not 2.5), else nil.
    private static func integers(_ values: [Any]) -> [Int]? {
        var out: [Int] = []
        for v in values {
            guard let n = v as? NSNumber else { return nil }
            let d = n.doubleValue
            guard d == d.rounded(), abs(d) < 9.0e15 else { return nil }
            out.append(n.intValue)
        }
        return out
    }
}
