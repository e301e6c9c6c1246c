import Testing

@testable import MDNIO

@Suite struct ColumnInferenceTests {
    let dir = TemporaryDirectory()

    private func infer(_ text: String) throws -> ColumnInference? {
        try ColumnInference.infer(path: dir.file("f.csv", text))
    }

    @Test func columnsNamedXAndYWinWhateverElseIsThere() throws {
        let c = try #require(try infer("id,y,x,w\n1,2,3,4\n2,3,4,5\n"))
        #expect(c.xName == "x" && c.yName == "y" && c.xPosition == 3 && c.yPosition == 2 && c.reason == .named)
        #expect(c.selectors.x == .name("x") && c.selectors.y == .name("y"))
        // Any letter case, quoted, with spaces around.
        let upper = try #require(try infer("\" X \",Y\n1,2\n"))
        #expect(upper.xName == "X" && upper.yName == "Y")
    }

    @Test func theOnlyTwoNumericColumns() throws {
        let c = try #require(try infer("name,time,temp,note\na,1,20.5,ok\nb,2,NA,\nc,3,21,late\n"))
        #expect(c.xName == "time" && c.yName == "temp" && c.xPosition == 2 && c.yPosition == 3)
        #expect(c.reason == .onlyNumeric)
        #expect(c.note(path: "f.csv").hasSuffix("the file's only two numeric columns"))
    }

    @Test func rowNamesAreSkippedAsTheLoaderDoes() throws {
        // R's write.csv: an empty first header over quoted row numbers.
        let c = try #require(try infer("\"\",\"waiting\",\"eruptions\"\n\"1\",79,3.6\n\"2\",54,1.8\n"))
        #expect(c.xName == "waiting" && c.yName == "eruptions" && c.xPosition == 1 && c.yPosition == 2)
        let data = try CSVLoader.load(
            path: dir.path + "/f.csv", x: [c.selectors.x], y: [c.selectors.y], minimumRows: 1)
        #expect(data.x == [79, 54] && data.y == [3.6, 1.8])
    }

    @Test func repeatedNamesAreSelectedByPosition() throws {
        let c = try #require(try infer("a,a,label\n1,2,u\n3,4,v\n"))
        #expect(c.selectors.x == .index(1) && c.selectors.y == .index(2))
    }

    @Test func notObvious() throws {
        #expect(try infer("a,b,c\n1,2,3\n") == nil)  // three numeric columns
        #expect(try infer("a,b\n1,x\n2,y\n") == nil)  // one numeric column
        #expect(try infer("a,b,c\n1,2,\n3,4,NA\n") != nil)  // c is only missing values: not numeric
        #expect(try infer("x,x,y\n1,2,3\n") == nil)  // two columns named x, and three numeric
        #expect(try infer("a,b\n") == nil)  // no data rows
    }

    @Test func unreadableFilesThrowTheLoadersErrors() {
        #expect(throws: CSVError.noSuchFile(path: dir.path + "/none.csv")) {
            try ColumnInference.infer(path: dir.path + "/none.csv")
        }
        #expect(throws: CSVError.empty(path: dir.path + "/e.csv")) {
            try ColumnInference.infer(path: dir.file("e.csv", ""))
        }
    }
}
