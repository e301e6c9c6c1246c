import Foundation
import Testing

@testable import Themes

/// `TOMLReader` against Python's `tomllib` (the standard library's TOML 1.0 reader, an
/// independent implementation): the same leaves for every shipped theme and for a document
/// using every construct the reader supports; and one-line errors for what it refuses.
@Suite struct TOMLReaderTests {
    /// Every construct of the subset.
    static let sample = #"""
        # comment
        name = "x" # trailing comment
        "quoted key" = 'literal \n stays'
        dotted.key.path = 1_000
        negative = -17
        float = 6.02e+23
        small = -1.5E-3
        zero = 0.0
        big = +inf
        yes = true
        no = false
        escapes = "tab\there \"q\" \\ \u00e9 \U0001F600"
        list = [ "a", 'b', ]
        nested = [[1, 2], [3.5], []]
        multi = [
          "one",  # first
          "two",
        ]
        inline = { a = 1, b.c = "d" }
        empty = {}

        [colors]
        truth = "#ffffff"

        [ loss . mse ]
        train = "#000000"

        [tables.in.a.row]
        [tables.other]
        v = [{ a = 1 }]
        """#

    /// The reader's leaves as comparable text: path -> "kind:value".
    static func leaves(_ text: String) throws -> [String: String] {
        let values = try TOMLReader(text: text, file: "t.toml").values
        return values.mapValues(describe)
    }

    static func describe(_ leaf: TOMLLeaf) -> String {
        switch leaf {
        case .string(let s): return "str:" + s.unicodeScalars.map { String($0.value) }.joined(separator: ",")
        case .bool(let b): return "bool:\(b)"
        case .integer(let n): return "int:\(n)"
        case .float(let d): return d.isInfinite ? "float:\(d < 0 ? "-inf" : "inf")" : "float:\(d)"
        case .array(let a): return "[" + a.map(describe).joined(separator: ";") + "]"
        case .table: return "table"
        case .other(let name): return "other:\(name)"
        }
    }

    /// The same leaves computed by Python's tomllib (same rules: tables walked into, empty
    /// tables and tables inside arrays are "table").
    static func pythonLeaves(_ text: String) throws -> [String: String]? {
        let script = #"""
            import sys, tomllib, json
            def d(v):
                if isinstance(v, bool): return "bool:" + ("true" if v else "false")
                if isinstance(v, int): return "int:" + str(v)
                if isinstance(v, float):
                    if v in (float("inf"), float("-inf")): return "float:" + ("inf" if v > 0 else "-inf")
                    return "float:" + repr(v)
                if isinstance(v, str): return "str:" + ",".join(str(ord(c)) for c in v)
                if isinstance(v, list): return "[" + ";".join(d(x) for x in v) + "]"
                if isinstance(v, dict): return "table"
            out = {}
            def walk(t, prefix):
                for k, v in t.items():
                    p = prefix + "." + k if prefix else k
                    if isinstance(v, dict):
                        if not v: out[p] = "table"
                        walk(v, p)
                    else:
                        out[p] = d(v)
            walk(tomllib.loads(sys.stdin.read()), "")
            print(json.dumps(out))
            """#
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = Pipe()
        do { try process.run() } catch { return nil }
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return try JSONDecoder().decode([String: String].self, from: data)
    }

    static let hasTomllib = (try? pythonLeaves("a = 1")) != nil

    @Test(.enabled(if: TOMLReaderTests.hasTomllib, "needs python3 >= 3.11 (tomllib)"))
    func agreesWithTomllibOnEveryConstruct() throws {
        let python = try #require(try Self.pythonLeaves(Self.sample))
        let ours = try Self.leaves(Self.sample)
        #expect(ours == python)
        #expect(ours["escapes"] == "str:116,97,98,9,104,101,114,101,32,34,113,34,32,92,32,233,32,128512")
        #expect(ours["inline.b.c"] != nil && ours["empty"] == "table" && ours["tables.in.a.row"] == "table")
    }

    @Test(.enabled(if: TOMLReaderTests.hasTomllib, "needs python3 >= 3.11 (tomllib)"))
    func agreesWithTomllibOnTheShippedThemes() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("themes")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".toml") }
        #expect(files.count >= 5)
        for file in files {
            let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            #expect(try Self.leaves(text) == Self.pythonLeaves(text), "\(file)")
        }
    }

    /// What TOML forbids and tomllib refuses too, and what themes do not use, each one line
    /// naming line and column.
    @Test(arguments: [
        ("a = 1\na = 2", "t.toml:2:1: malformed TOML: key \"a\" is defined twice"),
        ("[a]\n[a]", "t.toml:2:4: malformed TOML: table [a] is defined twice"),
        ("a = 1\n[a]", "t.toml:2:4: malformed TOML: \"a\" is not a table"),
        ("a = {b = 1}\na.c = 2", "t.toml:2:1: malformed TOML: table \"a\" was defined inline"),
        ("a = \"x", "t.toml:1:7: malformed TOML: unterminated string"),
        ("a = 01", "t.toml:1:5: malformed TOML: expected a value, saw \"01\""),
        ("a = 1__0", "t.toml:1:5: malformed TOML: expected a value, saw \"1__0\""),
        ("a = 1 b", "t.toml:1:7: malformed TOML: expected the end of the line, saw \"b\""),
        ("a = [1 2]", "t.toml:1:8: malformed TOML: expected , or ] in the array, saw \"2\""),
        ("a = \"\"\"x\"\"\"", "t.toml:1:5: malformed TOML: multi-line strings are not used in theme files"),
        ("[[a]]", "t.toml:1:2: malformed TOML: arrays of tables ([[...]]) are not used in theme files"),
        ("a = 1979-05-27", "t.toml:1:5: malformed TOML: \"1979-05-27\": dates and times are not used in theme files"),
        (
            "a = 0x1F",
            "t.toml:1:5: malformed TOML: \"0x1F\": hexadecimal, octal and binary numbers are not used in theme files"
        ),
        ("a = \"\\q\"", "t.toml:1:8: malformed TOML: unknown escape \\q"),
        ("a\r= 1", "t.toml:1:2: malformed TOML: expected = after the key, saw the end of the line"),
        ("a = 1\r", "t.toml:1:7: malformed TOML: a carriage return must be followed by a line feed"),
    ])
    func refusals(text: String, expected: String) throws {
        do {
            _ = try TOMLReader(text: text, file: "t.toml")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description == expected)
            if Self.hasTomllib, !expected.contains("not used in theme files") {
                #expect(try Self.pythonLeaves(text) == nil, "tomllib accepts \(text)")
            }
        }
    }

    /// Deep nesting is refused, not a stack overflow.
    @Test func deepNestingIsRefused() {
        let text = "a = " + String(repeating: "[", count: 10_000)
        #expect(throws: ThemeError.self) { _ = try TOMLReader(text: text, file: "t.toml") }
    }
}
