import Foundation
import MDNCoreTestSupport
import SafeIO
import Testing

@testable import MDNCore
@testable import MDNIO

@Suite struct CheckpointTests {
    let dir = TemporaryDirectory()

    let checkpoint = Checkpoint(
        kind: .mdn, hidden: [4, 3], mixtures: 2, preset: "tutorial", epochs: 120, seed: 42,
        normalizer: Normalizer(xMean: [2.5], xStd: [1.25], yMean: [-0.5], yStd: [3]),
        xNames: ["angle"], yNames: ["radius, m"], mdnxVersion: "0.1.0", extra: ["val_loss": "-0.177"],
        tensors: [
            NamedTensor(name: "trunk.0.kernel", shape: [1, 4], values: [1, 2, 3, 4]),
            NamedTensor(name: "trunk.0.bias", shape: [4], values: [0, 0, 0, 0.5]),
            NamedTensor(name: "trunk.1.kernel", shape: [4, 3], values: (0..<12).map { Float($0) / 10 }),
            NamedTensor(name: "trunk.1.bias", shape: [3], values: [1, -1, 0]),
            NamedTensor(name: "head.kernel", shape: [3, 6], values: (0..<18).map { Float($0) - 9 }),
            NamedTensor(name: "head.bias", shape: [6], values: [0, 0, 0, 0, 0, 0]),
        ])

    @Test func roundTrip() throws {
        let p = dir.path + "/m.safetensors"
        try checkpoint.save(to: p)
        let back = try Checkpoint.load(path: p)
        #expect(back.kind == .mdn && back.hidden == [4, 3] && back.mixtures == 2 && back.seed == 42)
        #expect(back.normalizer == checkpoint.normalizer && back.yNames == ["radius, m"])
        #expect(back.extra == ["val_loss": "-0.177"])
        #expect(Set(back.tensors.map(\.name)) == Set(checkpoint.tensors.map(\.name)))
        // Tensors come back in file order, which is the order written.
        #expect(back == checkpoint)
        #expect(back.layout == MixtureLayout(components: 2, dimension: 1))
        #expect(throws: CheckpointError.write(.exists(path: p))) { try checkpoint.save(to: p) }
        var mse = checkpoint
        mse.kind = .mse
        mse.mixtures = nil
        try mse.save(to: p, overwrite: true)
        let loaded = try Checkpoint.load(path: p)
        #expect(loaded.kind == .mse && loaded.mixtures == nil && loaded.layout == nil)
    }

    @Test func metadataIsStrings() throws {
        let m = checkpoint.metadata
        #expect(m["format"] == "mdnx-checkpoint/1" && m["kind"] == "mdn" && m["hidden"] == "[4,3]")
        #expect(m["mixtures"] == "2" && m["seed"] == "42" && m["x_names"] == #"["angle"]"#)
        #expect(m["y_names"] == #"["radius, m"]"#)
        #expect(m["normalizer"] == #"{"xMean":[2.5],"xStd":[1.25],"yMean":[-0.5],"yStd":[3]}"#)
    }

    @Test(
        .enabled(
            if: Python.hasSafetensors || Python.isCI,
            "needs python3 with safetensors and numpy (.ci/setup installs them; with CI set this fails instead)"))
    func pythonReadsCheckpoint() throws {
        try #require(Python.hasSafetensors, "python3 with safetensors + numpy is required when CI is set")
        let p = dir.path + "/py.safetensors"
        try checkpoint.save(to: p)
        let script = """
            import sys, json
            from safetensors import safe_open
            with safe_open(sys.argv[1], "np") as f:
                m = f.metadata()
                print(m["kind"], json.loads(m["hidden"]), f.get_tensor("head.kernel").shape, json.loads(m["normalizer"])["yStd"])
            """
        let r = Python.run(script, arguments: [p])
        try #require(r.status == 0, "python failed: \(r.error)")
        #expect(r.output == "mdn [4, 3] (3, 6) [3]\n")
    }

    private func message(metadata: [String: String]) -> String? {
        do {
            _ = try Checkpoint(contents: SafeTensors.Contents(tensors: [], metadata: metadata), path: "c.safetensors")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func rejectsWhatIsNotACheckpoint() throws {
        let prefix = "c.safetensors: not an mdnx checkpoint: "
        #expect(
            message(metadata: [:]) == prefix
                + "no mdnx metadata (the 'format' key is missing); checkpoints come from mdnx train")
        var m = checkpoint.metadata
        m["format"] = "mdnx-checkpoint/9"
        #expect(
            message(metadata: m) == prefix
                + "format \"mdnx-checkpoint/9\" is not \"mdnx-checkpoint/1\" (written by a newer or different program?)"
        )
        m = checkpoint.metadata
        m["kind"] = "gan"
        #expect(message(metadata: m) == prefix + "metadata 'kind' is \"gan\", expected mse or mdn")
        m = checkpoint.metadata
        m["mixtures"] = nil
        #expect(message(metadata: m) == prefix + "metadata key 'mixtures' is missing")
        m = checkpoint.metadata
        m["mixtures"] = "0"
        #expect(message(metadata: m) == prefix + "metadata 'mixtures' is \"0\", expected an integer from 1 to 10000")
        m = checkpoint.metadata
        m["hidden"] = "[128, -1]"
        #expect(
            message(metadata: m) == prefix
                + "metadata 'hidden' is \"[128, -1]\", expected a JSON list of at most 1000 widths from 1 to 1000000"
        )
        m = checkpoint.metadata
        m["normalizer"] = #"{"xMean":[0,0],"xStd":[1,1],"yMean":[0],"yStd":[1]}"#
        #expect(
            message(metadata: m) == prefix
                + "metadata 'normalizer' is not a valid normaliser for 1 input and 1 target column")
        m = checkpoint.metadata
        m["y_names"] = #"["a","b"]"#
        #expect(message(metadata: m) == prefix + #"metadata 'y_names' is "["a","b"]", expected a JSON list of 1 name"#)
        m = checkpoint.metadata
        m["seed"] = "-3"
        #expect(message(metadata: m) == prefix + "metadata 'seed' is \"-3\", expected an unsigned integer")
    }

    /// Issue 10: metadata that would overflow `MixtureLayout.width` (mixtures 2^62) or echo
    /// escape sequences is refused in one line, naming the key and the allowed range.
    @Test func limitsAndEscapesInMetadata() throws {
        let prefix = "c.safetensors: not an mdnx checkpoint: "
        var m = checkpoint.metadata
        m["mixtures"] = "4611686018427387904"
        #expect(
            message(metadata: m) == prefix
                + "metadata 'mixtures' is \"4611686018427387904\", expected an integer from 1 to 10000")
        m = checkpoint.metadata
        m["output_dimension"] = "9223372036854775807"
        #expect(message(metadata: m)?.contains("expected an integer from 1 to 10000") == true)
        m = checkpoint.metadata
        m["hidden"] = "[4611686018427387904]"
        #expect(message(metadata: m)?.contains("widths from 1 to 1000000") == true)
        m = checkpoint.metadata
        m["kind"] = "m\u{1B}]0;title\u{07}\u{1B}[2J"
        #expect(
            message(metadata: m) == prefix + #"metadata 'kind' is "m\u{1B}]0;title\u{7}\u{1B}[2J", expected mse or mdn"#
        )
        m = checkpoint.metadata
        m["kind"] = String(repeating: "k", count: 1_000_000)
        let long = try #require(message(metadata: m))
        #expect(long.count < 200 && long.hasSuffix("(1000000 bytes), expected mse or mdn"))
    }

    /// Names with quotes, backslashes and control characters survive the hand-written JSON.
    @Test func namesRoundTripThroughJSON() throws {
        var c = checkpoint
        c.xNames = ["a \"b\" \\ c\n\u{1}\t"]
        let p = dir.path + "/names.safetensors"
        try c.save(to: p)
        #expect(try Checkpoint.load(path: p).xNames == c.xNames)
        #expect(Checkpoint.jsonList(["x", "\u{1F}"]) == #"["x","\u001f"]"#)
    }

    @Test func plainSafetensorsFileIsNotACheckpoint() throws {
        let p = dir.path + "/plain.safetensors"
        try SafeTensors.write(SafeTensors.Contents(tensors: [NamedTensor(name: "w", shape: [1], values: [1])]), to: p)
        #expect(
            throws: CheckpointError.notACheckpoint(
                path: p, reason: "no mdnx metadata (the 'format' key is missing); checkpoints come from mdnx train")
        ) {
            try Checkpoint.load(path: p)
        }
    }
}
