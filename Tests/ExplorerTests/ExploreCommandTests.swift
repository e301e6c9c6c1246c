import Explorer
import Foundation
import MDNCore
import MDNIO
import TermPlot
import Testing

@testable import mdnx

@Suite("mdnx explore flags")
struct ExploreCommandTests {
    @Test("defaults: spiral, K from the preset (nil), default preset, overlay, braille, 20 fps, svg+png exports")
    func defaults() throws {
        let o = try ExploreCommand.parse([]).options()
        #expect(o.source == .spiral && o.mixtures == nil && o.preset == .default)
        #expect(o.view == .overlay && o.canvas == .braille && o.fps == 20)
        #expect(o.temperature == 1 && o.sigmaTemperature == 1 && o.seed == 42)
        #expect(o.exportFormats == [.svg, .png] && o.exportDirectory == ".")
        #expect(!o.mixturesAuto && o.pace == nil)
    }

    @Test("--mixtures auto and --pace reach the options")
    func autoAndPace() throws {
        let o = try ExploreCommand.parse(["--mixtures", "auto", "--pace", "5"]).options()
        #expect(o.mixturesAuto && o.mixtures == nil && o.pace == 5)
        #expect(try ExploreCommand.parse(["--mixtures", "3"]).options().mixtures == 3)
    }

    /// A small MDN checkpoint in `dir` recording `data` (nil: none) as its data.
    static func checkpoint(in dir: String, name: String, data: String?) throws -> String {
        var rng = SeededRNG(seed: 3)
        let network = Network(kind: .mdn, hidden: [4], mixtures: 2, rng: &rng)
        let path = dir + "/" + name
        try Checkpoint(
            network: network, preset: "default", epochs: 3, seed: 9, extra: data.map { ["data": $0] } ?? [:]
        ).save(to: path)
        return path
    }

    @Test("--model: the data its checkpoint records (a built-in set with its count and seed, or a CSV next to it)")
    func modelsWithTheirData() throws {
        let dir = NSTemporaryDirectory() + "mdnx-explore-model-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let builtin = try Self.checkpoint(in: dir, name: "b.safetensors", data: "bishop count=700 seed=5")
        let o = try ExploreCommand.parse(["--model", builtin]).options()
        #expect(o.models.count == 1 && o.source == .bishop && o.count == 700 && o.seed == 5)
        try "x,y\n1,2\n".write(toFile: dir + "/d.csv", atomically: true, encoding: .utf8)
        let csv = try Self.checkpoint(in: dir, name: "c.safetensors", data: "d.csv")
        let c = try ExploreCommand.parse(["--model", csv]).options()
        #expect(c.source == .csv(path: dir + "/d.csv", x: "x", y: "y") && c.dataDescription == "d.csv")
        // --dataset wins over what the checkpoint records.
        #expect(try ExploreCommand.parse(["--model", csv, "--dataset", "spiral"]).options().source == .spiral)
    }

    @Test("--model with --data and no --x/--y: the model's own column names, as mdnx eval and plot take them")
    func modelsNameTheirColumns() throws {
        let dir = NSTemporaryDirectory() + "mdnx-explore-model-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Three numeric columns: nothing to infer, so only the model can say which are x and y.
        try "height,t,weight\n1,2,3\n2,3,4\n".write(toFile: dir + "/d.csv", atomically: true, encoding: .utf8)
        var rng = SeededRNG(seed: 3)
        let path = dir + "/m.safetensors"
        try Checkpoint(
            network: Network(kind: .mdn, hidden: [4], mixtures: 2, rng: &rng), preset: "default", epochs: 3, seed: 9,
            xNames: ["t"], yNames: ["height"]
        ).save(to: path)
        /// The columns an explore command line reads, as the CSV loader will parse them.
        func columns(_ args: [String]) throws -> (x: ColumnSelector, y: ColumnSelector)? {
            let command = try ExploreCommand.parse(args)
            try command.validate()
            guard case .csv(let p, let x, let y) = try command.options().source, p == dir + "/d.csv" else { return nil }
            return (ColumnSelector(parsing: x), ColumnSelector(parsing: y))
        }
        let named = try columns(["--model", path, "--data", dir + "/d.csv"])
        #expect(named?.x == .name("t") && named?.y == .name("height"))
        // --x or --y given wins over the model's name for that axis.
        let mixed = try columns(["--model", path, "--data", dir + "/d.csv", "--y", "weight"])
        #expect(mixed?.x == .name("t") && mixed?.y == .name("weight"))
        // Without a model, the same file still needs --x and --y.
        #expect(throws: (any Error).self) { try ExploreCommand.parse(["--data", dir + "/d.csv"]).validate() }
    }

    @Test("--model: one-line errors for a checkpoint without data, a missing CSV, two of a kind, a bad file")
    func modelErrors() throws {
        let dir = NSTemporaryDirectory() + "mdnx-explore-model-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func message(_ args: [String]) -> String {
            do {
                _ = try ExploreCommand.parse(args).options()
                return ""
            } catch {
                return "\(error)"
            }
        }
        let none = try Self.checkpoint(in: dir, name: "none.safetensors", data: nil)
        #expect(message(["--model", none]).contains("does not record the data it was trained on; give --data FILE"))
        let gone = try Self.checkpoint(in: dir, name: "gone.safetensors", data: "gone.csv")
        #expect(message(["--model", gone]).contains("was trained on gone.csv, which is not there"))
        let twice = message(["--model", none, "--model", gone, "--dataset", "spiral"])
        #expect(twice.contains("are both mdn models; give at most one mse and one mdn model"))
        try "not a checkpoint".write(toFile: dir + "/bad.safetensors", atomically: true, encoding: .utf8)
        #expect(message(["--model", dir + "/bad.safetensors"]).contains("bad.safetensors"))
        for text in [message(["--model", none]), twice] { #expect(!text.contains("\n")) }
    }

    @Test("every flag reaches the options")
    func allFlags() throws {
        let o = try ExploreCommand.parse([
            "--dataset", "bishop", "--mixtures", "5", "--preset", "tutorial", "--temperature", "0.5",
            "--sigma-temperature", "2", "--seed", "7", "--view", "density", "--canvas", "ascii", "--fps", "30",
            "--theme", "light", "--export-dir", "/tmp/x", "--export-format", "txt,ansi", "--profile",
        ]).options()
        #expect(o.source == .bishop && o.mixtures == 5 && o.preset == .tutorial)
        #expect(o.temperature == 0.5 && o.sigmaTemperature == 2 && o.seed == 7)
        #expect(o.view == .density && o.canvas == .ascii && o.fps == 30 && o.theme == "light")
        #expect(o.exportDirectory == "/tmp/x" && o.exportFormats == [.txt, .ansi] && o.profile)
    }

    @Test("CSV data with columns")
    func csv() throws {
        let o = try ExploreCommand.parse(["--data", "d.csv", "--x", "a", "--y", "2"]).options()
        #expect(o.source == .csv(path: "d.csv", x: "a", y: "2"))
    }

    @Test("CSV data whose columns are named x and y needs no --x/--y")
    func csvWithObviousColumns() throws {
        let path = NSTemporaryDirectory() + "mdnx-explore-\(UUID().uuidString).csv"
        try Data("t,x,y\n1,2,3\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let o = try ExploreCommand.parse(["--data", path]).options()
        #expect(o.source == .csv(path: path, x: "name:x", y: "name:y"))
    }

    @Test(
        "bad values are rejected with a message naming the flag",
        arguments: [
            ["--view", "nope"], ["--canvas", "sixel"], ["--dataset", "moons"], ["--preset", "fast"],
            ["--mixtures", "0"], ["--temperature", "0"], ["--fps", "0"], ["--export-format", "gif"],
            ["--data", "d.csv"], ["--x", "a"], ["--mixtures", "65"], ["--mixtures", "automatic"], ["--pace", "0"],
            ["--pace", "-1"], ["--pace", "nan"],
        ])
    func rejects(args: [String]) {
        #expect(throws: (any Error).self) { _ = try ExploreCommand.parse(args) }
    }

    @Test(
        "--export-format names the unknown format or asks for one",
        arguments: [
            ("svg,gif", "unknown format 'gif' (txt, ansi, svg, png)"),
            (",", "give at least one format (txt, ansi, svg, png)"),
        ])
    func exportFormatMessages(value: String, reason: String) {
        do {
            _ = try ExploreCommand.parse(["--export-format", value])
            Issue.record("--export-format \(value) was accepted")
        } catch {
            #expect(
                ExploreCommand.message(for: error)
                    == "The value '\(value)' is invalid for '--export-format <export-format>': \(reason)")
        }
    }

    @Test func exportFormatsKeepTheirOrder() throws {
        #expect(try ExportFormatList(parsing: "png,txt,png").formats == [.png, .txt, .png])
        #expect(ExportFormatList(argument: "ansi")?.formats == [.ansi])
    }
}
