import MDNFigures
import TermPlot
import Testing
import Themes

/// The shipped themes draw every role at every colour depth, and tell the roles apart
/// without colour.
@Suite struct ShippedThemeStylesTests {
    static let allThemes = ["dark", "light", "high-contrast", "colorblind", "monochrome"]

    @Test(arguments: ShippedThemeStylesTests.allThemes)
    func everyRoleResolvesAtEveryDepth(name: String) throws {
        let theme = try ThemeLoader(userDirectory: nil, projectDirectory: projectThemesDirectory).load(name)
        for depth in ColorDepth.allCases {
            for role in Theme.allRoles {
                let style = theme.resolved(role, depth: depth)
                if depth == .none || theme.isMonochrome {
                    #expect(style.fg == .default && style.bg == nil)
                } else {
                    #expect(style.fg != .default || theme.ansi8.values.contains(.default))
                }
            }
        }
        let palette = theme.palette
        #expect(palette.background == theme.color(.background))
        #expect(palette.name == name)
    }

    @Test(arguments: ShippedThemeStylesTests.allThemes)
    func rolesDifferWithoutColour(name: String) throws {
        let theme = try ThemeLoader(userDirectory: nil, projectDirectory: projectThemesDirectory).load(name)
        let roles: [StyleRole] = [.figure(.truth), .figure(.mseCurve), .figure(.mdnSamples), .statusBar]
        let attrs = roles.map { theme.resolved($0, depth: .none).attributes }
        #expect(Set(attrs).count == roles.count, "\(name): \(attrs)")
        let losses = LossModel.allCases.flatMap { m in
            LossSplit.allCases.map { theme.resolved(.figure(.loss(model: m, split: $0)), depth: .none).attributes }
        }
        #expect(Set(losses).count == 4, "\(name): loss curves \(losses)")
    }

    @Test func lightThemePaletteIsLight() throws {
        let light = try ThemeLoader(userDirectory: nil, projectDirectory: projectThemesDirectory).load("light")
        #expect(light.palette.background == RGB(hex: 0xFFFFFF))
        #expect(light.palette.style(for: .figure(.mseCurve)).foreground == RGB(hex: 0xD75F00))
        #expect(light.palette.style(for: .statusBar).background == RGB(hex: 0xD0D0D0))
    }
}
