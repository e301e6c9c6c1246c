import Foundation
import TermPlot
import Testing

@testable import Themes

/// Theme lookup: precedence, listing, cycling, fallback, project-directory discovery.
@Suite struct ThemeLoaderTests {
    static let user = "/home/u/.config/mdnx/themes"
    static let project = "/src/mdnx/themes"

    static func theme(truth: String) -> String { "[colors]\ntruth = \"\(truth)\"\n" }

    let fs = InMemoryFileSystem(files: [
        "/src/mdnx/Package.swift": "// swift-tools-version:6.0",
        project + "/dark.toml": theme(truth: "#000001"),
        project + "/light.toml": theme(truth: "#000002"),
        project + "/README.md": "not a theme",
        user + "/light.toml": theme(truth: "#000003"),
        user + "/mine.toml": theme(truth: "#000004"),
        user + "/broken.toml": "[colors]\ntruth = \"#12345\"\n",
        "/tmp/x.toml": theme(truth: "#000005"),
    ])

    var loader: ThemeLoader {
        ThemeLoader(
            userDirectory: Self.user, projectDirectory: Self.project, fileSystem: fs, currentDirectory: "/src/mdnx")
    }

    @Test func listsDeduplicatedNamesDefaultFirst() {
        #expect(loader.themeNames == ["dark", "broken", "light", "mine"])
        let light = loader.available().first { $0.name == "light" }
        #expect(light?.source == .user)
        #expect(light?.path == Self.user + "/light.toml")
        #expect(loader.available().first?.source == .project)
    }

    @Test func userDirectoryBeatsProjectDirectory() throws {
        #expect(try loader.load("light").color(.truth) == RGB(hex: 0x000003))
        #expect(try loader.load("dark").color(.truth) == RGB(hex: 0x000001))
        #expect(try loader.load(nil).color(.truth) == RGB(hex: 0x000001))
    }

    @Test func explicitPathBeatsBoth() throws {
        let theme = try loader.load("/tmp/x.toml")
        #expect(theme.color(.truth) == RGB(hex: 0x000005))
        #expect(theme.name == "x")
        #expect(
            ThemeLoader.isPath("themes/light.toml") && ThemeLoader.isPath("light.toml") && !ThemeLoader.isPath("light"))
    }

    @Test func builtinDarkWithoutFiles() throws {
        let empty = ThemeLoader(userDirectory: nil, projectDirectory: nil, fileSystem: InMemoryFileSystem(files: [:]))
        #expect(empty.themeNames == ["dark"])
        #expect(try empty.load(nil) == Theme.builtinDefault)
        #expect(empty.next(after: "dark") == "dark")
    }

    @Test func unknownNameListsWhatExists() {
        #expect(throws: ThemeError.self) { try loader.load("nope") }
        do {
            _ = try loader.load("nope")
        } catch {
            #expect(
                error.description
                    == #"no theme "nope" in /home/u/.config/mdnx/themes, themes (available: dark, broken, light, mine)"#
            )
        }
    }

    @Test func fallbackGivesTheDefaultAndAWarning() {
        let (theme, warning) = loader.loadOrFallback("broken")
        #expect(theme == Theme.builtinDefault)
        #expect(
            warning
                == ##"/home/u/.config/mdnx/themes/broken.toml:2: colors.truth: "#12345" is not a colour (expected #rrggbb) (using the built-in dark theme)"##
        )
        let missing = loader.loadOrFallback("/tmp/none.toml")
        #expect(missing.warning == "/tmp/none.toml: cannot read theme: no such file (using the built-in dark theme)")
        let fine = loader.loadOrFallback("mine")
        #expect(fine.warning == nil && fine.theme.name == "mine")
    }

    @Test func cyclesThroughThemes() {
        #expect(loader.next(after: "dark") == "broken")
        #expect(loader.next(after: "light") == "mine")
        #expect(loader.next(after: "mine") == "dark")
        #expect(loader.next(after: "x") == "dark")
    }

    @Test func userDirectoryFromEnvironment() {
        #expect(
            ThemeLoader.userThemeDirectory(environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/home/u"])
                == "/cfg/mdnx/themes")
        #expect(
            ThemeLoader.userThemeDirectory(environment: ["XDG_CONFIG_HOME": "rel", "HOME": "/home/u"])
                == "/home/u/.config/mdnx/themes")
        #expect(ThemeLoader.userThemeDirectory(environment: [:]) == nil)
    }

    @Test func findsProjectThemesWalkingUp() {
        #expect(
            ThemeLoader.findProjectThemes(from: ["/src/mdnx/.build/x86_64-unknown-linux-gnu/release"], fileSystem: fs)
                == Self.project)
        #expect(ThemeLoader.findProjectThemes(from: ["/usr/bin", "/src/mdnx/Sources"], fileSystem: fs) == Self.project)
        #expect(ThemeLoader.findProjectThemes(from: ["/usr/bin", "/tmp"], fileSystem: fs) == nil)
        let installed = InMemoryFileSystem(files: [
            "/opt/mdnx/share/mdnx/themes/dark.toml": "", "/opt/mdnx/bin/mdnx": "",
        ])
        #expect(
            ThemeLoader.findProjectThemes(from: ["/opt/mdnx/bin"], fileSystem: installed)
                == "/opt/mdnx/share/mdnx/themes")
    }

    @Test func standardLoaderFindsThisPackagesThemes() {
        let root = URL(fileURLWithPath: projectThemesDirectory).deletingLastPathComponent().path
        let loader = ThemeLoader.standard(
            environment: ["HOME": "/nonexistent-home"],
            executablePath: root + "/.build/release/mdnx", currentDirectory: "/")
        #expect(loader.projectDirectory == projectThemesDirectory)
        #expect(loader.userDirectory == "/nonexistent-home/.config/mdnx/themes")
        #expect(
            Set(["dark", "light", "high-contrast", "colorblind", "monochrome"]).isSubset(of: Set(loader.themeNames)))
        let fromCwd = ThemeLoader.standard(
            environment: [:], executablePath: "/usr/bin/mdnx", currentDirectory: root + "/Sources")
        #expect(fromCwd.projectDirectory == projectThemesDirectory)
    }

    @Test func pathsBelowTheCurrentDirectoryAreShownRelative() {
        #expect(loader.display("/src/mdnx/themes/x.toml") == "themes/x.toml")
        #expect(loader.display("/elsewhere/x.toml") == "/elsewhere/x.toml")
        let atRoot = ThemeLoader(userDirectory: nil, projectDirectory: nil, currentDirectory: "/")
        #expect(atRoot.display("/home/u/.config/mdnx/themes") == "/home/u/.config/mdnx/themes")
    }
}
