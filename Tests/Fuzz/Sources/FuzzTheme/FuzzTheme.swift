import FuzzSupport
import Themes

/// libFuzzer entry point: the bytes as a theme file (UTF-8, invalid bytes replaced, as the
/// loader reads them), parsed on top of the built-in theme. Checks: no trap; every error is
/// one short line without control characters.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTheme(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        _ = try ThemeParser.parse(text, name: "fuzz", file: "fuzz.toml", defaults: Theme.builtinDefault)
    } catch {
        FuzzCheck.oneLine(error.description, "theme")
    }
    return 0
}

/// The executable's entry point (see `runFuzzer`).
@_cdecl("FuzzTheme_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzzTheme)
}
