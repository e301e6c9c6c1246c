import Foundation
import TermPlot
import Testing

@testable import Themes

/// The project's themes/ directory, found from this file's path.
let projectThemesDirectory: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }  // Tests/ThemesTests/File.swift -> package root
    return url.appendingPathComponent("themes").path
}()

/// The themes shipped in themes/: they parse, define every role, and are readable.
@Suite struct ShippedThemesTests {
    static let colourThemes = ["dark", "light", "high-contrast", "colorblind"]
    static let allThemes = colourThemes + ["monochrome"]

    func text(_ name: String) throws -> String {
        try String(contentsOfFile: projectThemesDirectory + "/\(name).toml", encoding: .utf8)
    }

    @Test(arguments: colourThemes)
    func colourThemeDefinesEveryKeyItself(name: String) throws {
        // No defaults: a missing key would throw.
        let parsed = try ThemeParser.parse(try text(name), name: name, file: "themes/\(name).toml", defaults: nil)
        #expect(parsed.theme.displayName == name)
        #expect(!parsed.theme.isMonochrome)
        #expect(!parsed.theme.summary.isEmpty)
    }

    @Test func monochromeDefinesEveryMonoRole() throws {
        let parsed = try ThemeParser.parse(
            try text("monochrome"), name: "monochrome", file: "themes/monochrome.toml",
            defaults: Theme.builtinDefault)
        #expect(parsed.theme.isMonochrome)
        #expect(!parsed.inheritedKeys.contains { $0.hasPrefix("mono.") })
        #expect(!parsed.inheritedKeys.contains("colors.background") && !parsed.inheritedKeys.contains("colors.text"))
    }

    @Test(arguments: colourThemes)
    func readableContrast(name: String) throws {
        let theme = try ThemeLoader(userDirectory: nil, projectDirectory: projectThemesDirectory).load(name)
        let bg = theme.background
        #expect(contrast(theme.color(.text), bg) >= 7, "\(name) text")
        #expect(contrast(theme.color(.mseCurve), bg) >= 3, "\(name) MSE curve")
        #expect(contrast(theme.color(.mdnSamples), bg) >= 3, "\(name) MDN samples")
        #expect(contrast(theme.color(.truth), bg) >= 2, "\(name) ground truth")
        #expect(contrast(theme.color(.statusForeground), theme.color(.statusBackground)) >= 4.5, "\(name) status bar")
        #expect(contrast(theme.color(.helpForeground), theme.color(.helpBackground)) >= 4.5, "\(name) help")
    }

    /// MSE, MDN and ground truth stay apart under simulated protanopia, deuteranopia and
    /// tritanopia (Machado, Oliveira & Fernandes 2009, severity 1, applied in linear RGB).
    @Test(arguments: colourThemes)
    func modelsStayApartForColourBlindViewers(name: String) throws {
        let theme = try ThemeLoader(userDirectory: nil, projectDirectory: projectThemesDirectory).load(name)
        let matrices: [String: [[Double]]] = [
            "protanopia": [
                [0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998],
            ],
            "deuteranopia": [
                [0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881],
            ],
            "tritanopia": [
                [1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900],
            ],
        ]
        for (deficiency, m) in matrices {
            let sim = { (c: RGB) in simulate(c, m) }
            let mse = sim(theme.color(.mseCurve))
            let mdn = sim(theme.color(.mdnSamples))
            let truth = sim(theme.color(.truth))
            #expect(distance(mse, mdn) >= 150, "\(name), \(deficiency): MSE vs MDN \(distance(mse, mdn))")
            #expect(distance(mse, truth) >= 80, "\(name), \(deficiency): MSE vs truth")
            #expect(distance(mdn, truth) >= 80, "\(name), \(deficiency): MDN vs truth")
        }
    }

    @Test func lightThemeHasALightBackground() throws {
        let loader = ThemeLoader(userDirectory: nil, projectDirectory: projectThemesDirectory)
        let light = try loader.load("light")
        #expect(light.isLight)
        #expect(light.background == RGB(hex: 0xFFFFFF))
        #expect(light.color(.mseCurve) == RGB(hex: 0xD75F00))
        #expect(light.color(.statusBackground) == RGB(hex: 0xD0D0D0))
        #expect(!(try loader.load("dark")).isLight)
        // The faintest density level is near the background, the strongest far from it.
        #expect(contrast(light.densityRamp[0], light.background) < contrast(light.densityRamp[7], light.background))
    }

    @Test func builtinDefaultIsTheDarkThemeFile() throws {
        #expect(Theme.builtinDefaultSource == (try text("dark")))
        let fromFile = try ThemeLoader(userDirectory: nil, projectDirectory: projectThemesDirectory).load("dark")
        #expect(fromFile == Theme.builtinDefault)
    }

    @Test func readmeDocumentsEveryKey() throws {
        let readme = try String(contentsOfFile: projectThemesDirectory + "/README.md", encoding: .utf8)
        for key in ThemeParser.validKeys {
            #expect(readme.contains("`\(key)`"), "themes/README.md does not document \(key)")
        }
        for name in Self.allThemes { #expect(readme.contains("`\(name)`")) }
    }
}

/// WCAG 2 contrast ratio between two sRGB colours.
func contrast(_ a: RGB, _ b: RGB) -> Double {
    func luminance(_ c: RGB) -> Double {
        let l = linear(c)
        return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2]
    }
    let la = luminance(a)
    let lb = luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

/// sRGB channels (0...255) to linear light (0...1).
func linear(_ c: RGB) -> [Double] {
    [c.r, c.g, c.b].map { v in
        let x = Double(v) / 255
        return x <= 0.04045 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4)
    }
}

/// A colour as seen with a colour-vision deficiency: matrix in linear RGB, back to sRGB 0...255.
func simulate(_ c: RGB, _ m: [[Double]]) -> [Double] {
    let l = linear(c)
    return m.map { row in
        let v = min(1, max(0, row[0] * l[0] + row[1] * l[1] + row[2] * l[2]))
        return 255 * (v <= 0.0031308 ? 12.92 * v : 1.055 * pow(v, 1 / 2.4) - 0.055)
    }
}

/// Euclidean distance between two sRGB triples.
func distance(_ a: [Double], _ b: [Double]) -> Double {
    sqrt(zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) })
}
