import Foundation
import Testing

@testable import MDNCore
@testable import MDNIO

@Suite struct CSVLoaderTests {
    let dir = TemporaryDirectory()

    private func load(_ path: String, x: String = "x", y: String = "y", drop: Bool = false) throws(CSVError) -> Dataset
    {
        try CSVLoader.load(path: path, x: ColumnSelector(parsing: x), y: ColumnSelector(parsing: y), dropMissing: drop)
    }

    /// The message of the CSVError thrown by `body`, or nil.
    private func message<T>(_ body: () throws -> T) -> String? {
        do {
            _ = try body()
            return nil
        } catch let error as CSVError { return error.description } catch {
            return "unexpected error type: \(error)"
        }
    }

    @Test func plainFile() throws {
        let p = dir.file("plain.csv", "x,y\n" + numberedRows(12))
        let d = try load(p)
        #expect(d.count == 12)
        #expect(d.x == (1...12).map(Float.init))
        #expect(d.y == (1...12).map { Float(2 * $0) })
        #expect(d.xNames == ["x"] && d.yNames == ["y"])
    }

    @Test func quotedFieldsAndHeadersCRLFAndBOM() throws {
        var text = "\"angle, rad\",\"y \"\"value\"\"\",other\r\n"
        for i in 1...10 { text += "\"\(i).5\",\"-\(i)\",\"text, with comma\"\r\n" }
        let p = dir.bytes("quoted.csv", [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        let d = try load(p, x: "angle, rad", y: "y \"value\"")
        #expect(d.x.first == 1.5 && d.x.last == 10.5)
        #expect(d.y.first == -1 && d.y.last == -10)
        #expect(d.xNames == ["angle, rad"] && d.yNames == ["y \"value\""])
        // The BOM is not part of the first header name.
        let q = dir.bytes("bom.csv", [0xEF, 0xBB, 0xBF] + Array(("x,y\r\n" + numberedRows(10)).utf8))
        #expect(try load(q).xNames == ["x"])
    }

    @Test func rowNameColumnFromRIsSkipped() throws {
        // What R's write.csv(data.frame(x=..., y=...)) writes.
        var text = "\"\",\"x\",\"y\"\n"
        for i in 1...10 { text += "\"\(i)\",\(Double(i) / 10),\(i * 3)\n" }
        let p = dir.file("r.csv", text)
        let report = try CSVLoader.read(path: p, x: [.name("x")], y: [.name("y")])
        #expect(report.skippedRowNames)
        #expect(report.dataset.x[0] == 0.1 && report.dataset.y[9] == 30)
        // Positions count data columns only: 1 is x, 2 is y.
        let byIndex = try load(p, x: "1", y: "2")
        #expect(byIndex == report.dataset)
        // pandas' to_csv writes an unquoted empty first header.
        let pandas = dir.file("pandas.csv", ",x,y\n" + (0..<10).map { "\($0),\($0),\($0 + 1)\n" }.joined())
        #expect(try load(pandas).y.first == 1)
    }

    @Test func selectByIndexAndAmbiguity() throws {
        let p = dir.file("digits.csv", "a,b,2\n" + (1...10).map { "\($0),\($0 * 10),\($0 * 100)\n" }.joined())
        let d = try load(p, x: "1", y: "3")
        #expect(d.x.first == 1 && d.y.first == 100 && d.yNames == ["2"])
        #expect(
            message { try load(p, x: "1", y: "2") }
                == "\(p): column \"2\" is ambiguous: column 2 is \"b\" but column 3 is named \"2\"; "
                + "write name:2 for column 3, or b for column 2")
        let named = try load(p, x: "a", y: "name:2")
        #expect(named.y.first == 100)
        // A digits header at its own position is not ambiguous.
        let q = dir.file("own.csv", "1,2\n" + numberedRows(10))
        #expect(try load(q, x: "1", y: "2").y.first == 2)
    }

    @Test func selectorParsing() {
        #expect(ColumnSelector(parsing: "3") == .index(3))
        #expect(ColumnSelector(parsing: "03") == .index(3))
        #expect(ColumnSelector(parsing: "x3") == .name("x3"))
        #expect(ColumnSelector(parsing: "-1") == .name("-1"))
        #expect(ColumnSelector(parsing: "name:7") == .name("7"))
        #expect(ColumnSelector(parsing: "") == .name(""))
    }

    @Test func multipleInputColumns() throws {
        let p = dir.file("multi.csv", "a,b,c\n" + (1...10).map { "\($0),\(-$0),\($0 * $0)\n" }.joined())
        let d = try CSVLoader.load(path: p, x: [.name("a"), .index(2)], y: [.name("c")])
        #expect(d.inputDimension == 2 && d.xNames == ["a", "b"])
        #expect(Array(d.x.prefix(4)) == [1, -1, 2, -2])
    }

    @Test func readColumnsWithoutTargets() throws {
        let p = dir.file("x-only.csv", "id,x\n7,0.5\n8,NA\n9,1.5\n")
        let t = try CSVLoader.readColumns(path: p, columns: [.name("x")], dropMissing: true, minimumRows: 1)
        #expect(t.names == ["x"] && t.values == [0.5, 1.5] && t.count == 2 && t.rowsRead == 3 && t.rowsDropped == 1)
    }

    @Test func missingValues() throws {
        var text = "x,y,note\n" + numberedRows(12).replacingOccurrences(of: "\n", with: ",\n")
        text += "3,NA,\n4,,\n5,NaN,\nn/a,1,\n6, null ,x\n7,8,\n"
        let p = dir.file("missing.csv", text)
        // Rows with missing values start at line 14 (header = line 1, 12 rows before).
        #expect(
            message { try load(p) }
                == "\(p): 5 rows have missing values (first: line 14, column \"y\"); pass --drop-missing to skip such rows"
        )
        let report = try CSVLoader.read(path: p, x: [.name("x")], y: [.name("y")], dropMissing: true)
        #expect(report.rowsRead == 18 && report.rowsDropped == 5)
        #expect(report.dataset.count == 13 && report.dataset.y.last == 8)
        // A missing value in a column that is not selected does not matter.
        #expect(try load(p, x: "x", y: "y", drop: true).count == 13)
        let one = dir.file("one-missing.csv", "x,y\n" + numberedRows(10) + "1,\n")
        #expect(
            message { try load(one) }
                == "\(one): 1 row has a missing value (first: line 12, column \"y\"); pass --drop-missing to skip such rows"
        )
    }

    @Test func nonNumericCell() {
        let p = dir.file("text.csv", "x,y\n" + numberedRows(3) + "4,abc\n" + numberedRows(8))
        #expect(message { try load(p) } == "\(p):5: column \"y\": \"abc\" is not a number")
        let q = dir.file("inf.csv", "x,y\n" + numberedRows(10) + "1e39,1\n")
        #expect(
            message { try load(q) }
                == "\(q):12: column \"x\": \"1e39\" is too large (mdnx reads numbers up to 1e36 in magnitude, "
                + "so that scaling and plotting stay finite)")
        let r = dir.file("infword.csv", "x,y\n-inf,1\n" + numberedRows(10))
        #expect(message { try load(r) } == "\(r):2: column \"x\": \"-inf\" is not a finite number")
    }

    /// Issue 10: `nan` counted as missing while `0x1p3` read as 8 and `1e-50` silently became
    /// 0. One rule now (`DecimalNumber`): decimal numbers only, nothing that float32 would
    /// turn into 0 or infinity; NaN stays a missing-value marker (pandas writes it so).
    @Test func oneRuleForNumbers() throws {
        func cell(_ text: String) -> String? {
            let p = dir.file("cell.csv", "x,y\n" + numberedRows(10) + "1,\(text)\n")
            return message { try load(p) }?.replacingOccurrences(of: p, with: "cell.csv")
        }
        #expect(
            cell("0x1p3") == "cell.csv:12: column \"y\": \"0x1p3\" is not a number (mdnx reads decimal numbers only)")
        #expect(
            cell("1e-50")
                == "cell.csv:12: column \"y\": \"1e-50\" is too close to 0 for float32 (it would read as 0; "
                + "the smallest is 1.4e-45)")
        #expect(cell("nan")?.contains("1 row has a missing value (first: line 12") == true)
        #expect(cell("Infinity") == "cell.csv:12: column \"y\": \"Infinity\" is not a finite number")
        #expect(cell("3e38")?.contains("is too large") == true)
        // Within the rule: signs, points, exponents, zeros of any spelling, subnormals.
        for ok in ["-2.5", ".5", "3.", "+1e-3", "2E+6", "0e-999", "-0.0", "1.5e-45", "1e36"] {
            #expect(cell(ok) == nil, "\(ok)")
        }
        for bad in ["1e", "e3", ".", "1.2.3", "--1", "1_000", "1,5", "0b1", "١"] {
            #expect(cell("\"\(bad)\"")?.contains("is not a number") == true, "\(bad)")
        }
    }

    /// Issue 10: y = +-3e38 was accepted and crashed the explorer's first frame; the range
    /// check (1e36) rejects it on load.
    @Test func hugeValuesAreRejectedOnLoad() {
        let p = dir.file("huge.csv", "x,y\n" + (1...12).map { "\($0),\($0 % 2 == 0 ? "3e38" : "-3e38")\n" }.joined())
        #expect(message { try load(p) }?.hasPrefix("\(p):2: column \"y\": \"-3e38\" is too large") == true)
    }

    /// Issue 10: a rejected multi-megabyte cell was echoed whole, and a stray quote pulled the
    /// rest of the file into one cell; messages are now one bounded line.
    @Test func hugeAndMultilineCellsGiveOneShortLine() throws {
        let big = dir.file(
            "big.csv", "x,y\n" + numberedRows(10) + "1," + String(repeating: "a", count: 1_000_000) + "\n")
        let m = try #require(message { try load(big) })
        #expect(m.hasSuffix("…\" (1000000 bytes) is not a number") && m.count < 400)
        let stray = dir.file("stray.csv", "x,y\n" + numberedRows(3) + "4,\"5\n" + numberedRows(20))
        let s = try #require(message { try load(stray) })
        #expect(!s.contains("\n") && s.count < 400, "\(s)")
        let escape = dir.file("esc.csv", "x,y\n" + numberedRows(10) + "1,\u{1B}]0;title\u{07}\u{1B}[2J\n")
        #expect(
            message { try load(escape) }
                == "\(escape):12: column \"y\": \"\\u{1B}]0;title\\u{7}\\u{1B}[2J\" is not a number")
    }

    /// Issue 10: a 1M-column header with an unknown column printed a 19.8 MB error.
    @Test func unknownColumnListsABoundedNumberOfColumns() throws {
        let header = (1...100_000).map { "c\($0)" }.joined(separator: ",")
        let p = dir.file(
            "wide.csv", header + "\n" + Array(repeating: "1", count: 100_000).joined(separator: ",") + "\n")
        let m = try #require(message { try CSVLoader.readColumns(path: p, columns: [.name("nope")], minimumRows: 0) })
        #expect(m.hasSuffix("\"c12\" (12), … and 99988 more") && m.count < 400)
    }

    @Test func spacesAroundNumbersAndBlankLines() throws {
        let p = dir.file("spaces.csv", " x , y \n\n" + (1...10).map { " \($0) ,\t\($0 + 1)\n\n" }.joined())
        let d = try load(p)
        #expect(d.count == 10 && d.x.first == 1 && d.y.last == 11)
        #expect(d.xNames == ["x"])
    }

    @Test func lineNumbersCountBreaksInsideQuotes() {
        let p = dir.file("multiline.csv", "x,y,comment\n1,2,\"two\nlines\"\n2,3,\"\"\n3,oops,\"\"\n")
        #expect(message { try load(p) } == "\(p):5: column \"y\": \"oops\" is not a number")
    }

    @Test func emptyAndShortFiles() {
        let empty = dir.file("empty.csv", "")
        #expect(
            message { try load(empty) }
                == "\(empty): empty file (expected a header row of column names, then data rows)")
        let blank = dir.file("blank.csv", "\n\n\n")
        #expect(
            message { try load(blank) }
                == "\(blank): empty file (expected a header row of column names, then data rows)")
        let blankHeader = dir.file("blank-header.csv", "\nx,y\n1,2\n")
        #expect(
            message { try load(blankHeader) }
                == "\(blankHeader):1: blank line where the header row (column names) should be")
        let headerOnly = dir.file("header.csv", "x,y\n")
        #expect(
            message { try load(headerOnly) }
                == "\(headerOnly): no data rows after the header; training needs at least 10")
        let oneRow = dir.file("one.csv", "x,y\n1,2\n")
        #expect(message { try load(oneRow) } == "\(oneRow): only 1 data row; training needs at least 10")
        let nine = dir.file("nine.csv", "x,y\n" + numberedRows(9))
        #expect(message { try load(nine) } == "\(nine): only 9 data rows; training needs at least 10")
        let dropped = dir.file("dropped.csv", "x,y\n" + numberedRows(9) + "1,NA\n")
        #expect(
            message { try load(dropped, drop: true) }
                == "\(dropped): only 9 data rows left after dropping 1 with missing values; training needs at least 10")
        let headerOnlyForScoring = {
            try CSVLoader.load(path: headerOnly, x: .name("x"), y: .name("y"), minimumRows: 1)
        }
        #expect(message(headerOnlyForScoring) == "\(headerOnly): no data rows after the header; need at least 1")
        let allDropped = dir.file("all-dropped.csv", "x,y\n1,NA\n2,NA\n")
        #expect(
            message { try load(allDropped, drop: true) }
                == "\(allDropped): no data rows left after dropping 2 with missing values; training needs at least 10")
    }

    @Test func missingFileAndDirectory() {
        let p = dir.path + "/nope.csv"
        #expect(message { try load(p) } == "\(p): no such file")
        #expect(message { try load(dir.path) } == "\(dir.path): is a directory, not a CSV file")
    }

    @Test func unknownAndOutOfRangeColumns() {
        let p = dir.file("cols.csv", "x,y\n" + numberedRows(10))
        #expect(
            message { try load(p, y: "z") } == "\(p): no column named \"z\"; available columns: \"x\" (1), \"y\" (2)")
        #expect(
            message { try load(p, y: "5") }
                == "\(p): there is no column 5: the file has 2 columns: \"x\" (1), \"y\" (2)")
        #expect(
            message { try load(p, x: "0") }
                == "\(p): there is no column 0 (columns are numbered from 1); available columns: \"x\" (1), \"y\" (2)")
        let headerless = dir.file("headerless.csv", numberedRows(11))
        #expect(
            message { try load(headerless) }
                == "\(headerless): no column named \"x\"; available columns: \"1\" (1), \"2\" (2) "
                + "(the first line looks like numbers: the file needs a header row)")
    }

    @Test func duplicateAndRepeatedColumns() throws {
        let p = dir.file("dup.csv", "x,y,x\n" + (1...10).map { "\($0),\($0),\($0)\n" }.joined())
        #expect(
            message { try load(p) }
                == "\(p): several columns are named \"x\" (columns 1, 3); select one by position instead")
        #expect(try load(p, x: "3", y: "y").count == 10)
        #expect(
            message { try load(p, x: "y", y: "2") }
                == "\(p): column \"y\" is selected more than once; inputs and targets must be different columns")
    }

    @Test func fieldCountMismatch() {
        let p = dir.file("ragged.csv", "x,y\n" + numberedRows(4) + "5,10,15\n" + numberedRows(6))
        #expect(message { try load(p) } == "\(p):6: 3 fields but the header has 2")
        let q = dir.file("short.csv", "x,y,z\n1,2,3\n4\n")
        #expect(message { try load(q) } == "\(q):3: 1 field but the header has 3")
    }

    @Test func invalidUTF8() {
        let p = dir.bytes(
            "latin1.csv",
            Array("x,y\n1,2\n".utf8) + [0x33, 0xE9, 0xFF, 0x2C, 0x31, 0x0A]
                + Array(numberedRows(10).utf8))
        #expect(message { try load(p) } == "\(p): not UTF-8 text (save the CSV as UTF-8)")
    }

    @Test func streamsManyRows() throws {
        let n = 100_000
        var text = "x,y\n"
        text.reserveCapacity(n * 20)
        for i in 0..<n { text += "\(Float(i) * 0.001),\(Float(i) * -0.5)\n" }
        let p = dir.file("big.csv", text)
        let report = try CSVLoader.read(path: p, x: [.name("x")], y: [.name("y")])
        #expect(report.rowsRead == n && report.dataset.count == n)
        #expect(report.dataset.x[n - 1] == Float(n - 1) * 0.001)
        #expect(report.seconds > 0 && report.rowsPerSecond > 1000)
        print("CSVLoader: \(n) rows in \(report.seconds) s (\(Int(report.rowsPerSecond)) rows/s)")
    }
}
