import Testing

@testable import SafeText

@Suite struct SafeTextTests {
    @Test func plainTextIsUnchanged() {
        #expect(SafeText.echo("waiting time (min)") == "waiting time (min)")
        #expect(SafeText.quoted("x") == "\"x\"")
        #expect(SafeText.echo("") == "")
        #expect(SafeText.echo("größe ✓") == "größe ✓")
    }

    @Test func controlCharactersAreEscaped() {
        // The cell: OSC "set title" then "clear screen".
        let cell = "\u{1B}]0;title\u{07}\u{1B}[2J"
        #expect(SafeText.echo(cell) == "\\u{1B}]0;title\\u{7}\\u{1B}[2J")
        #expect(SafeText.echo("a\nb\r\tc\0") == "a\\nb\\r\\tc\\u{0}")
        #expect(SafeText.echo("\u{7F}\u{9B}") == "\\u{7F}\\u{9B}")
        // Bidirectional override (trojan-source style), zero-width space, line separator, BOM.
        #expect(SafeText.echo("a\u{202E}b\u{200B}c\u{2028}d\u{FEFF}") == "a\\u{202E}b\\u{200B}c\\u{2028}d\\u{FEFF}")
    }

    @Test func everyControlScalarIsEscaped() {
        for value in UInt32(0)...0x9F where value < 0x20 || value >= 0x7F {
            let scalar = Unicode.Scalar(value)!
            let out = SafeText.echo(String(Character(scalar)))
            #expect(out.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }, "\(value): \(out)")
        }
    }

    @Test func longValuesAreCutWithTheirLength() {
        let long = String(repeating: "a", count: 4_194_304)
        let out = SafeText.quoted(long, limit: 10)
        #expect(out == "\"aaaaaaaaaa…\" (4194304 bytes)")
        #expect(SafeText.echo("abcdef", limit: 3) == "abc… (6 bytes)")
        // Exactly at the limit: not cut.
        #expect(SafeText.echo("abc", limit: 3) == "abc")
        // Escapes count towards the limit and are never split.
        #expect(SafeText.echo("ab\u{1B}cd", limit: 4) == "ab… (5 bytes)")
        // Bytes, not characters: "é" is two bytes.
        #expect(SafeText.echo("ééé", limit: 1) == "é… (6 bytes)")
    }

    @Test func listsAreBounded() {
        let names = (1...100_000).map { "c\($0)" }
        let out = SafeText.quotedList(names, limit: 3)
        #expect(out == "\"c1\", \"c2\", \"c3\", … and 99997 more")
        #expect(SafeText.list(["a", "b"], limit: 3) { i, s in "\(s)\(i)" } == "a0, b1")
    }

    @Test func lineMakesAnyMessageOneBoundedLine() {
        let message = "first\nsecond\u{1B}[2J" + String(repeating: "x", count: 5000)
        let out = SafeText.line(message)
        #expect(!out.contains("\n") && !out.contains("\u{1B}"))
        #expect(out.count < SafeText.messageLimit + 40)
        #expect(out.hasPrefix("first\\nsecond\\u{1B}[2J"))
    }

    @Test func isPlainDetectsControls() {
        #expect(SafeText.isPlain("abc"))
        #expect(!SafeText.isPlain("a\tb"))
    }
}
