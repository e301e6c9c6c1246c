import FuzzSupport
import MDNIO

/// libFuzzer entry point: the bytes as a CSV file, read by `CSVLoader` with columns chosen
/// by position and by name, keeping or dropping rows with missing values. Checks: no trap;
/// every value read is finite and within `DecimalNumber.largest`; every error is one short
/// line without control characters.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = FuzzFile.write(UnsafeBufferPointer(start: data, count: size))
    let choices: [([ColumnSelector], Bool)] = [
        ([.index(1), .index(2)], false), ([.name("x"), .name("y")], true), ([.index(2)], true),
    ]
    for (columns, drop) in choices {
        do {
            let table = try CSVLoader.readColumns(path: path, columns: columns, dropMissing: drop, minimumRows: 1)
            if let bad = table.values.first(where: { !(abs($0) <= DecimalNumber.largest) }) {
                fatalError("csv: value \(bad) read outside the number rule")
            }
        } catch {
            FuzzCheck.oneLine(error.description, "csv")
        }
    }
    return 0
}

/// The executable's entry point (see `runFuzzer`).
@_cdecl("FuzzCSV_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzzCSV)
}
