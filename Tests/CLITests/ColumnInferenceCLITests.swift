import Foundation
import Testing

/// Obvious CSV columns need no --x/--y, and the commands say which they used.
@Suite struct ColumnInferenceCLITests {
    @Test func aFileFromMdnxDataTrainsWithoutColumns() throws {
        let files = try CLIFiles()
        #expect(try files.run(["data", "spiral", "--count", "200", "-o", "f.csv"]).status == 0)
        let r = try files.run(["train", "--data", "f.csv", "--epochs", "2", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stderr.contains(
                #"f.csv: no --x/--y given; using "x" (column 1) as x and "y" (column 2) as y, the columns named x and y"#
            ))
    }

    @Test func plotUsesTheOnlyTwoNumericColumns() throws {
        let files = try CLIFiles()
        try files.write("g.csv", "site,time,level\na,1,2.5\nb,2,3.5\nc,3,3\n")
        let r = try files.run(["plot", "--data", "g.csv", "--width", "40", "--height", "12", "--color", "never"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains(#"using "time" (column 2) as x and "level" (column 3) as y"#))
        #expect(r.stdout.contains("level"))
    }
}
