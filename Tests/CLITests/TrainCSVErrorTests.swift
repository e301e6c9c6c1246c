import Foundation
import Testing

/// `mdnx train --data` with bad CSV input: one exact error line, non-zero exit, no stdout.
@Suite struct TrainCSVErrorTests {
    /// Runs `train --data FILE --x x --y y` on a file holding `csv` and returns the result.
    private func train(_ csv: String?, file: String = "in.csv", extra: [String] = []) throws -> MDNXProcess.Result {
        let files = try CLIFiles()
        if let csv { try files.write(file, csv) }
        return try files.run(["train", "--data", file, "--x", "x", "--y", "y"] + extra)
    }

    private func expectFailure(_ r: MDNXProcess.Result, _ line: String, status: Int32 = 1) {
        #expect(r.status == status)
        #expect(r.errorLine == line)
        #expect(r.stdout.isEmpty)
    }

    @Test func missingFile() throws {
        expectFailure(try train(nil, file: "nofile.csv"), "Error: nofile.csv: no such file")
    }

    @Test func unknownColumnListsTheAvailableOnes() throws {
        let files = try CLIFiles()
        try files.write("in.csv", "waiting,eruptions\n" + (1...12).map { "\($0),\($0)\n" }.joined())
        let r = try files.run(["train", "--data", "in.csv", "--x", "wait", "--y", "eruptions"])
        expectFailure(r, #"Error: in.csv: no column named "wait"; available columns: "waiting" (1), "eruptions" (2)"#)
    }

    @Test func nonNumericCellNamesFileLineColumnAndValue() throws {
        expectFailure(try train("x,y\n1,2\n3,abc\n"), #"Error: in.csv:3: column "y": "abc" is not a number"#)
    }

    @Test func emptyCellWithoutDropMissing() throws {
        expectFailure(
            try train("x,y\n1,2\n3,\n"),
            #"Error: in.csv: 1 row has a missing value (first: line 3, column "y"); pass --drop-missing to skip such rows"#
        )
    }

    @Test func naWithoutDropMissing() throws {
        expectFailure(
            try train("x,y\n1,2\nNA,4\n5,NA\n"),
            #"Error: in.csv: 2 rows have missing values (first: line 3, column "x"); pass --drop-missing to skip such rows"#
        )
    }

    @Test func dropMissingSkipsThemAndSaysSo() throws {
        let rows = (1...30).map { "\($0),\($0 % 7)\n" }.joined()
        let r = try train("x,y\n" + rows + "NA,1\n2,\n", extra: ["--drop-missing", "--epochs", "2", "--quiet"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("30 rows from in.csv, 2 dropped for missing values; read in "))
    }

    @Test func emptyFile() throws {
        expectFailure(
            try train(""), "Error: in.csv: empty file (expected a header row of column names, then data rows)")
    }

    @Test func headerOnly() throws {
        expectFailure(try train("x,y\n"), "Error: in.csv: no data rows after the header; training needs at least 10")
    }

    @Test func oneRow() throws {
        expectFailure(try train("x,y\n1,2\n"), "Error: in.csv: only 1 data row; training needs at least 10")
    }

    @Test func ragged() throws {
        expectFailure(try train("x,y\n1,2\n3\n"), "Error: in.csv:3: 1 field but the header has 2")
    }

    @Test func zeroMixtures() throws {
        expectFailure(
            try train("x,y\n1,2\n", extra: ["--mixtures", "0"]),
            "Error: --mixtures must be an integer from 1 to 1000, or auto (got 0) (see 'mdnx train --help')",
            status: 64)
    }

    @Test func dataNeedsColumnsAndListsThem() throws {
        let files = try CLIFiles()
        // Three numeric columns, none named x or y: which two to use is not obvious.
        try files.write("in.csv", "\u{FEFF}\"\",\"waiting\",\"eruptions\",\"day\"\r\n\"1\",79,3.6,1\r\n")
        for options in [[], ["--x", "waiting"], ["--y", "eruptions"]] {
            let r = try files.run(["train", "--data", "in.csv"] + options)
            expectFailure(
                r,
                "Error: in.csv: choose the input and target columns with --x COLUMN --y COLUMN "
                    + "(names or 1-based positions; they can be left out when two columns are named x and y, "
                    + #"or when only two columns are numeric); available columns: "waiting" (1), "eruptions" (2), "#
                    + #""day" (3)"#)
        }
    }

    @Test func columnsWithoutData() throws {
        let r = try MDNXProcess.run(["train", "--x", "a", "--y", "b"])
        expectFailure(
            r, "Error: --x, --y and --drop-missing apply to --data only (see 'mdnx train --help')", status: 64)
    }

    @Test func dataAndDatasetConflict() throws {
        expectFailure(
            try train("x,y\n1,2\n", extra: ["--dataset", "bishop"]),
            "Error: --data and --dataset cannot be combined (see 'mdnx train --help')", status: 64)
    }

    @Test func holdoutTooLargeForTheFile() throws {
        let rows = (1...12).map { "\($0),\($0)\n" }.joined()
        expectFailure(
            try train("x,y\n" + rows, extra: ["--holdout", "12"]),
            "Error: --holdout 12 leaves no rows to train on: in.csv has 12 usable rows")
    }

    @Test func unknownFlag() throws {
        let r = try MDNXProcess.run(["train", "--data", "x.csv", "--x", "a", "--y", "b", "--frobnicate"])
        #expect(r.status == 64)
        #expect(r.stderr == "Error: Unknown option '--frobnicate' (see 'mdnx train --help')\n")
    }
}
