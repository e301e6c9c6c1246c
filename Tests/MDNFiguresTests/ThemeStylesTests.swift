import MDNFigures
import TermPlot
import Testing
import Themes

/// Theme -> terminal styles and palette at each colour depth (built-in dark theme, hand-mapped values).
@Suite struct ThemeResolveTests {
    let dark = Theme.builtinDefault

    @Test func noColorKeepsAttributesOnly() {
        let env = ["NO_COLOR": "1", "TERM": "xterm-256color"]
        let depth = ColorDepth.detect(environment: env, terminalColors: 256)
        #expect(dark.resolved(.statusBar, depth: depth) == TerminalStyle(fg: .default, bg: nil, reverse: true))
        #expect(dark.resolved(.figure(.mseCurve), depth: depth) == TerminalStyle(fg: .default, bold: true))
        #expect(dark.resolved(.figure(.truth), depth: depth) == TerminalStyle(fg: .default, dim: true))
        #expect(dark.resolved(.figure(.mdnSamples), depth: depth) == TerminalStyle(fg: .default))
        #expect(dark.resolved(.warning, depth: depth) == TerminalStyle(fg: .default, bold: true, reverse: true))
    }

    @Test func xtermEightColours() {
        let depth = ColorDepth.detect(environment: ["TERM": "xterm"])
        #expect(depth == .color8)
        // Overrides from [ansi8]: mse_curve yellow, mdn_samples cyan, truth white; bold and
        // dim come from [attributes] plus [mono] (truth dim, MSE bold).
        #expect(dark.resolved(.figure(.mseCurve), depth: depth) == TerminalStyle(fg: .ansi(3), bold: true))
        #expect(dark.resolved(.figure(.mdnSamples), depth: depth) == TerminalStyle(fg: .ansi(6)))
        #expect(dark.resolved(.figure(.truth), depth: depth) == TerminalStyle(fg: .ansi(7), dim: true))
        #expect(dark.resolved(.dimText, depth: depth) == TerminalStyle(fg: .ansi(7), dim: true))
        #expect(dark.resolved(.density(level: 0), depth: depth).dim)
        // Nearest: #d0d0d0 -> white (3*25^2), #303030 -> black (3*48^2); [mono]'s reverse is not added.
        #expect(dark.resolved(.statusBar, depth: depth) == TerminalStyle(fg: .ansi(7), bg: .ansi(0)))
        #expect(dark.resolved(.warning, depth: depth) == TerminalStyle(fg: .ansi(1), bold: true))
        #expect(dark.resolved(.background, depth: depth).bg == .ansi(0))
        // Components take [ansi8] components by rank in 8 colours, at every level: the dark
        // theme's ["magenta", "blue"] gives the larger half magenta, the smaller half blue.
        #expect(dark.resolved(.figure(.component(rank: 0, of: 20, level: 0)), depth: depth).fg == .ansi(5))
        #expect(dark.resolved(.figure(.component(rank: 0, of: 20, level: 7)), depth: depth).fg == .ansi(5))
        #expect(dark.resolved(.figure(.component(rank: 19, of: 20, level: 7)), depth: depth).fg == .ansi(4))
        // A data tint needs more than 8 colours: the picture's own background (#1c1c1c -> black).
        #expect(dark.resolved(.figure(.dataTint), depth: depth).fg == .ansi(0))
    }

    @Test func twoHundredFiftySixColours() {
        #expect(dark.resolved(.figure(.mseCurve), depth: .color256) == TerminalStyle(fg: .indexed(208), bold: true))
        #expect(dark.resolved(.statusBar, depth: .color256) == TerminalStyle(fg: .indexed(252), bg: .indexed(236)))
        #expect(dark.resolved(.background, depth: .color256) == TerminalStyle(fg: .indexed(252), bg: .indexed(234)))
    }

    @Test func truecolour() {
        #expect(
            dark.resolved(.figure(.mseCurve), depth: .truecolor)
                == TerminalStyle(fg: .rgb(RGB(hex: 0xFF8700)), bold: true))
        #expect(dark.resolved(.density(level: 0), depth: .truecolor).fg == .rgb(RGB(hex: 0x440154)))
        #expect(dark.resolved(.density(level: 7), depth: .truecolor).fg == .rgb(RGB(hex: 0xFDE725)))
    }

    @Test func componentLevelsBlendTowardTheBackground() {
        let c = RGB(hex: 0xFF5FAF)
        let bg = RGB(hex: 0x1C1C1C)
        #expect(dark.foreground(.figure(.component(rank: 0, of: 20, level: 7))) == c)
        // Level 0 shows 30%: 28 + (255-28)*0.3 = 96.1, 28 + (95-28)*0.3 = 48.1, 28 + (175-28)*0.3 = 72.1.
        #expect(dark.foreground(.figure(.component(rank: 0, of: 20, level: 0))) == RGB(96, 48, 72))
        #expect(bg == dark.background)
    }

    @Test func componentColoursComeFromTheColormapByRank() {
        // The dark theme's stops: #ff5faf #af87ff #87d75f #d7af5f #767676 (rank 0 takes the first).
        #expect(dark.foreground(.figure(.component(rank: 19, of: 20, level: 7))) == RGB(hex: 0x767676))
        // Rank 1 of 5 sits at sqrt(1/4) = 0.5: the middle stop exactly; rank 1 of 17 at 0.25: the second.
        #expect(dark.foreground(.figure(.component(rank: 1, of: 5, level: 7))) == RGB(hex: 0x87D75F))
        #expect(dark.foreground(.figure(.component(rank: 1, of: 17, level: 7))) == RGB(hex: 0xAF87FF))
        // Rank 1 of 65 sits at 1/8: halfway between the first two stops.
        #expect(dark.foreground(.figure(.component(rank: 1, of: 65, level: 7))) == RGB(215, 115, 215))
        // 20 components get 20 different colours (no cycle).
        let colours = (0..<20).map { dark.foreground(.figure(.component(rank: $0, of: 20, level: 7))) }
        #expect(Set(colours).count == 20)
    }

    @Test func dataTintIsFaint() {
        // 20% of the truth colour #808080 over #1c1c1c: 28 + (128-28)*0.2 = 48.
        #expect(dark.foreground(.figure(.dataTint)) == RGB(48, 48, 48))
    }

    @Test func monoDensityLevelsDifferByAttribute() {
        let faint = dark.resolved(.density(level: 0), depth: .none)
        let middle = dark.resolved(.density(level: 4), depth: .none)
        let strong = dark.resolved(.density(level: 7), depth: .none)
        #expect(faint.dim && !faint.bold)
        #expect(!middle.dim && !middle.bold)
        #expect(strong.bold && !strong.dim)
    }

    @Test func monochromeThemeIgnoresColourAtEveryDepth() throws {
        let mono = try ThemeParser.parse(
            "monochrome = true\n[colors]\nbackground = \"#ffffff\"\ntext = \"#000000\"\n",
            name: "m", file: "m.toml", defaults: dark
        ).theme
        for depth in ColorDepth.allCases {
            #expect(mono.resolved(.figure(.mseCurve), depth: depth) == TerminalStyle(fg: .default, bold: true))
            #expect(mono.resolved(.statusBar, depth: depth) == TerminalStyle(fg: .default, reverse: true))
        }
        // Exports still get colours: everything in the text colour on the background.
        #expect(mono.palette.style(for: .figure(.mdnSamples)).foreground == RGB(hex: 0x000000))
        #expect(mono.palette.background == RGB(hex: 0xFFFFFF))
        #expect(mono.palette.style(for: .statusBar).reverse)
    }

    @Test func paletteCarriesColourAttributes() {
        let style = dark.palette.style(for: .figure(.mseCurve))
        #expect(style.foreground == RGB(hex: 0xFF8700) && style.bold && !style.dim)
        #expect(
            dark.palette.style(for: .figure(.loss(model: .mdn, split: .validation))).foreground == RGB(hex: 0x5F87AF))
        #expect(dark.palette.style(for: .help).background == RGB(hex: 0x262626))
        #expect(dark.palette.style(for: .figure(.truth)).background == nil)
    }
}
