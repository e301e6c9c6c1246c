import Foundation
import MDNCoreTestSupport
import Testing

@testable import MDNCore
@testable import MDNIO

/// Bytes written by Python's reference implementation (safetensors 0.8.0, numpy 2.4.6):
///
///     import numpy as np
///     from safetensors.numpy import save_file
///     save_file({'w': np.arange(6, dtype=np.float32).reshape(2, 3) * 0.5 - 1,
///                'b': np.array([1e-8, -3.25], dtype=np.float32),
///                'd': np.array([0.1], dtype=np.float64)},
///               'fixture.safetensors', metadata={'kind': 'mdn'})
///
/// Header (200 bytes, space-padded): {"__metadata__":{"kind":"mdn"},"d":{"dtype":"F64",
/// "shape":[1],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]},
/// "w":{"dtype":"F32","shape":[2,3],"data_offsets":[16,40]}}
private let pythonFixture: [UInt8] = [
    0xC8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x7B, 0x22, 0x5F, 0x5F, 0x6D, 0x65, 0x74, 0x61, 0x64, 0x61,
    0x74, 0x61, 0x5F, 0x5F, 0x22, 0x3A, 0x7B, 0x22, 0x6B, 0x69, 0x6E, 0x64, 0x22, 0x3A, 0x22, 0x6D, 0x64, 0x6E,
    0x22, 0x7D, 0x2C, 0x22, 0x64, 0x22, 0x3A, 0x7B, 0x22, 0x64, 0x74, 0x79, 0x70, 0x65, 0x22, 0x3A, 0x22, 0x46,
    0x36, 0x34, 0x22, 0x2C, 0x22, 0x73, 0x68, 0x61, 0x70, 0x65, 0x22, 0x3A, 0x5B, 0x31, 0x5D, 0x2C, 0x22, 0x64,
    0x61, 0x74, 0x61, 0x5F, 0x6F, 0x66, 0x66, 0x73, 0x65, 0x74, 0x73, 0x22, 0x3A, 0x5B, 0x30, 0x2C, 0x38, 0x5D,
    0x7D, 0x2C, 0x22, 0x62, 0x22, 0x3A, 0x7B, 0x22, 0x64, 0x74, 0x79, 0x70, 0x65, 0x22, 0x3A, 0x22, 0x46, 0x33,
    0x32, 0x22, 0x2C, 0x22, 0x73, 0x68, 0x61, 0x70, 0x65, 0x22, 0x3A, 0x5B, 0x32, 0x5D, 0x2C, 0x22, 0x64, 0x61,
    0x74, 0x61, 0x5F, 0x6F, 0x66, 0x66, 0x73, 0x65, 0x74, 0x73, 0x22, 0x3A, 0x5B, 0x38, 0x2C, 0x31, 0x36, 0x5D,
    0x7D, 0x2C, 0x22, 0x77, 0x22, 0x3A, 0x7B, 0x22, 0x64, 0x74, 0x79, 0x70, 0x65, 0x22, 0x3A, 0x22, 0x46, 0x33,
    0x32, 0x22, 0x2C, 0x22, 0x73, 0x68, 0x61, 0x70, 0x65, 0x22, 0x3A, 0x5B, 0x32, 0x2C, 0x33, 0x5D, 0x2C, 0x22,
    0x64, 0x61, 0x74, 0x61, 0x5F, 0x6F, 0x66, 0x66, 0x73, 0x65, 0x74, 0x73, 0x22, 0x3A, 0x5B, 0x31, 0x36, 0x2C,
    0x34, 0x30, 0x5D, 0x7D, 0x7D, 0x20, 0x20, 0x20, 0x20, 0x20, 0x9A, 0x99, 0x99, 0x99, 0x99, 0x99, 0xB9, 0x3F,
    0x77, 0xCC, 0x2B, 0x32, 0x00, 0x00, 0x50, 0xC0, 0x00, 0x00, 0x80, 0xBF, 0x00, 0x00, 0x00, 0xBF, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x3F, 0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0xC0, 0x3F,
]

/// A file with `header` (JSON text, padded here) and `data` bytes.
private func file(header: String, data: [UInt8]) -> [UInt8] {
    var h = Array(header.utf8)
    while h.count % 8 != 0 { h.append(0x20) }
    var n = UInt64(h.count).littleEndian
    return withUnsafeBytes(of: &n) { Array($0) } + h + data
}

@Suite struct SafeTensorsTests {
    let dir = TemporaryDirectory()

    private func message(_ bytes: [UInt8]) -> String? {
        do {
            _ = try SafeTensors.decode(bytes, path: "m.safetensors")
            return nil
        } catch { return error.description }
    }

    private let sample = SafeTensors.Contents(
        tensors: [
            NamedTensor(name: "trunk.0.kernel", shape: [1, 3], values: [0.5, -1.25, 3e-7]),
            NamedTensor(name: "trunk.0.bias", shape: [3], values: [0, .greatestFiniteMagnitude, -0.0]),
            NamedTensor(name: "empty", shape: [0, 4], values: []),
            NamedTensor(name: "head.kernel", shape: [3, 2], values: [1, 2, 3, 4, 5, 6]),
        ], metadata: ["kind": "mdn", "note": "ünïcödé, \"quotes\""])

    @Test func roundTrip() throws {
        let bytes = try SafeTensors.encode(sample)
        // Data starts on an 8-byte boundary; data size = (3 + 3 + 0 + 6) * 4.
        let headerLength = Int(bytes[0]) | Int(bytes[1]) << 8
        #expect(headerLength % 8 == 0 && bytes.count == 8 + headerLength + 48)
        let back = try SafeTensors.decode(bytes, path: "x")
        #expect(back == sample)
        let p = dir.path + "/rt.safetensors"
        try SafeTensors.write(sample, to: p)
        #expect(try SafeTensors.read(path: p) == sample)
        #expect(throws: CheckpointError.write(.exists(path: p))) { try SafeTensors.write(sample, to: p) }
        try SafeTensors.write(SafeTensors.Contents(tensors: []), to: p, overwrite: true)
        #expect(try SafeTensors.read(path: p).tensors.isEmpty)
    }

    @Test func readsPythonFixture() throws {
        let c = try SafeTensors.decode(pythonFixture, path: "fixture")
        #expect(c.metadata == ["kind": "mdn"])
        #expect(c.tensors.map(\.name) == ["d", "b", "w"])
        #expect(c["w"] == NamedTensor(name: "w", shape: [2, 3], values: [-1, -0.5, 0, 0.5, 1, 1.5]))
        #expect(c["b"]?.values == [1e-8, -3.25])
        #expect(c["d"]?.values == [Float(0.1 as Double)])
    }

    @Test(
        .enabled(
            if: Python.hasSafetensors || Python.isCI,
            "needs python3 with safetensors and numpy (.ci/setup installs them; with CI set this fails instead)"))
    func loadsFileWrittenByPython() throws {
        try #require(Python.hasSafetensors, "python3 with safetensors + numpy is required when CI is set")
        let p = dir.path + "/py.safetensors"
        let script = """
            import sys, numpy as np
            from safetensors.numpy import save_file
            save_file({"a": (np.arange(12, dtype=np.float32).reshape(3, 4) / 7).astype(np.float32),
                       "z": np.zeros((0, 2), np.float32), "c": np.array([1e30, -2.5], np.float64),
                       "h": np.array([1.5, -0.15625], np.float32)}, sys.argv[1], metadata={"k": "v", "x": "\\u00e9"})
            """
        let r = Python.run(script, arguments: [p])
        try #require(r.status == 0, "python failed: \(r.error)")
        let c = try SafeTensors.read(path: p)
        #expect(c.metadata == ["k": "v", "x": "é"])
        // Reference values computed here the way numpy does: float32(i) / float32(7).
        #expect(c["a"] == NamedTensor(name: "a", shape: [3, 4], values: (0..<12).map { Float($0) / Float(7) }))
        #expect(c["z"]?.shape == [0, 2] && c["z"]?.values == [])
        #expect(c["c"]?.values == [Float(1e30 as Double), -2.5])
        #expect(c["h"]?.values == [1.5, -0.15625])
    }

    @Test(
        .enabled(
            if: Python.hasSafetensors || Python.isCI,
            "needs python3 with safetensors and numpy (.ci/setup installs them; with CI set this fails instead)"))
    func pythonLoadsOurFile() throws {
        try #require(Python.hasSafetensors, "python3 with safetensors + numpy is required when CI is set")
        let p = dir.path + "/ours.safetensors"
        try SafeTensors.write(sample, to: p)
        let script = """
            import sys, json
            from safetensors.numpy import load_file
            from safetensors import safe_open
            t = load_file(sys.argv[1])
            with safe_open(sys.argv[1], "np") as f:
                meta = f.metadata()
            print(json.dumps({"meta": meta, "tensors": {k: {"dtype": str(v.dtype), "shape": list(v.shape),
                  "values": [repr(float(x)) for x in v.ravel()]} for k, v in t.items()}}))
            """
        let r = Python.run(script, arguments: [p])
        try #require(r.status == 0, "python failed: \(r.error)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any])
        #expect(json["meta"] as? [String: String] == sample.metadata)
        let tensors = try #require(json["tensors"] as? [String: [String: Any]])
        #expect(Set(tensors.keys) == Set(sample.tensors.map(\.name)))
        for t in sample.tensors {
            let py = try #require(tensors[t.name])
            #expect(py["dtype"] as? String == "float32")
            #expect(py["shape"] as? [Int] == t.shape)
            let values = (py["values"] as? [String] ?? []).map { Float(Double($0)!) }
            #expect(values.map(\.bitPattern) == t.values.map(\.bitPattern), "tensor \(t.name)")
        }
    }

    @Test("F16 tensors: half the bytes, read back exactly; values that are not half-precision numbers are refused")
    func halfPrecisionTensors() throws {
        // Half-precision numbers: 1 + 2^-10 (the next after 1), 65504 (the largest), 2^-24
        // (the smallest subnormal), a negative zero and an infinity.
        let values: [Float] = [1 + 1 / 1024, 65504, 1 / 16_777_216, -0.0, -.infinity, -2.5]
        let contents = SafeTensors.Contents(
            tensors: [
                NamedTensor(name: "h", shape: [2, 3], values: values),
                NamedTensor(name: "f", shape: [1], values: [0.1]),
            ],
            halfPrecision: ["h"])
        let bytes = try SafeTensors.encode(contents)
        let plain = try SafeTensors.encode(SafeTensors.Contents(tensors: contents.tensors))
        #expect(plain.count - bytes.count == 6 * 2, "each F16 value takes 2 bytes, not 4")
        let back = try SafeTensors.decode(bytes, path: "h.safetensors")
        #expect(back.halfPrecision == ["h"])
        #expect(back["h"]?.values.map(\.bitPattern) == values.map(\.bitPattern))
        #expect(back["f"]?.values == [0.1])
        let inexact = SafeTensors.Contents(
            tensors: [NamedTensor(name: "h", shape: [1], values: [0.1])], halfPrecision: ["h"])
        #expect(throws: CheckpointError.self) { try SafeTensors.encode(inexact) }
    }

    @Test(
        "Python's safetensors writes float16 that we read, and reads our F16 as float16",
        .enabled(
            if: Python.hasSafetensors || Python.isCI,
            "needs python3 with safetensors and numpy (.ci/setup installs them; with CI set this fails instead)"))
    func halfPrecisionAgreesWithPython() throws {
        try #require(Python.hasSafetensors, "python3 with safetensors + numpy is required when CI is set")
        let theirs = dir.path + "/py16.safetensors"
        let write = """
            import sys, numpy as np
            from safetensors.numpy import save_file
            save_file({"h": np.array([0.1, -3.0, 65504, 2**-24], np.float16)}, sys.argv[1])
            """
        let w = Python.run(write, arguments: [theirs])
        try #require(w.status == 0, "python failed: \(w.error)")
        // numpy's float16(0.1) is 0.0999755859375 (1638 / 16384), the nearest half to 0.1.
        #expect(try SafeTensors.read(path: theirs)["h"]?.values == [0.0999755859375, -3, 65504, 1 / 16_777_216])
        let ours = dir.path + "/ours16.safetensors"
        try SafeTensors.write(
            SafeTensors.Contents(
                tensors: [NamedTensor(name: "w", shape: [3], values: [0.5, -1.25, 2048])], halfPrecision: ["w"]),
            to: ours)
        let read = """
            import sys
            from safetensors.numpy import load_file
            t = load_file(sys.argv[1])["w"]
            print(t.dtype, " ".join(repr(float(x)) for x in t))
            """
        let r = Python.run(read, arguments: [ours])
        try #require(r.status == 0, "python failed: \(r.error)")
        #expect(r.output.trimmingCharacters(in: .whitespacesAndNewlines) == "float16 0.5 -1.25 2048.0")
    }

    @Test func encodeRejectsBadNames() {
        let twice = SafeTensors.Contents(tensors: [
            NamedTensor(name: "a", shape: [1], values: [1]),
            NamedTensor(name: "a", shape: [1], values: [2]),
        ])
        #expect(throws: CheckpointError.invalidContents(reason: "two tensors are named \"a\"")) {
            try SafeTensors.encode(twice)
        }
        #expect(
            (try? SafeTensors.encode(
                SafeTensors.Contents(tensors: [
                    NamedTensor(name: "__metadata__", shape: [1], values: [1])
                ]))) == nil)
    }

    @Test func corruptFilesGiveExactErrors() {
        let prefix = "m.safetensors: not a valid safetensors file: "
        #expect(message([1, 2, 3]) == prefix + "truncated: 3 bytes, shorter than the 8-byte header length")
        #expect(message([]) == prefix + "truncated: 0 bytes, shorter than the 8-byte header length")
        #expect(
            message(Array(pythonFixture.prefix(100))) == prefix
                + "header length 200 runs past the end of the file (100 bytes)")
        #expect(
            message(Array(pythonFixture.dropLast(4))) == prefix
                + "tensor \"w\" data_offsets [16, 40] are outside the data section (36 bytes)")
        #expect(
            message([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0x7B]) == prefix
                + "header length 9223372036854775807 is larger than the limit of 100000000 bytes")
        #expect(message(file(header: "{\"a\": {\"dtype\": ", data: [])) == prefix + "header is not valid JSON")
        #expect(
            message(file(header: "[1, 2]", data: []))
                == "m.safetensors: not a safetensors file (mdnx checkpoints come from mdnx train)")
        #expect(message(file(header: "{}", data: [1])) == prefix + "data bytes [0, 1] belong to no tensor")
        #expect(message(file(header: "{\"a\": 1}", data: [])) == prefix + "tensor \"a\" is not an object")
        #expect(
            message(file(header: #"{"a":{"dtype":"F99","shape":[1],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]))
                == prefix + "tensor \"a\" has unknown dtype \"F99\"")
        #expect(
            message(file(header: #"{"a":{"shape":[1],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]))
                == prefix + "tensor \"a\" has no dtype")
        #expect(
            message(file(header: #"{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]))
                == prefix + "tensor \"a\" has no valid shape (a list of non-negative integers)")
        #expect(
            message(file(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0]}}"#, data: [0, 0, 0, 0]))
                == prefix + "tensor \"a\" has no valid data_offsets (two integers)")
        #expect(
            message(file(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, data: [0, 0, 0, 0]))
                == prefix + "tensor \"a\" data_offsets [4, 8] are outside the data section (4 bytes)")
        #expect(
            message(file(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}"#, data: [0, 0, 0, 0]))
                == prefix + "tensor \"a\" data_offsets [4, 0] are outside the data section (4 bytes)")
        #expect(
            message(
                file(
                    header: #"{"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,20]}}"#,
                    data: [UInt8](repeating: 0, count: 20)))
                == prefix
                + "tensor \"a\" of shape [2, 3] and dtype F32 needs 24 bytes, but its data_offsets [0, 20] span 20")
        #expect(
            message(
                file(
                    header:
                        #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#,
                    data: [UInt8](repeating: 0, count: 12)))
                == prefix + "tensors \"a\" [0, 8] and \"b\" [4, 12] overlap")
        #expect(
            message(
                file(
                    header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#,
                    data: [UInt8](repeating: 0, count: 8)))
                == prefix + "data bytes [0, 4] belong to no tensor")
        #expect(
            message(
                file(
                    header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#,
                    data: [UInt8](repeating: 0, count: 8)))
                == prefix + "data bytes [4, 8] belong to no tensor")
        #expect(
            message(file(header: #"{"__metadata__":{"k":1}}"#, data: []))
                == prefix + "__metadata__ value for \"k\" is not a string")
        #expect(
            message(
                file(
                    header: #"{"a":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}"#,
                    data: [UInt8](repeating: 0, count: 8)))
                == "m.safetensors: not an mdnx checkpoint: tensor \"a\" has dtype I64; mdnx reads F32, F64, F16 and BF16"
        )
    }

    /// Issue 10: a CSV given as a checkpoint reported "header length 8103508883213656610";
    /// now it says what the file is.
    @Test func aCSVIsNotASafetensorsFile() {
        let csv = Array("x,y\n0.52,1.8\n0.13,4.2\n".utf8)
        #expect(
            message(csv) == "m.safetensors: not a safetensors file (mdnx checkpoints come from mdnx train); "
                + #"it starts with "x,y\n0.52,1.8\n0.13,…""#)
        // Binary junk: no text hint.
        #expect(
            message([0x00, 0xFF, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x1B])
                == "m.safetensors: not a safetensors file (mdnx checkpoints come from mdnx train)")
    }

    /// Tensor names and dtypes from the file are escaped and cut in messages.
    @Test func namesInMessagesAreEscaped() throws {
        let name = "a\\u001b[2J" + String(repeating: "n", count: 5000)  // JSON escape of ESC
        let text = message(
            file(
                header: "{\"\(name)\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,8]}}",
                data: [0, 0, 0, 0, 0, 0, 0, 0]))
        let m = try #require(text)
        #expect(!m.contains("\u{1B}"), "\(m)")
        #expect(m.contains("tensor \"a\\u{1B}[2Jnnn"))
        #expect(m.count < 300)
    }

    @Test func bf16IsWidened() throws {
        // BF16 is the top half of a float32: 0x3FC0 -> 1.5, 0xC020 -> -2.5.
        let c = try SafeTensors.decode(
            file(
                header: #"{"a":{"dtype":"BF16","shape":[2],"data_offsets":[0,4]}}"#,
                data: [0xC0, 0x3F, 0x20, 0xC0]), path: "x")
        #expect(c["a"]?.values == [1.5, -2.5])
    }

    @Test func missingFileAndDirectory() {
        let p = dir.path + "/none.safetensors"
        #expect(throws: CheckpointError.noSuchFile(path: p)) { try SafeTensors.read(path: p) }
        #expect(throws: CheckpointError.unreadable(path: dir.path, reason: "is a directory")) {
            try SafeTensors.read(path: dir.path)
        }
        #expect(CheckpointError.noSuchFile(path: p).description == "\(p): no such file")
    }
}
