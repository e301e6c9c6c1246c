extension Theme {
    /// The text of themes/dark.toml, embedded at build time by the EmbedDefaultTheme plugin
    /// (the shipped file is the only source of the default look), so mdnx looks right even
    /// when no theme file can be found.
    public static let builtinDefaultSource: String = embeddedDefaultThemeSource

    /// The dark theme, parsed from `builtinDefaultSource`.
    public static let builtinDefault: Theme = {
        do {
            return try ThemeParser.parse(
                builtinDefaultSource, name: "dark", file: "<built-in dark theme>", defaults: nil
            ).theme
        } catch {
            preconditionFailure("the built-in theme does not parse: \(error)")
        }
    }()
}
