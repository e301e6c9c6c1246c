import Foundation
import SafeIO
import Testing

@testable import MDNCore
@testable import MDNIO

@Suite struct CSVOutputTests {
    let dir = TemporaryDirectory()

    @Test func renderIsExact() {
        let text = CSVOutput.render(header: ["x", "y, value", "say \"hi\""], values: [0.1, -2, 1e-5, 3, 0, 12345.5])
        #expect(text == "x,\"y, value\",\"say \"\"hi\"\"\"\n0.1,-2.0,1e-05\n3.0,0.0,12345.5\n")
    }

    @Test func writesNoClobberAndRoundTrips() throws {
        let p = dir.path + "/out.csv"
        let values: [Float] = (0..<40).map { Float($0) * 0.37 - 3 }
        try CSVOutput.write(header: ["x", "y"], values: values, to: p)
        #expect(throws: FileWriteError.exists(path: p)) {
            try CSVOutput.write(header: ["x", "y"], values: [1, 2], to: p)
        }
        let back = try CSVLoader.load(path: p, x: .name("x"), y: .name("y"))
        #expect(
            back.x + back.y == stride(from: 0, to: 40, by: 2).map { values[$0] }
                + stride(from: 1, to: 40, by: 2).map { values[$0] })
        try CSVOutput.write(header: ["x", "y"], values: Array(values.prefix(20)), to: p, overwrite: true)
        #expect(try CSVLoader.load(path: p, x: .index(1), y: .index(2)).count == 10)
    }

    /// Issue 10: names from a CSV header or checkpoint metadata are printed with the table;
    /// control characters in them are written escaped, never raw.
    @Test func headerNamesWithControlCharactersAreEscaped() {
        let text = CSVOutput.render(header: ["x\u{1B}[2J", "y\nz", "plain, with comma"], values: [1, 2, 3])
        #expect(text == #"x\u{1B}[2J,y\nz,"plain, with comma""# + "\n1.0,2.0,3.0\n")
    }
}
