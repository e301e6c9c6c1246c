import Foundation
import Testing

@testable import mdnx

/// `mdnx sample` option errors: temperatures, counts, grids.
@Suite struct SampleCommandErrorTests {
    private func sample(_ extra: [String]) throws -> MDNXProcess.Result {
        let files = try CheckpointFileErrorTests.trainedModel()
        return try files.run(["sample", "--model", "m.safetensors", "--grid", "0:1:3"] + extra)
    }

    @Test(arguments: [("0", "0"), ("-1", "-1"), ("nan", "\"nan\""), ("inf", "inf"), ("0x1p3", "\"0x1p3\"")])
    func badTemperature(value: String, shown: String) throws {
        let r = try sample(["--temperature", value])
        #expect(r.status == 64)
        #expect(
            r.stderr
                == "Error: --temperature must be a number greater than 0 (got \(shown)) (see 'mdnx sample --help')\n")
        #expect(r.stdout.isEmpty)
    }

    @Test(arguments: [("0", "0"), ("-1", "-1"), ("nan", "\"nan\"")])
    func badSigmaTemperature(value: String, shown: String) throws {
        let r = try sample(["--sigma-temperature", value])
        #expect(r.status == 64)
        #expect(
            r.errorLine
                == "Error: --sigma-temperature must be a number greater than 0 (got \(shown)) (see 'mdnx sample --help')"
        )
    }

    /// Issue 10: `--per-x 9223372036854775807` overflowed and `--per-x 100000000000` aborted.
    @Test(arguments: ["0", "-5", "9223372036854775807", "100000000000", "99999999999999999999"])
    func perXOutOfRange(value: String) throws {
        let r = try sample(["--per-x", value])
        #expect(r.status == 64)
        #expect(
            r.stderr
                == "Error: --per-x must be an integer from 1 to 10000000 (got \(value)) (see 'mdnx sample --help')\n")
    }

    /// The product of x values and --per-x is bounded too.
    @Test func tooManySamplesInAll() throws {
        let files = try CheckpointFileErrorTests.trainedModel()
        let r = try files.run(["sample", "--model", "m.safetensors", "--grid", "0:1:1000", "--per-x", "20000"])
        #expect(r.status == 1)
        #expect(
            r.stderr == "Error: --per-x 20000 with 1000 x values makes 20000000 samples; at most 10000000 per run\n")
    }

    @Test func negativeGridStartIsAValue() throws {
        let files = try CheckpointFileErrorTests.trainedModel()
        let r = try files.run(["sample", "--model", "m.safetensors", "--grid", "-0.1:1.1:3"])
        #expect(r.status == 0)
        #expect(r.outputLines.count == 4 && r.outputLines[1].hasPrefix("-0.1,"))
    }

    @Test func unknownFlag() throws {
        // ArgumentParser runs validate() before it reports unknown options, so the rest of the
        // command line has to be valid for the typo to be named.
        let r = try MDNXProcess.run(["sample", "--model", "m.safetensors", "--grid", "0:1:3", "--tempreature", "1"])
        #expect(r.status == 64)
        #expect(r.errorLine.hasPrefix("Error: Unknown option '--tempreature'"))
    }
}

/// `--grid` reads itself (`SampleGrid`): a bad value stops parsing with one line naming it.
@Suite struct SampleGridArgumentTests {
    @Test(arguments: ["0:5:0", "abc", "0:inf:3", "0:1", "0:1:2.5", "0:1:10000001", "0x1p1:2:3", "-3e38:3e38:5"])
    func badGridIsOneLineNamingTheValue(value: String) throws {
        let r = try MDNXProcess.run(["sample", "--model", "m.safetensors", "--grid", value])
        #expect(r.status == 64)
        #expect(
            r.errorLine == "Error: The value '\(value)' is invalid for '--grid <grid>': expected START:END:N with "
                + "decimal numbers START, END (at most 1e36 in magnitude) and a count N from 1 to 10000000, e.g. 0:5:200 "
                + "(see 'mdnx sample --help')")
        #expect(r.stdout.isEmpty)
    }

    @Test func goodGridParses() throws {
        // Both ends included: 3 values from -1 to 1.
        #expect(try SampleGrid(parsing: "-1:1:3").values == [-1, 0, 1])
        #expect(SampleGrid(argument: "2:2:1")?.values == [2])
        #expect(SampleGrid(argument: "2:2") == nil)
    }
}
